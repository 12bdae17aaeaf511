import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startLiveServer, type LiveServer } from '../helpers/liveServer.js';
import { runCli } from './runCli.js';

const SECRET = 'Sup3r-Secret-Key!';

/** The admin commands against the real service, not a fake: what an operator would type. */
describe('s3-sts CLI against the service', () => {
  let server: LiveServer;
  let dir: string;
  beforeEach(async () => {
    server = await startLiveServer();
    dir = mkdtempSync(join(tmpdir(), 's3-sts-cli-'));
  });
  afterEach(async () => {
    await server.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('manages users, policies and attachments end to end', async () => {
    const file = join(dir, 'getter.json');
    writeFileSync(file, JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::b/*' }] }));
    const steps: Array<[string[], number, RegExp | undefined]> = [
      [['policy', 'create', 'getter', file], 0, undefined],
      [['user', 'create', 'alice', '--password', SECRET, '--posix-uid', '1000', '--posix-gid', '100'], 0, /alice/],
      [['policy', 'attach', 'getter', 'alice'], 0, undefined],
      [['user', 'show', 'alice'], 0, /getter/],
      [['policy', 'remove', 'getter'], 1, /PolicyInUse/],
      [['policy', 'detach', 'alice'], 0, undefined],
      [['policy', 'remove', 'getter'], 0, undefined],
      [['policy', 'show', 'getter'], 1, /NoSuchPolicy/],
      [['user', 'create', 'bob', '--password', 'weak'], 1, /ValidationError/],
      [['user', 'remove', 'alice'], 0, undefined],
      [['user', 'show', 'alice'], 1, /NoSuchUser/],
    ];
    for (const [argv, code, output] of steps) {
      const run = await runCli(server.url, argv);
      assert.equal(run.code, code, `${argv.join(' ')}: ${run.stderr}`);
      if (output) assert.match(run.stdout + run.stderr, output, argv.join(' '));
      if (code !== 0) assert.equal(run.stderr.trim().split('\n').length, 1, 'one line on error');
    }
    const users = await runCli(server.url, ['user', 'list', '--json']);
    assert.deepEqual(JSON.parse(users.stdout).users, []);
    const policies = await runCli(server.url, ['policy', 'list']);
    for (const name of ['readonly', 'writeonly', 'readwrite']) assert.match(policies.stdout, new RegExp(name));
    assert.ok(!server.deps.logs.text().includes(SECRET));
  });

  it('lists and revokes sessions', async () => {
    await runCli(server.url, ['user', 'create', 'alice', '--password', SECRET, '--policy', 'readonly']);
    const user = await server.deps.store.getUser('alice');
    assert.ok(user);
    const now = server.clock.now();
    await server.deps.store.putSession({
      accessKeyId: 'ASIAAAAAAAAAAAAAAAA1', user: 'alice', userId: user.id, sessionName: 'cli', roleArn: 'arn:aws:iam::000000000000:role/r',
      sessionPolicies: [], issuedAt: now, expiresAt: now + 900_000,
    });
    assert.match((await runCli(server.url, ['session', 'list', '--user', 'alice'])).stdout, /ASIAAAAAAAAAAAAAAAA1/);
    assert.equal((await runCli(server.url, ['session', 'revoke', 'ASIAAAAAAAAAAAAAAAA1'])).code, 0);
    assert.equal(await server.deps.store.getSession('ASIAAAAAAAAAAAAAAAA1'), undefined);
  });

  it('exits non-zero with one line when the token is wrong or the service is unreachable', async () => {
    const wrong = await runCli(server.url, ['user', 'list'], { env: { STS_ADMIN_TOKEN: 'wrong-token-wrong-token' } });
    assert.equal(wrong.code, 1);
    assert.match(wrong.stderr, /Unauthorized/);
    await server.close();
    const down = await runCli(server.url, ['user', 'list']);
    assert.notEqual(down.code, 0);
    assert.equal(down.stderr.trim().split('\n').length, 1);
    server = await startLiveServer();
  });

  it('runs as a process: one line on stderr and exit status 1 on error', () => {
    const result = spawnSync(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', 'user', 'list'], {
      env: { PATH: process.env.PATH ?? '', STS_ENDPOINT: 'http://127.0.0.1:9' },
      encoding: 'utf8',
    });
    assert.equal(result.status, 1);
    assert.equal(result.stderr.trim().split('\n').length, 1, result.stderr);
    assert.match(result.stderr, /^error: /);
  });
});
