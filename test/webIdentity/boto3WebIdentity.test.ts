import assert from 'node:assert/strict';
import { join } from 'node:path';
import { IsolatedAwsEnv, runPythonJson } from '../sts/support/python.js';
import { createRole, roleArn, startWorld, type WebIdentityWorld } from './support/webIdentityWorld.js';

interface Call {
  readonly arn: string;
  readonly userId: string;
  readonly accessKeyId: string;
}

/** botocore's clock per call: real time, then 47 minutes on (13 of the 60 left: its advisory window is 15). */
const OFFSETS = [0, 0, 47 * 60, 47 * 60];

/**
 * boto3, unmodified, configured only through the environment a Kubernetes pod or CI job gets:
 * AWS_ROLE_ARN, AWS_WEB_IDENTITY_TOKEN_FILE, AWS_ROLE_SESSION_NAME and AWS_ENDPOINT_URL_STS.
 * It calls AssumeRoleWithWebIdentity (unsigned) with tokens from a real OpenID provider, signs
 * with what it got, and refreshes by itself when its clock says the credentials are ending.
 */
describe('boto3 with web identity from the environment, refreshing by itself', function () {
  this.timeout(60_000);
  let world: WebIdentityWorld;
  let env: IsolatedAwsEnv;
  let role: any;
  let calls: readonly Call[];
  let method: string;

  before(async () => {
    world = await startWorld();
    role = await createRole(world, 'pod-role');
    env = await IsolatedAwsEnv.create();
    const tokens = await Promise.all(OFFSETS.map(() => world.idp.issueToken()));
    const output = await runPythonJson<{ calls: Call[]; method: string }>('boto3_web_identity.py', {
      env: env.vars({
        AWS_ROLE_ARN: roleArn('pod-role'),
        AWS_ROLE_SESSION_NAME: 'pod-session',
        AWS_WEB_IDENTITY_TOKEN_FILE: join(env.dir, 'token'),
        AWS_ENDPOINT_URL_STS: world.server.url,
      }),
      args: [JSON.stringify({ calls: OFFSETS.map((offsetSeconds, i) => ({ offsetSeconds, token: tokens[i] })) })],
    });
    calls = output.calls;
    method = output.method;
  });

  after(async () => {
    await world?.close();
    await env?.remove();
  });

  function issued(): Array<Record<string, unknown>> {
    return world.server.deps.logs.records().filter((record) => record.audit === 'credentials-issued');
  }

  it('used its web identity provider and made every call as the assumed role', () => {
    assert.equal(method, 'assume-role-with-web-identity');
    assert.equal(calls.length, OFFSETS.length);
    for (const call of calls) {
      assert.equal(call.arn, 'arn:aws:sts::000000000000:assumed-role/pod-role/pod-session');
      assert.equal(call.userId, `${role.id}:pod-session`);
      assert.match(call.accessKeyId, /^ASIA[A-Z0-9]{16}$/);
    }
  });

  it('assumed the role by itself, unsigned, with the settings from the environment', () => {
    const first = issued()[0];
    assert.ok(first !== undefined);
    assert.equal(first.action, 'AssumeRoleWithWebIdentity');
    assert.equal(first.role, 'pod-role');
    assert.equal(first.sessionName, 'pod-session');
    assert.equal(first.provider, world.providerKey);
    assert.equal(first.durationSeconds, 3600);
    assert.equal(first.accessKeyId, calls[0]?.accessKeyId);
  });

  it('reused fresh credentials, then refreshed them once its clock put them in the refresh window', () => {
    const used = calls.map((call) => call.accessKeyId);
    assert.equal(used[0], used[1]);
    assert.notEqual(used[2], used[1]);
    assert.notEqual(used[3], used[2]);
    assert.deepEqual(issued().map((line) => line.accessKeyId), [used[0], used[2], used[3]]);
  });
});
