import assert from 'node:assert/strict';
import { startLiveServer, type LiveServer } from '../helpers/liveServer.js';
import { boto3Batch, boto3Creds, type Boto3Result } from './support/boto3.js';
import { IsolatedAwsEnv } from './support/python.js';
import { parseStsXml } from './support/xml.js';
import { ACCOUNT, assumedRoleArn, createPolicy, createUser, roleArn, type TestUser } from './support/users.js';

const SESSION_POLICY = {
  Version: '2012-10-17',
  Statement: [{ Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::reports/*' }],
};
const MANAGED_POLICY = {
  Version: '2012-10-17',
  Statement: [{ Effect: 'Allow', Action: 's3:ListBucket', Resource: 'arn:aws:s3:::reports' }],
};

function ok(result: Boto3Result): any {
  assert.equal(result.error, undefined, `boto3 call failed: ${JSON.stringify(result.error)}`);
  return result.ok;
}

function expiresAt(result: Boto3Result): number {
  return Date.parse(ok(result).Credentials.Expiration);
}

/** The session's lifetime as stored, in seconds; its expiry must also match what boto3 got. */
async function storedLifetime(server: LiveServer, result: Boto3Result): Promise<number> {
  const session = await server.deps.store.getSession(ok(result).Credentials.AccessKeyId);
  assert.ok(session !== undefined, 'session not in the store');
  assert.equal(session.expiresAt, expiresAt(result));
  return (session.expiresAt - session.issuedAt) / 1000;
}

/**
 * boto3 as an unmodified client: one python process runs the whole scenario in `before`, each
 * `it` checks one part of what it got back.
 */
describe('STS with boto3', function () {
  this.timeout(30_000);
  let server: LiveServer;
  let env: IsolatedAwsEnv;
  let alice: TestUser;
  let managedArn: string;
  let startedAt: number;
  let finishedAt: number;
  let results: Awaited<ReturnType<typeof runScenario>>;

  function runScenario() {
    const permanent = boto3Creds(alice.creds);
    const assume = (session: string, extra: Record<string, unknown> = {}) => ({
      op: 'call' as const,
      action: 'assume_role',
      creds: permanent,
      params: { RoleArn: roleArn('reader'), RoleSessionName: session, ...extra },
    });
    const identityOf = (from: string) => ({ op: 'call' as const, action: 'get_caller_identity', creds: { from } });
    return boto3Batch(server, env, {
      plain: assume('plain-session', { DurationSeconds: 1800 }),
      plainIdentity: identityOf('plain'),
      withPolicy: assume('inline-policy', { Policy: JSON.stringify(SESSION_POLICY) }),
      withPolicyIdentity: identityOf('withPolicy'),
      withArns: assume('managed-policy', { PolicyArns: [{ arn: managedArn }] }),
      withArnsIdentity: identityOf('withArns'),
      permanentIdentity: { op: 'call', action: 'get_caller_identity', creds: permanent },
      sessionToken: { op: 'call', action: 'get_session_token', creds: permanent, params: { DurationSeconds: 900 } },
      sessionTokenIdentity: identityOf('sessionToken'),
      presignedPermanent: { op: 'presign', action: 'get_caller_identity', creds: permanent, expires: 60, httpMethod: 'GET' },
      presignedTemporary: { op: 'presign', action: 'get_caller_identity', creds: { from: 'plain' }, expires: 60, httpMethod: 'GET' },
      presignedForPost: { op: 'presign', action: 'get_caller_identity', creds: permanent, expires: 60 },
      shortParent: assume('short-parent', { DurationSeconds: 900 }),
      chainedTooLong: {
        op: 'call',
        action: 'assume_role',
        creds: { from: 'shortParent' },
        params: { RoleArn: roleArn('chained'), RoleSessionName: 'too-long', DurationSeconds: 3601 },
      },
      chainedDefault: {
        op: 'call',
        action: 'assume_role',
        creds: { from: 'shortParent' },
        params: { RoleArn: roleArn('chained'), RoleSessionName: 'child' },
      },
      chainedIdentity: identityOf('chainedDefault'),
      longParent: assume('long-parent', { DurationSeconds: 4 * 3600 }),
      chainedHour: {
        op: 'call',
        action: 'assume_role',
        creds: { from: 'longParent' },
        params: { RoleArn: roleArn('chained'), RoleSessionName: 'hour-child', DurationSeconds: 3600 },
      },
    });
  }

  before(async () => {
    server = await startLiveServer();
    env = await IsolatedAwsEnv.create();
    alice = await createUser(server, 'alice');
    managedArn = await createPolicy(server, 'reports-list', MANAGED_POLICY);
    startedAt = Date.now();
    results = await runScenario();
    finishedAt = Date.now();
  });

  after(async () => {
    await server?.close();
    await env?.remove();
  });

  it('assume_role returns AWS-shaped temporary credentials for the asked duration', async () => {
    const answer = ok(results.plain);
    assert.match(answer.Credentials.AccessKeyId, /^ASIA[A-Z0-9]{16}$/);
    assert.equal(answer.Credentials.SecretAccessKey.length, 40);
    assert.ok(answer.Credentials.SessionToken.length > 0);
    assert.equal(answer.AssumedRoleUser.Arn, assumedRoleArn('reader', 'plain-session'));
    assert.equal(answer.AssumedRoleUser.AssumedRoleId, `${alice.id}:plain-session`);
    assert.equal(await storedLifetime(server, results.plain), 1800);
    assert.ok(expiresAt(results.plain) >= startedAt - 1000 + 1800_000 && expiresAt(results.plain) <= finishedAt + 1800_000);
    assert.equal(answer.PackedPolicySize, undefined);
  });

  const identityCases: Array<[string, 'plainIdentity' | 'withPolicyIdentity' | 'withArnsIdentity' | 'chainedIdentity', string, string]> = [
    ['without a session policy', 'plainIdentity', 'reader', 'plain-session'],
    ['with an inline Policy', 'withPolicyIdentity', 'reader', 'inline-policy'],
    ['with PolicyArns', 'withArnsIdentity', 'reader', 'managed-policy'],
    ['from role chaining', 'chainedIdentity', 'chained', 'child'],
  ];
  for (const [name, step, role, session] of identityCases) {
    it(`credentials assumed ${name} work: get_caller_identity answers the assumed role`, () => {
      const identity = ok(results[step]);
      assert.equal(identity.Arn, assumedRoleArn(role, session));
      assert.equal(identity.UserId, `${alice.id}:${session}`);
      assert.equal(identity.Account, ACCOUNT);
    });
  }

  it('keeps an inline Policy and PolicyArns as the session policies', async () => {
    const inline = ok(results.withPolicy);
    assert.ok(inline.PackedPolicySize > 0 && inline.PackedPolicySize <= 100);
    const inlineSession = await server.deps.store.getSession(inline.Credentials.AccessKeyId);
    assert.deepEqual(inlineSession?.sessionPolicies.map((doc) => JSON.parse(doc)), [SESSION_POLICY]);
    const managed = ok(results.withArns);
    const managedSession = await server.deps.store.getSession(managed.Credentials.AccessKeyId);
    assert.deepEqual(managedSession?.sessionPolicies.map((doc) => JSON.parse(doc)), [MANAGED_POLICY]);
  });

  it('get_caller_identity with permanent keys answers the IAM user', () => {
    const identity = ok(results.permanentIdentity);
    assert.equal(identity.Arn, `arn:aws:iam::${ACCOUNT}:user/alice`);
    assert.equal(identity.UserId, alice.id);
    assert.equal(identity.Account, ACCOUNT);
  });

  it('get_session_token gives credentials that act as the user itself', async () => {
    const answer = ok(results.sessionToken);
    assert.match(answer.Credentials.AccessKeyId, /^ASIA[A-Z0-9]{16}$/);
    assert.equal(await storedLifetime(server, results.sessionToken), 900);
    const identity = ok(results.sessionTokenIdentity);
    assert.equal(identity.Arn, `arn:aws:iam::${ACCOUNT}:user/alice`);
    assert.equal(identity.UserId, alice.id);
  });

  const presignCases: Array<[string, 'presignedPermanent' | 'presignedTemporary' | 'presignedForPost', 'GET' | 'POST', () => [string, string]]> = [
    ['permanent keys, for GET, answers a plain GET', 'presignedPermanent', 'GET', () => [`arn:aws:iam::${ACCOUNT}:user/alice`, alice.id]],
    ['temporary keys, for GET, answers a plain GET', 'presignedTemporary', 'GET', () => [assumedRoleArn('reader', 'plain-session'), `${alice.id}:plain-session`]],
    ["permanent keys and botocore's default method answers a bodiless POST", 'presignedForPost', 'POST', () => [`arn:aws:iam::${ACCOUNT}:user/alice`, alice.id]],
  ];
  for (const [name, step, method, want] of presignCases) {
    it(`a presigned get_caller_identity URL made with ${name}`, async () => {
      const url = results[step].url ?? assert.fail(`no URL: ${JSON.stringify(results[step])}`);
      assert.ok(url.startsWith(`${server.url}/?`), url);
      assert.match(url, /X-Amz-Signature=/);
      const res = await fetch(url, { method });
      const body = await res.text();
      assert.equal(res.status, 200, body);
      const xml = parseStsXml(body);
      assert.equal(xml.root, 'GetCallerIdentityResponse');
      const [arn, userId] = want();
      assert.equal(xml.text('GetCallerIdentityResult/Arn'), arn);
      assert.equal(xml.text('GetCallerIdentityResult/UserId'), userId);
    });
  }

  it('role chaining refuses more than one hour with ValidationError', () => {
    assert.equal(results.chainedTooLong.error?.code, 'ValidationError');
    assert.equal(results.chainedTooLong.error?.status, 400);
  });

  it('a chained session never outlives its parent', async () => {
    assert.equal(ok(results.chainedDefault).AssumedRoleUser.Arn, assumedRoleArn('chained', 'child'));
    assert.ok(expiresAt(results.chainedDefault) <= expiresAt(results.shortParent));
    assert.ok(await storedLifetime(server, results.chainedDefault) <= 900);
    assert.ok(expiresAt(results.chainedHour) <= expiresAt(results.longParent));
    assert.equal(await storedLifetime(server, results.chainedHour), 3600);
    const child = await server.deps.store.getSession(ok(results.chainedHour).Credentials.AccessKeyId);
    assert.equal(child?.parentAccessKeyId, ok(results.longParent).Credentials.AccessKeyId);
  });
});
