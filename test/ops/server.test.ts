import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { createServer } from 'node:net';

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as { port: number }).port;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

function startProcess(env: Record<string, string>): { child: ChildProcess; stderr: () => string; stdout: () => string } {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/server.ts'], {
    env: { PATH: process.env.PATH ?? '', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  let stdout = '';
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  child.stdout?.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  return { child, stderr: () => stderr, stdout: () => stdout };
}

async function waitFor(check: () => boolean, ms: number): Promise<void> {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) throw new Error('timed out');
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

describe('service process', function () {
  this.timeout(30_000);

  const badStarts: Array<[string, Record<string, string>, string]> = [
    ['a bad PORT', { PORT: 'eighty' }, 'PORT'],
    ['Redis without STS_MASTER_KEY', { REDIS_URL: 'redis://127.0.0.1:1', STS_ADMIN_TOKEN: 'a'.repeat(20), STS_VERIFY_TOKEN: 'b'.repeat(20) }, 'STS_MASTER_KEY'],
  ];
  for (const [name, env, variable] of badStarts) {
    it(`refuses to start with ${name}: exit 1 and one line naming ${variable}`, async () => {
      const proc = startProcess(env);
      const [code] = await once(proc.child, 'exit');
      assert.equal(code, 1);
      const lines = proc.stderr().trim().split('\n');
      assert.equal(lines.length, 1, proc.stderr());
      assert.match(lines[0] as string, new RegExp(variable));
    });
  }

  it('starts with the embedded store, prints the generated admin token once, serves, and stops on SIGTERM', async () => {
    const port = await freePort();
    const proc = startProcess({ PORT: String(port) });
    try {
      await waitFor(() => /STS_ADMIN_TOKEN=/.test(proc.stderr()) && /listening/.test(proc.stdout()), 20_000);
      const token = /STS_ADMIN_TOKEN=(\S+)/.exec(proc.stderr())?.[1] as string;
      assert.equal(proc.stderr().split('STS_ADMIN_TOKEN=').length, 2, 'token printed more than once');
      assert.ok(!proc.stdout().includes(token), 'the generated token must not reach the log stream');
      const health = await fetch(`http://127.0.0.1:${port}/healthz`);
      assert.equal(health.status, 200);
      const ready = await fetch(`http://127.0.0.1:${port}/readyz`);
      assert.equal(ready.status, 200);
      const users = await fetch(`http://127.0.0.1:${port}/admin/v1/users`, { headers: { Authorization: `Bearer ${token}` } });
      assert.equal(users.status, 200);
      const metrics = await (await fetch(`http://127.0.0.1:${port}/metrics`)).text();
      assert.match(metrics, /s3sts_http_requests_total/);
    } finally {
      proc.child.kill('SIGTERM');
    }
    const [code] = await once(proc.child, 'exit');
    assert.equal(code, 0);
  });
});
