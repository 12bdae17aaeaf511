import assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import type { SecretInput } from '../../src/cli/io.js';
import type { SigningCredentials } from '../../src/sigv4/index.js';
import { startLiveServer, type LiveServer } from '../helpers/liveServer.js';
import { action, queryCall } from '../sts/support/query.js';
import { assumedRoleArn, createUser, roleArn, SECRET, type TestUser } from '../sts/support/users.js';
import { runCli, type CliRun } from './runCli.js';

const READ_REPORTS = { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::reports/*' }] };

/** The `Key: value` lines `sts assume-role` prints, as a map. */
function printedFields(run: CliRun): Map<string, string> {
  assert.equal(run.code, 0, run.stderr);
  return new Map(run.stdout.trim().split('\n').map((line) => {
    const at = line.indexOf(': ');
    return [line.slice(0, at), line.slice(at + 2)] as [string, string];
  }));
}

/** A loopback port nothing listens on: one the kernel just handed out and took back. */
async function closedPort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address() as AddressInfo;
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  return port;
}

/** A terminal that types `answer` once the CLI starts listening, and records raw-mode switches. */
function fakeTerminal(answer: string): SecretInput & { rawModes: boolean[] } {
  const input = new PassThrough() as unknown as SecretInput & { rawModes: boolean[]; isTTY: boolean };
  input.isTTY = true;
  input.rawModes = [];
  input.setRawMode = (mode: boolean) => input.rawModes.push(mode);
  input.once('resume', () => setImmediate(() => (input as unknown as PassThrough).write(answer)));
  return input;
}

