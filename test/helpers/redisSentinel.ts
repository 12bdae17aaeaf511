import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Redis } from 'ioredis';
import type { HostPort } from '../../src/config.js';
import { freePort, startRedisServer, type RedisServer } from './redisServer.js';

/**
 * A throwaway primary, one replica and one Sentinel watching them, all on loopback, for tests
 * of the Sentinel topology. With a quorum of 1 and a 1 s down-after, killing the primary gets
 * the replica promoted within a few seconds.
 */
export interface RedisSentinel {
  readonly sentinels: readonly HostPort[];
  readonly name: string;
  readonly primary: RedisServer;
  readonly replica: RedisServer;
  /** The master as the Sentinel reports it now (`SENTINEL get-master-addr-by-name`). */
  master(): Promise<HostPort | undefined>;
  /** Stops the Sentinel, then both servers; safe after either server was killed. */
  stop(): Promise<void>;
}

const NAME = 'mymaster';
const NOT_FOUND = 'redis-server not found on PATH (needed as `redis-server --sentinel`): install Debian package redis-server';
const READY_TIMEOUT_MS = 10_000;
const STOP_TIMEOUT_MS = 2_000;
const running = new Set<ChildProcess>();
process.once('exit', () => {
  for (const child of running) child.kill('SIGKILL');
});

export async function startRedisSentinel(): Promise<RedisSentinel> {
  const primary = await startRedisServer();
  const started: Array<{ stop(): Promise<void> }> = [primary];
  try {
    // Full syncs are diskless and by default wait 5 s for more replicas to join; we have one.
    await command(primary.port, 'CONFIG', 'SET', 'repl-diskless-sync-delay', '0');
    const replica = await startRedisServer({ replicaOf: primary.port });
    started.unshift(replica);
    await waitUntil(`replica on ${replica.port} in sync`, async () =>
      /^slave0:.*state=online/m.test(String(await command(primary.port, 'INFO', 'replication'))));
    // Started only now, so its first INFO of the primary already lists the replica; it would
    // otherwise learn of it only at its next INFO, ten seconds later.
    const sentinel = await launchSentinel(primary.port);
    started.unshift(sentinel);
    const master = (): Promise<HostPort | undefined> => masterOf(sentinel.port);
    await waitUntil('sentinel to report the primary', async () => (await master())?.port === primary.port);
    await waitUntil('sentinel to know the replica', async () => {
      const replicas = (await command(sentinel.port, 'SENTINEL', 'REPLICAS', NAME)) as string[][];
      return replicas.some((fields) => field(fields, 'port') === String(replica.port) && field(fields, 'flags') === 'slave');
    });
    return { sentinels: [{ host: '127.0.0.1', port: sentinel.port }], name: NAME, primary, replica, master, stop: () => stopAll(started) };
  } catch (err) {
    await stopAll(started);
    throw err;
  }
}

async function launchSentinel(primaryPort: number): Promise<{ port: number; stop(): Promise<void> }> {
  const dir = await mkdtemp(join(tmpdir(), 's3-sts-sentinel-'));
  const port = await freePort();
  const config = join(dir, 'sentinel.conf');
  // Sentinel rewrites its config file (its id, the replicas it found), so it lives in the temp dir.
  await writeFile(config, [
    `port ${port}`,
    'bind 127.0.0.1',
    `sentinel monitor ${NAME} 127.0.0.1 ${primaryPort} 1`,
    `sentinel down-after-milliseconds ${NAME} 1000`,
    `sentinel failover-timeout ${NAME} 5000`,
    '',
  ].join('\n'));
  const child = spawn('redis-server', [config, '--sentinel'], { cwd: dir, stdio: 'ignore' });
  running.add(child);
  child.once('exit', () => running.delete(child));
  const stop = async (): Promise<void> => {
    await terminate(child);
    await rm(dir, { recursive: true, force: true });
  };
  try {
    await new Promise<void>((resolve, reject) => {
      child.once('spawn', resolve);
      child.once('error', (err: NodeJS.ErrnoException) => reject(err.code === 'ENOENT' ? new Error(NOT_FOUND) : err));
    });
    await waitUntil(`sentinel on port ${port}`, async () => {
      if (child.exitCode !== null) throw new Error(`redis-server --sentinel exited with code ${child.exitCode}`);
      return (await command(port, 'PING')) === 'PONG';
    });
  } catch (err) {
    await stop();
    throw err;
  }
  return { port, stop };
}

async function masterOf(sentinelPort: number): Promise<HostPort | undefined> {
  const reply = await command(sentinelPort, 'SENTINEL', 'GET-MASTER-ADDR-BY-NAME', NAME);
  return Array.isArray(reply) ? { host: String(reply[0]), port: Number(reply[1]) } : undefined;
}

/** One command on a fresh connection that neither retries nor waits: undefined when it failed. */
async function command(port: number, ...args: string[]): Promise<unknown> {
  const client = new Redis({ host: '127.0.0.1', port, retryStrategy: () => null, maxRetriesPerRequest: 0, connectTimeout: 500, commandTimeout: 500 });
  client.on('error', () => undefined);
  try {
    return await client.call(args[0] as string, ...args.slice(1));
  } catch {
    return undefined;
  } finally {
    client.disconnect();
  }
}

function field(fields: readonly string[], name: string): string | undefined {
  const index = fields.indexOf(name);
  return index >= 0 && index % 2 === 0 ? fields[index + 1] : undefined;
}

async function waitUntil(what: string, ready: () => Promise<boolean>): Promise<void> {
  const deadline = Date.now() + READY_TIMEOUT_MS;
  while (Date.now() < deadline) {
    if (await ready()) return;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  throw new Error(`timed out after ${READY_TIMEOUT_MS} ms waiting for ${what}`);
}

/** SIGTERM, then SIGKILL if it has not exited in time. */
function terminate(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(() => child.kill('SIGKILL'), STOP_TIMEOUT_MS);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve();
    });
    child.kill('SIGTERM');
  });
}

/** Every one is stopped even when an earlier stop fails; the first failure is then thrown. */
async function stopAll(servers: ReadonlyArray<{ stop(): Promise<void> }>): Promise<void> {
  const results = [];
  for (const server of servers) results.push(await server.stop().then(() => undefined, (err: unknown) => ({ err })));
  const failed = results.find((result) => result !== undefined);
  if (failed !== undefined) throw failed.err;
}
