import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { dirname, join, resolve } from 'node:path';
import { PassThrough } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { startLiveServer, type LiveServer } from '../helpers/liveServer.js';
import { createUser, SECRET } from '../sts/support/users.js';
import { runCli, type CliRun } from './runCli.js';

const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const CLI = join(REPO_ROOT, 'src', 'cli', 'main.ts');

/** The real CLI as a process, `stdin` piped in and closed, as a script would run it. */
function runProcess(argv: readonly string[], stdin: string): Promise<CliRun> {
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, ['--import', 'tsx', CLI, ...argv], {
      cwd: REPO_ROOT,
      env: { PATH: process.env.PATH ?? '' },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (text: string) => (stdout += text));
    child.stderr.setEncoding('utf8').on('data', (text: string) => (stderr += text));
    child.on('error', fail);
    child.on('close', (code) => done({ code: code ?? -1, stdout, stderr }));
    child.stdin.end(stdin);
  });
}

describe('s3-sts sts assume-role with the secret key piped on stdin', function () {
  this.timeout(60_000);
  let server: LiveServer;

  before(async () => {
    server = await startLiveServer();
    await createUser(server, 'alice');
  });

  after(async () => {
    await server?.close();
  });

  const assumeRole = (): string[] => ['sts', 'assume-role', '--endpoint', server.url, '--access-key', 'alice', '--duration', '15m', '--json'];

  const accepted: Array<[string, string]> = [
    ['ending in \\n (echo, printf)', `${SECRET}\n`],
    ['ending in \\r\\n', `${SECRET}\r\n`],
    ['without a trailing newline', SECRET],
  ];
  for (const [name, piped] of accepted) {
    it(`returns working credentials for a secret ${name}`, async () => {
      const run = await runProcess(assumeRole(), piped);
      assert.equal(run.code, 0, run.stderr);
      assert.equal(run.stderr, '', 'nothing is prompted for');
      const { AccessKeyId, SecretAccessKey, SessionToken } = JSON.parse(run.stdout).Credentials;
      assert.match(AccessKeyId, /^ASIA[A-Z0-9]{16}$/);
      assert.ok(SecretAccessKey && SessionToken);
      assert.equal((await server.deps.store.getSession(AccessKeyId))?.user, 'alice');
    });
  }

  const rejected: Array<[string, string, RegExp]> = [
    ['a wrong secret', 'Wrong-Secret-9\n', /^error: SignatureDoesNotMatch: /],
    ['a second trailing newline, which belongs to the secret', `${SECRET}\n\n`, /^error: SignatureDoesNotMatch: /],
    ['an empty stdin', '', /^error: MissingPassword: standard input is empty/],
    ['a lone newline', '\n', /^error: MissingPassword: standard input is empty/],
  ];
  for (const [name, piped, message] of rejected) {
    it(`reports ${name} in one line and exits 1`, async () => {
      const run = await runProcess(assumeRole(), piped);
      assert.equal(run.code, 1, run.stdout + run.stderr);
      assert.equal(run.stdout, '');
      assert.equal(run.stderr.trim().split('\n').length, 1, run.stderr);
      assert.match(run.stderr, message);
    });
  }

  it('never reads stdin when --secret-key is given', async () => {
    const stdin = Object.assign(new PassThrough(), { isTTY: false });
    const run = await runCli(undefined, [...assumeRole(), '--secret-key', SECRET], { stdin });
    assert.equal(run.code, 0, run.stderr);
    assert.equal(stdin.readableFlowing, null, 'stdin was read');
  });
});
