import assert from 'node:assert/strict';
import { AssumeRoleCommand, GetCallerIdentityCommand, GetSessionTokenCommand, STSClient, STSServiceException } from '@aws-sdk/client-sts';
import { fromTemporaryCredentials } from '@aws-sdk/credential-providers';
import type { AwsCredentialIdentity, AwsCredentialIdentityProvider } from '@smithy/types';
import { startLiveServer, type LiveServer } from '../helpers/liveServer.js';
import { IsolatedAwsEnv } from './support/python.js';
import { ACCOUNT, assumedRoleArn, createUser, roleArn, type TestUser } from './support/users.js';

/** aws-sdk-js-v3, in this process: the SDK reads AWS_* settings, so they are swapped out meanwhile. */
describe('STS with @aws-sdk/client-sts and fromTemporaryCredentials', function () {
  this.timeout(20_000);
  let server: LiveServer;
  let env: IsolatedAwsEnv;
  let alice: TestUser;
  let aliceKeys: AwsCredentialIdentity;
  let savedEnv: Record<string, string | undefined>;

  before(async () => {
    server = await startLiveServer();
    env = await IsolatedAwsEnv.create();
    alice = await createUser(server, 'alice');
    aliceKeys = { accessKeyId: alice.creds.accessKeyId, secretAccessKey: alice.creds.secretAccessKey };
    savedEnv = Object.fromEntries(Object.entries(process.env).filter(([name]) => name.startsWith('AWS_')));
    for (const name of Object.keys(savedEnv)) delete process.env[name];
    Object.assign(process.env, {
      AWS_CONFIG_FILE: env.configFile,
      AWS_SHARED_CREDENTIALS_FILE: env.credentialsFile,
      AWS_EC2_METADATA_DISABLED: 'true',
      // Node 20 is this project's runtime; the SDK's advice to move to 22 is noise here.
      AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
    });
  });

  after(async () => {
    for (const name of Object.keys(process.env)) if (name.startsWith('AWS_')) delete process.env[name];
    Object.assign(process.env, savedEnv);
    await server?.close();
    await env?.remove();
  });

  function client(credentials: AwsCredentialIdentity | AwsCredentialIdentityProvider): STSClient {
    return new STSClient({ endpoint: server.url, region: 'us-east-1', credentials, maxAttempts: 1 });
  }

  function clientConfig() {
    return { endpoint: server.url, region: 'us-east-1', maxAttempts: 1 };
  }

  function issuedFor(session: string): Array<Record<string, unknown>> {
    return server.deps.logs.records().filter((record) => record.audit === 'credentials-issued' && record.sessionName === session);
  }

  it('AssumeRoleCommand returns credentials that GetCallerIdentityCommand answers as the assumed role', async () => {
    const assumed = await client(aliceKeys).send(
      new AssumeRoleCommand({ RoleArn: roleArn('sdk-role'), RoleSessionName: 'sdk-session', DurationSeconds: 900 }),
    );
    const creds = assumed.Credentials;
    assert.ok(creds?.AccessKeyId && creds.SecretAccessKey && creds.SessionToken && creds.Expiration);
    assert.match(creds.AccessKeyId, /^ASIA[A-Z0-9]{16}$/);
    assert.ok(creds.Expiration instanceof Date && creds.Expiration.getTime() > Date.now() + 800_000);
    assert.equal(assumed.AssumedRoleUser?.Arn, assumedRoleArn('sdk-role', 'sdk-session'));
    assert.equal(assumed.AssumedRoleUser?.AssumedRoleId, `${alice.id}:sdk-session`);
    assert.match(assumed.$metadata.requestId ?? '', /^[0-9a-f-]{36}$/);
    const temporary = { accessKeyId: creds.AccessKeyId, secretAccessKey: creds.SecretAccessKey, sessionToken: creds.SessionToken };
    const identity = await client(temporary).send(new GetCallerIdentityCommand({}));
    assert.equal(identity.Arn, assumedRoleArn('sdk-role', 'sdk-session'));
    assert.equal(identity.UserId, `${alice.id}:sdk-session`);
    assert.equal(identity.Account, ACCOUNT);
  });

  it('GetCallerIdentityCommand with the user keys answers the IAM user', async () => {
    const identity = await client(aliceKeys).send(new GetCallerIdentityCommand({}));
    assert.equal(identity.Arn, `arn:aws:iam::${ACCOUNT}:user/alice`);
    assert.equal(identity.UserId, alice.id);
  });

  it('GetSessionTokenCommand gives credentials that act as the user', async () => {
    const { Credentials: creds } = await client(aliceKeys).send(new GetSessionTokenCommand({ DurationSeconds: 900 }));
    assert.ok(creds?.AccessKeyId && creds.SecretAccessKey && creds.SessionToken);
    const identity = await client({ accessKeyId: creds.AccessKeyId, secretAccessKey: creds.SecretAccessKey, sessionToken: creds.SessionToken }).send(
      new GetCallerIdentityCommand({}),
    );
    assert.equal(identity.Arn, `arn:aws:iam::${ACCOUNT}:user/alice`);
  });

  it('fromTemporaryCredentials assumes the role by itself and its credentials work', async () => {
    const provider = fromTemporaryCredentials({
      params: { RoleArn: roleArn('provider-role'), RoleSessionName: 'from-provider', DurationSeconds: 900 },
      masterCredentials: aliceKeys,
      clientConfig: clientConfig(),
    });
    const identity = await client(provider).send(new GetCallerIdentityCommand({}));
    assert.equal(identity.Arn, assumedRoleArn('provider-role', 'from-provider'));
    const issued = issuedFor('from-provider');
    assert.equal(issued.length, 1);
    assert.equal(issued[0]?.callerKey, alice.name);
    assert.equal(issued[0]?.durationSeconds, 900);
  });

  it('nested fromTemporaryCredentials chain roles, the child within its parent', async () => {
    const parent = fromTemporaryCredentials({
      params: { RoleArn: roleArn('parent-role'), RoleSessionName: 'sdk-parent', DurationSeconds: 1800 },
      masterCredentials: aliceKeys,
      clientConfig: clientConfig(),
    });
    const child = fromTemporaryCredentials({
      params: { RoleArn: roleArn('child-role'), RoleSessionName: 'sdk-child', DurationSeconds: 3600 },
      masterCredentials: parent,
      clientConfig: clientConfig(),
    });
    const identity = await client(child).send(new GetCallerIdentityCommand({}));
    assert.equal(identity.Arn, assumedRoleArn('child-role', 'sdk-child'));
    const [parentLine] = issuedFor('sdk-parent');
    const [childLine] = issuedFor('sdk-child');
    assert.equal(childLine?.chained, true);
    assert.equal(childLine?.callerKey, parentLine?.accessKeyId);
    const childSession = await server.deps.store.getSession(String(childLine?.accessKeyId));
    const parentSession = await server.deps.store.getSession(String(parentLine?.accessKeyId));
    assert.equal(childSession?.parentAccessKeyId, parentSession?.accessKeyId);
    assert.ok(childSession && parentSession && childSession.expiresAt <= parentSession.expiresAt);
  });

  it('surfaces an AWS error as an STSServiceException with its code, status and request id', async () => {
    const refused = await client(aliceKeys)
      .send(new AssumeRoleCommand({ RoleArn: roleArn('sdk-role'), RoleSessionName: 'too-short', DurationSeconds: 899 }))
      .then(
        () => assert.fail('AssumeRole with 899 seconds succeeded'),
        (err: unknown) => err,
      );
    assert.ok(refused instanceof STSServiceException, String(refused));
    assert.equal(refused.name, 'ValidationError');
    assert.equal(refused.$fault, 'client');
    assert.equal(refused.$metadata.httpStatusCode, 400);
    assert.match(refused.$metadata.requestId ?? '', /^[0-9a-f-]{36}$/);
  });
});
