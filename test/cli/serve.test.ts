import assert from 'node:assert/strict';
import { loadStartServer } from '../../src/cli/commands/serve.js';
import { ConfigError } from '../../src/config.js';
import type { RunningServer } from '../../src/cli/io.js';
import { runCli } from './runCli.js';

function newListeners(signal: NodeJS.Signals, before: readonly Function[]): Function[] {
  return process.listeners(signal).filter((listener) => !before.includes(listener));
}

describe('s3-sts serve', () => {
  it('starts the server with the environment and closes it on the first SIGTERM', async () => {
    const before = { SIGTERM: process.listeners('SIGTERM'), SIGINT: process.listeners('SIGINT') };
    const calls: { env?: unknown; closed: number } = { closed: 0 };
    const server: RunningServer = { url: 'http://127.0.0.1:1', close: async () => void calls.closed++ };
    const env = { STS_ADMIN_TOKEN: 'x'.repeat(20), PORT: '0' };
    const run = await runCli(undefined, ['serve'], {
      env,
      startServer: async (given) => {
        calls.env = given;
        return server;
      },
    });
    assert.equal(run.code, 0, run.stderr);
    assert.equal(run.stdout, '');
    assert.deepEqual(calls.env, env);
    const [onTerm] = newListeners('SIGTERM', before.SIGTERM);
    assert.equal(typeof onTerm, 'function', 'a SIGTERM listener');
    assert.equal(newListeners('SIGINT', before.SIGINT).length, 1, 'a SIGINT listener');
    (onTerm as () => void)();
    await new Promise((resolve) => setImmediate(resolve));
    assert.equal(calls.closed, 1);
    assert.deepEqual(newListeners('SIGTERM', before.SIGTERM), [], 'SIGTERM listener removed');
    assert.deepEqual(newListeners('SIGINT', before.SIGINT), [], 'SIGINT listener removed');
  });

  it('prints a configuration error as one line and exits 1', async () => {
    const before = process.listeners('SIGTERM');
    const run = await runCli(undefined, ['serve'], {
      startServer: async () => {
        throw new ConfigError('PORT', 'must be a whole number, got "http"');
      },
    });
    assert.equal(run.code, 1);
    assert.equal(run.stderr, 'error: invalid configuration: PORT must be a whole number, got "http"\n');
    assert.deepEqual(newListeners('SIGTERM', before), []);
  });

  it('prints any other start-up failure as one line without a stack', async () => {
    const run = await runCli(undefined, ['serve'], {
      startServer: async () => {
        throw Object.assign(new Error('listen EADDRINUSE: address already in use 127.0.0.1:8080'), { code: 'EADDRINUSE' });
      },
    });
    assert.equal(run.code, 1);
    assert.equal(run.stderr, 'error: listen EADDRINUSE: address already in use 127.0.0.1:8080\n');
  });

  it('finds startServer in src/server.ts by default', async () => {
    assert.equal(typeof (await loadStartServer()), 'function');
  });
});