describe('s3-sts sts assume-role against the service', function () {
  this.timeout(20_000);
  let server: LiveServer;
  let alice: TestUser;
  let dir: string;

  before(async () => {
    server = await startLiveServer();
    alice = await createUser(server, 'alice');
    await createUser(server, 'nobody', null);
    dir = await mkdtemp(join(tmpdir(), 's3-sts-cli-sts-'));
  });

  after(async () => {
    await server?.close();
    await rm(dir, { recursive: true, force: true });
  });

  function assumeRole(args: readonly string[], io: Parameters<typeof runCli>[2] = {}): Promise<CliRun> {
    return runCli(undefined, ['sts', 'assume-role', '--endpoint', server.url, ...args], io);
  }

  async function identity(creds: SigningCredentials): Promise<string | undefined> {
    const res = await queryCall(server, { params: action('GetCallerIdentity'), creds });
    assert.equal(res.status, 200, res.body);
    return res.xml.text('GetCallerIdentityResult/Arn');
  }

  async function storedLifetime(accessKeyId: string): Promise<number> {
    const session = await server.deps.store.getSession(accessKeyId);
    assert.ok(session, `no session ${accessKeyId}`);
    return (session.expiresAt - session.issuedAt) / 1000;
  }

  it('prints Access-Key, Secret-Key, Session-Token and Expiration lines whose keys work', async () => {
    const fields = printedFields(await assumeRole(['--access-key', 'alice', '--secret-key', SECRET, '--duration', '15m', '--session-name', 'cli-text']));
    assert.deepEqual([...fields.keys()], ['Access-Key', 'Secret-Key', 'Session-Token', 'Expiration']);
    const creds = { accessKeyId: fields.get('Access-Key') ?? '', secretAccessKey: fields.get('Secret-Key') ?? '', sessionToken: fields.get('Session-Token') ?? '' };
    assert.match(creds.accessKeyId, /^ASIA[A-Z0-9]{16}$/);
    assert.equal(await identity(creds), assumedRoleArn('s3-sts', 'cli-text'));
    assert.equal(await storedLifetime(creds.accessKeyId), 900);
    assert.match(fields.get('Expiration') ?? '', /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
  });

  it('--json prints the AssumeRole result; --role-arn, --session-name and --policy-file are sent', async () => {
    const file = join(dir, 'reports.json');
    await writeFile(file, JSON.stringify(READ_REPORTS, null, 2));
    const run = await assumeRole([
      '--access-key', 'alice', '--secret-key', SECRET, '--duration', '2h', '--json',
      '--role-arn', roleArn('analyst'), '--session-name', 'cli-json', '--policy-file', file,
    ]);
    assert.equal(run.code, 0, run.stderr);
    const printed = JSON.parse(run.stdout);
    assert.deepEqual(Object.keys(printed.Credentials), ['AccessKeyId', 'SecretAccessKey', 'SessionToken', 'Expiration']);
    assert.deepEqual(printed.AssumedRoleUser, { AssumedRoleId: `${alice.id}:cli-json`, Arn: assumedRoleArn('analyst', 'cli-json') });
    const { AccessKeyId, SecretAccessKey, SessionToken } = printed.Credentials;
    assert.equal(await identity({ accessKeyId: AccessKeyId, secretAccessKey: SecretAccessKey, sessionToken: SessionToken }), assumedRoleArn('analyst', 'cli-json'));
    const session = await server.deps.store.getSession(AccessKeyId);
    assert.deepEqual(session?.sessionPolicies.map((doc) => JSON.parse(doc)), [READ_REPORTS]);
    assert.equal(await storedLifetime(AccessKeyId), 7200);
  });

  const durations: Array<[string, number]> = [['900s', 900], ['60m', 3600], ['12h', 43_200], ['2d', 172_800], ['1w', 604_800], ['1800', 1800]];
  for (const [written, seconds] of durations) {
    it(`--duration ${written} asks for ${seconds} seconds`, async () => {
      const fields = printedFields(await assumeRole(['--access-key', 'alice', '--secret-key', SECRET, '--duration', written]));
      assert.equal(await storedLifetime(fields.get('Access-Key') ?? ''), seconds);
    });
  }

  it('finds the service through STS_ENDPOINT when --endpoint is not given', async () => {
    const run = await runCli(server.url, ['sts', 'assume-role', '--access-key', 'alice', '--secret-key', SECRET, '--duration', '900']);
    assert.match(printedFields(run).get('Access-Key') ?? '', /^ASIA/);
  });

  it('prompts for the secret key without echo on a terminal', async () => {
    const stdin = fakeTerminal(`${SECRET}\r`);
    const run = await assumeRole(['--access-key', 'alice', '--duration', '15m'], { stdin });
    const fields = printedFields(run);
    assert.match(fields.get('Access-Key') ?? '', /^ASIA/);
    assert.match(run.stderr, /^Secret key: /);
    assert.ok(!run.stderr.includes(SECRET), 'the secret was echoed');
    assert.deepEqual(stdin.rawModes, [true, false]);
  });

  const failures: Array<[string, () => Promise<string[]> | string[], number, RegExp]> = [
    ['a wrong secret key', () => ['--access-key', 'alice', '--secret-key', 'Wrong-Secret-9', '--duration', '1h'], 1, /^error: SignatureDoesNotMatch: /],
    ['an unknown access key', () => ['--access-key', 'mallory', '--secret-key', SECRET, '--duration', '1h'], 1, /^error: InvalidClientTokenId: /],
    ['a duration below 15 minutes', () => ['--access-key', 'alice', '--secret-key', SECRET, '--duration', '10m'], 1, /^error: ValidationError: /],
    ['a duration above one week', () => ['--access-key', 'alice', '--secret-key', SECRET, '--duration', '8d'], 1, /^error: ValidationError: /],
    ['a duration that is not one', () => ['--access-key', 'alice', '--secret-key', SECRET, '--duration', 'soon'], 1, /^error: InvalidDuration: /],
    ['a user without a policy', () => ['--access-key', 'nobody', '--secret-key', SECRET, '--duration', '1h'], 1, /^error: AccessDenied: /],
    ['a bad session name', () => ['--access-key', 'alice', '--secret-key', SECRET, '--duration', '1h', '--session-name', 'no spaces'], 1, /^error: ValidationError: /],
    ['a policy file that is not a valid policy', async () => {
      const file = join(dir, 'bad-effect.json');
      await writeFile(file, JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Perhaps', Action: 's3:*', Resource: '*' }] }));
      return ['--access-key', 'alice', '--secret-key', SECRET, '--duration', '1h', '--policy-file', file];
    }, 1, /^error: MalformedPolicyDocument: /],
    ['a policy file that is not JSON', async () => {
      const file = join(dir, 'not-json.json');
      await writeFile(file, '{"Version": ');
      return ['--access-key', 'alice', '--secret-key', SECRET, '--duration', '1h', '--policy-file', file];
    }, 1, /^error: InvalidPolicyFile: /],
    ['a missing policy file', () => ['--access-key', 'alice', '--secret-key', SECRET, '--duration', '1h', '--policy-file', join(dir, 'absent.json')], 1, /^error: InvalidPolicyFile: .*ENOENT/],
    ['no secret key and no terminal', () => ['--access-key', 'alice', '--duration', '1h'], 1, /^error: MissingPassword: --secret-key/],
    ['no --duration', () => ['--access-key', 'alice', '--secret-key', SECRET], 2, /--duration/],
    ['no --access-key', () => ['--secret-key', SECRET, '--duration', '1h'], 2, /--access-key/],
  ];
  for (const [name, args, code, message] of failures) {
    it(`reports ${name} in one line and exits ${code}`, async () => {
      const run = await assumeRole(await args());
      assert.equal(run.code, code, run.stdout + run.stderr);
      assert.equal(run.stdout, '');
      assert.equal(run.stderr.trim().split('\n').length, 1, run.stderr);
      assert.match(run.stderr, message);
      assert.ok(!run.stderr.includes(SECRET), 'the secret is in the error');
    });
  }

  it('reports an unreachable service in one line', async () => {
    const port = await closedPort();
    const endpoint = `http://127.0.0.1:${port}`;
    const run = await runCli(undefined, ['sts', 'assume-role', '--endpoint', endpoint, '--access-key', 'alice', '--secret-key', SECRET, '--duration', '1h']);
    assert.equal(run.code, 1);
    assert.equal(run.stderr, `error: ConnectionFailed: cannot reach ${endpoint}: ECONNREFUSED\n`);
  });

  it('reports an endpoint that is not a URL in one line', async () => {
    const run = await runCli(undefined, ['sts', 'assume-role', '--endpoint', 'localhost:8080', '--access-key', 'alice', '--secret-key', SECRET, '--duration', '1h']);
    assert.equal(run.code, 1);
    assert.match(run.stderr, /^error: InvalidEndpoint: /);
  });
});
