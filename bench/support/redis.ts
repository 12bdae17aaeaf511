import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Redis } from 'ioredis';
import { freePort } from './processes.js';

export interface BenchRedis {
  readonly url: string;
  /** A connected client, for INFO and the like. */
  readonly probe: Redis;
  stop(): void;
}

/** A throwaway redis-server on a free loopback port, without persistence; killed at exit. */
export async function startBenchRedis(): Promise<BenchRedis> {
  if (spawnSync('redis-server', ['--version']).status !== 0) throw new Error('redis-server not on PATH');
  const port = await freePort();
  const dir = mkdtempSync(join(tmpdir(), 's3-sts-bench-redis-'));
  const server = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--dir', dir], { stdio: 'ignore' });
  const kill = () => {
    server.kill('SIGKILL');
    rmSync(dir, { recursive: true, force: true });
  };
  process.once('exit', kill);
  const url = `redis://127.0.0.1:${port}`;
  for (let tries = 0; ; tries++) {
    const client = new Redis(url, { lazyConnect: true, retryStrategy: () => null, maxRetriesPerRequest: 1 });
    client.on('error', () => undefined);
    try {
      await client.connect();
      return {
        url,
        probe: client,
        stop() {
          client.disconnect();
          kill();
        },
      };
    } catch {
      client.disconnect();
      if (tries > 50) throw new Error('redis-server did not start');
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
}
