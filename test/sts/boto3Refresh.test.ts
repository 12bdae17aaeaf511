import assert from 'node:assert/strict';
import { startLiveServer, type LiveServer } from '../helpers/liveServer.js';
import { IsolatedAwsEnv, runPythonJson } from './support/python.js';
import { assumedRoleArn, createUser, roleArn, SECRET, type TestUser } from './support/users.js';

interface Call {
  readonly arn: string;
  readonly userId: string;
  /** The key that signed the call. */
  readonly accessKeyId: string;
}

const CALLS = 3;

/** Profiles assuming a role through `source_profile`; each has its own session name. */
const PROFILES = {
  // 900 s sessions start inside botocore's 15-minute advisory refresh window.
  'short-lived': { session: 'short-refresh', duration: 900 },
  'hour-long': { session: 'hour-refresh', duration: 3600 },
} as const;

function profileConfig(): string {
  const lines = ['[profile base]', 'region = us-east-1', ''];
  for (const [profile, { session, duration }] of Object.entries(PROFILES)) {
    lines.push(
      `[profile ${profile}]`,
      `role_arn = ${roleArn('auto-role')}`,
      'source_profile = base',
      `role_session_name = ${session}`,
      `duration_seconds = ${duration}`,
      'region = us-east-1',
      '',
    );
  }
  return lines.join('\n');
}

/**
 * boto3's assume-role provider, unmodified: profiles with `role_arn` + `source_profile`, the STS
 * endpoint from AWS_ENDPOINT_URL_STS. The server's audit lines show what boto3 did by itself.
 */
describe('STS with boto3 assuming a role from a profile', function () {
  this.timeout(30_000);
  let server: LiveServer;
  let env: IsolatedAwsEnv;
  let alice: TestUser;
  let runs: Record<keyof typeof PROFILES, readonly Call[]>;

  before(async () => {
    server = await startLiveServer();
    env = await IsolatedAwsEnv.create();
    alice = await createUser(server, 'alice');
    await env.writeCredentials(`[base]\naws_access_key_id = ${alice.name}\naws_secret_access_key = ${SECRET}\n`);
    await env.writeConfig(profileConfig());
    const profiles = Object.keys(PROFILES) as Array<keyof typeof PROFILES>;
    const output = await runPythonJson<{ runs: Array<{ calls: Call[] }> }>('boto3_refresh.py', {
      env: env.vars({ AWS_ENDPOINT_URL_STS: server.url }),
      args: [JSON.stringify({ runs: profiles.map((profile) => ({ profile, calls: CALLS })) })],
    });
    runs = { 'short-lived': output.runs[0]?.calls ?? [], 'hour-long': output.runs[1]?.calls ?? [] };
  });

  after(async () => {
    await server?.close();
    await env?.remove();
  });

  function issuedFor(session: string): Array<Record<string, unknown>> {
    return server.deps.logs.records().filter((record) => record.audit === 'credentials-issued' && record.sessionName === session);
  }

  for (const [profile, { session, duration }] of Object.entries(PROFILES) as Array<[keyof typeof PROFILES, (typeof PROFILES)[keyof typeof PROFILES]]>) {
    it(`${profile}: every get_caller_identity call is made as the assumed role`, () => {
      assert.equal(runs[profile].length, CALLS);
      for (const call of runs[profile]) {
        assert.equal(call.arn, assumedRoleArn('auto-role', session));
        assert.equal(call.userId, `${alice.id}:${session}`);
        assert.match(call.accessKeyId, /^ASIA[A-Z0-9]{16}$/);
      }
    });

    it(`${profile}: boto3 assumed the role by itself with the profile's settings and the source keys`, () => {
      const first = issuedFor(session)[0];
      assert.ok(first !== undefined, 'no credentials-issued audit line');
      assert.equal(first.action, 'AssumeRole');
      assert.equal(first.user, alice.name);
      assert.equal(first.callerKey, alice.name);
      assert.equal(first.roleArn, roleArn('auto-role'));
      assert.equal(first.durationSeconds, duration);
      assert.equal(first.chained, false);
      assert.equal(first.accessKeyId, runs[profile][0]?.accessKeyId);
    });
  }

  it('short-lived: boto3 assumed the role again for every later call, inside the refresh window', () => {
    // With under 15 minutes left botocore refreshes ahead of time (advisory window), and its
    // assume-role cache counts such credentials as expired, so each call fetches new ones.
    const lines = issuedFor(PROFILES['short-lived'].session);
    assert.equal(lines.length, CALLS);
    assert.ok(lines.every((line) => line.callerKey === alice.name && line.chained === false));
    const used = runs['short-lived'].map((call) => call.accessKeyId);
    assert.deepEqual(used, lines.map((line) => line.accessKeyId));
    assert.equal(new Set(used).size, CALLS);
  });

  it('hour-long: credentials outside the refresh window are reused, one AssumeRole in all', () => {
    assert.equal(issuedFor(PROFILES['hour-long'].session).length, 1);
    assert.equal(new Set(runs['hour-long'].map((call) => call.accessKeyId)).size, 1);
  });
});
