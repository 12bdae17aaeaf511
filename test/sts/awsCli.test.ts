import assert from 'node:assert/strict';
import { startLiveServer, type LiveServer } from '../helpers/liveServer.js';
import { IsolatedAwsEnv, runProcess, type ProcessResult } from './support/python.js';
import { ACCOUNT, assumedRoleArn, createUser, roleArn, type TestUser } from './support/users.js';
import type { SigningCredentials } from '../../src/sigv4/index.js';

const MISSING = 'the AWS CLI (`aws`) is needed for these tests: install awscli';

/** The AWS CLI, unmodified, with keys from the environment and the service as `--endpoint-url`. */
describe('STS with the AWS CLI', function () {
  this.timeout(30_000);
  let server: LiveServer;
  let env: IsolatedAwsEnv;
  let alice: TestUser;

  before(async () => {
    server = await startLiveServer();
    env = await IsolatedAwsEnv.create();
    alice = await createUser(server, 'alice');
  });

  after(async () => {
    await server?.close();
    await env?.remove();
  });

  function aws(creds: SigningCredentials, args: readonly string[]): Promise<ProcessResult> {
    const keys: Record<string, string> = {
      AWS_ACCESS_KEY_ID: creds.accessKeyId,
      AWS_SECRET_ACCESS_KEY: creds.secretAccessKey,
      AWS_DEFAULT_REGION: 'us-east-1',
      AWS_PAGER: '',
      ...(creds.sessionToken === undefined ? {} : { AWS_SESSION_TOKEN: creds.sessionToken }),
    };
    return runProcess('aws', [...args, '--endpoint-url', server.url, '--output', 'json'], { env: env.vars(keys), missing: MISSING });
  }

  function json(result: ProcessResult): any {
    assert.equal(result.code, 0, result.stderr);
    return JSON.parse(result.stdout);
  }

  it('assume-role gives credentials with which get-caller-identity answers the assumed role', async () => {
    const assumed = json(
      await aws(alice.creds, ['sts', 'assume-role', '--role-arn', roleArn('cli-role'), '--role-session-name', 'cli-session', '--duration-seconds', '900']),
    );
    assert.match(assumed.Credentials.AccessKeyId, /^ASIA[A-Z0-9]{16}$/);
    assert.equal(assumed.AssumedRoleUser.Arn, assumedRoleArn('cli-role', 'cli-session'));
    assert.ok(Date.parse(assumed.Credentials.Expiration) > Date.now() + 800_000);
    const identity = json(
      await aws(
        {
          accessKeyId: assumed.Credentials.AccessKeyId,
          secretAccessKey: assumed.Credentials.SecretAccessKey,
          sessionToken: assumed.Credentials.SessionToken,
        },
        ['sts', 'get-caller-identity'],
      ),
    );
    assert.deepEqual(identity, { UserId: `${alice.id}:cli-session`, Account: ACCOUNT, Arn: assumedRoleArn('cli-role', 'cli-session') });
  });

  it('get-caller-identity with the user keys answers the IAM user', async () => {
    const identity = json(await aws(alice.creds, ['sts', 'get-caller-identity']));
    assert.deepEqual(identity, { UserId: alice.id, Account: ACCOUNT, Arn: `arn:aws:iam::${ACCOUNT}:user/alice` });
  });

  it('reports a refused request with its AWS code and a non-zero exit', async () => {
    const result = await aws({ ...alice.creds, secretAccessKey: 'Wrong-Secret-1' }, ['sts', 'get-caller-identity']);
    assert.notEqual(result.code, 0);
    assert.match(result.stderr, /\(SignatureDoesNotMatch\)/);
  });
});
