import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Redis } from 'ioredis';
import { freePorts, launchRedisServer, terminate } from '../helpers/redisServer.js';

/**
 * The soak's Redis: a primary, a replica and one Sentinel on loopback, as test/helpers/
 * redisSentinel.ts builds them, but durable (AOF, fsync on every write). A crashed Redis that
 * comes back empty is data loss, not an outage, and would turn every later answer into an
 * honest 401; an operator restarting Redis in place keeps its data on disk, so the soak does too.
 * Sentinel's down-after (3 s) is longer than the in-place restart holds Redis down, so that
 * window is a restart, not a failover; the failover window kills the primary for good.
 */
export const SENTINEL_NAME = 'mymaster';
const DOWN_AFTER_MS = 3_000;
const WAIT_MS = 20_000;

interface Node {
  readonly port: number;
  readonly dir: string;
  child: ChildProcess;
}

export interface SoakRedis {
  readonly sentinelPort: number;
  /** The port Sentinel names as master now; undefined when it cannot be asked. */
  master(): Promise<number | undefined>;
  /** SIGKILL the master, keep it down `downMs`, start it again on its data: resolves when it answers. */
  restartMaster(downMs: number): Promise<void>;
  /** SIGKILL the master and wait for Sentinel to promote the replica; the old master then rejoins as a replica. */
  failover(): Promise<{ promotedAt: number }>;
  /** Until the master has a replica in sync again. */
  replicated(): Promise<void>;
  stop(): Promise<void>;
}

const DURABLE = ['--appendonly', 'yes', '--appendfsync', 'always', '--repl-diskless-sync-delay', '0'];

export async function startSoakRedis(): Promise<SoakRedis> {
  const [primaryPort, replicaPort, sentinelPort] = (await freePorts(3)) as [number, number, number];
  const nodes = new Map<number, Node>();
  const sentinel: { child?: ChildProcess; dir?: string } = {};
  const launch = async (port: number, replicaOf?: number): Promise<void> => {
    const dir = nodes.get(port)?.dir ?? (await mkdtemp(join(tmpdir(), 's3-sts-soak-redis-')));
    const extra = replicaOf === undefined ? DURABLE : [...DURABLE, '--replicaof', '127.0.0.1', String(replicaOf)];
    nodes.set(port, { port, dir, child: await launchRedisServer(port, dir, extra) });
  };
  const stop = async (): Promise<void> => {
    if (sentinel.child) await terminate(sentinel.child, 'SIGKILL');
    for (const node of nodes.values()) {
      await terminate(node.child, 'SIGKILL');
      await rm(node.dir, { recursive: true, force: true });
    }
    if (sentinel.dir) await rm(sentinel.dir, { recursive: true, force: true });
  };
  const master = async (): Promise<number | undefined> => {
    const reply = await command(sentinelPort, 'SENTINEL', 'GET-MASTER-ADDR-BY-NAME', SENTINEL_NAME);
    return Array.isArray(reply) ? Number(reply[1]) : undefined;
  };
  const replicated = (): Promise<void> => until('a replica in sync', async () => {
    const port = await master();
    return port !== undefined && (await inSync(port));
  });
  try {
    await launch(primaryPort);
    await launch(replicaPort, primaryPort);
    await until('the replica in sync', () => inSync(primaryPort));
    sentinel.dir = await mkdtemp(join(tmpdir(), 's3-sts-soak-sentinel-'));
    sentinel.child = await launchSentinel(sentinel.dir, sentinelPort, primaryPort);
    await until('Sentinel to know the replica', async () => {
      const replicas = await command(sentinelPort, 'SENTINEL', 'REPLICAS', SENTINEL_NAME);
      return Array.isArray(replicas) && replicas.length === 1 && (await master()) === primaryPort;
    });
  } catch (err) {
    await stop();
    throw err;
  }
  const currentMaster = async (): Promise<Node> => {
    const port = await master();
    const node = port === undefined ? undefined : nodes.get(port);
    if (node === undefined) throw new Error(`Sentinel names no known master (${String(port)})`);
    return node;
  };
  return {
    sentinelPort,
    master,
    replicated,
    stop,
    async restartMaster(downMs) {
      const node = await currentMaster();
      await terminate(node.child, 'SIGKILL');
      await new Promise((resolve) => setTimeout(resolve, downMs));
      const replicaOf = await master();
      if (replicaOf !== node.port) throw new Error(`Sentinel failed over during a ${downMs} ms restart (down-after is ${DOWN_AFTER_MS} ms)`);
      await launch(node.port);
    },
    async failover() {
      const node = await currentMaster();
      await terminate(node.child, 'SIGKILL');
      await until('Sentinel to promote the replica', async () => ((await master()) ?? node.port) !== node.port);
      const promotedAt = Date.now();
      await launch(node.port, await master());
      return { promotedAt };
    },
  };
}

async function inSync(primaryPort: number): Promise<boolean> {
  return /^slave0:.*state=online/m.test(String(await command(primaryPort, 'INFO', 'replication')));
}

async function launchSentinel(dir: string, port: number, primaryPort: number): Promise<ChildProcess> {
  const config = join(dir, 'sentinel.conf');
  await writeFile(config, [
    `port ${port}`,
    'bind 127.0.0.1',
    `sentinel monitor ${SENTINEL_NAME} 127.0.0.1 ${primaryPort} 1`,
    `sentinel down-after-milliseconds ${SENTINEL_NAME} ${DOWN_AFTER_MS}`,
    `sentinel failover-timeout ${SENTINEL_NAME} 5000`,
    '',
  ].join('\n'));
  const child = spawn('redis-server', [config, '--sentinel'], { cwd: dir, stdio: 'ignore' });
  process.once('exit', () => child.kill('SIGKILL'));
  await new Promise<void>((resolve, reject) => {
    child.once('spawn', resolve);
    child.once('error', (err: NodeJS.ErrnoException) =>
      reject(err.code === 'ENOENT' ? new Error('redis-server not found on PATH: install Debian package redis-server') : err));
  });
  await until(`Sentinel on port ${port}`, async () => (await command(port, 'PING')) === 'PONG');
  return child;
}

/** One command on a fresh connection that neither retries nor waits: undefined when it failed. */
export async function command(port: number, ...args: string[]): Promise<unknown> {
  const client = new Redis({ host: '127.0.0.1', port, retryStrategy: () => null, maxRetriesPerRequest: 0, connectTimeout: 500, commandTimeout: 500, lazyConnect: true });
  client.on('error', () => undefined);
  try {
    await client.connect();
    return await client.call(args[0] as string, ...args.slice(1));
  } catch {
    return undefined;
  } finally {
    client.disconnect();
  }
}

async function until(what: string, ready: () => Promise<boolean>): Promise<void> {
  const deadline = Date.now() + WAIT_MS;
  while (Date.now() < deadline) {
    if (await ready()) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`timed out after ${WAIT_MS} ms waiting for ${what}`);
}
