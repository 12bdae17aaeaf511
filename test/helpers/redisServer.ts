import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { createConnection, createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * A throwaway `redis-server` on a free loopback port, for tests. It never touches a Redis it
 * did not start (in particular not the one on 6379) and it is stopped when the test ends, or
 * at the latest when the test process exits.
 */
export interface RedisServer {
  readonly url: string;
  readonly port: number;
  /** Graceful shutdown; the server cannot be restarted afterwards. */
  stop(): Promise<void>;
  /** SIGKILL, as when Redis crashes; `restart()` brings it back on the same port. */
  kill(): Promise<void>;
  restart(): Promise<void>;
}

const NOT_FOUND = 'redis-server not found on PATH: install Debian package redis-server';
const READY_TIMEOUT_MS = 10_000;
const running = new Set<ChildProcess>();
process.once('exit', () => {
  for (const child of running) child.kill('SIGKILL');
});

export interface RedisServerOptions {
  /**
   * A one-node Redis Cluster owning every slot: the server then refuses what a real cluster
   * refuses (CROSSSLOT multi-key commands and scripts), so cluster-safety is testable.
   */
  readonly cluster?: boolean;
  /** A replica of the loopback primary on this port (`--replicaof`), as for Sentinel tests. */
  readonly replicaOf?: number;
}

export async function startRedisServer(options: RedisServerOptions = {}): Promise<RedisServer> {
  const dir = await mkdtemp(join(tmpdir(), 's3-sts-redis-'));
  const [port, busPort] = (await freePorts(2)) as [number, number];
  // A lone node does not know its own address; announce it, or CLUSTER SLOTS names no host.
  const extra: string[] = options.cluster
    ? ['--cluster-enabled', 'yes', '--cluster-config-file', 'nodes.conf', '--cluster-announce-ip', '127.0.0.1', ...clusterBusArgs(busPort)]
    : [];
  if (options.replicaOf !== undefined) extra.push('--replicaof', '127.0.0.1', String(options.replicaOf));
  const start = async (): Promise<ChildProcess> => {
    const child = await launchRedisServer(port, dir, extra);
    if (options.cluster) await claimAllSlots(port, child);
    return child;
  };
  let child = await start();
  return {
    url: `redis://127.0.0.1:${port}`,
    port,
    async stop() {
      await terminate(child, 'SIGTERM');
      await rm(dir, { recursive: true, force: true });
    },
    kill: () => terminate(child, 'SIGKILL'),
    async restart() {
      await terminate(child, 'SIGKILL');
      child = await start();
    },
  };
}

/** `redis-server` on loopback with persistence off, resolved once it answers PING. */
export async function launchRedisServer(port: number, dir: string, extra: readonly string[]): Promise<ChildProcess> {
  const args = ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--dir', dir, ...extra];
  const child = spawn('redis-server', args, { stdio: 'ignore' });
  running.add(child);
  child.once('exit', () => running.delete(child));
  const spawned = new Promise<void>((resolve, reject) => {
    child.once('spawn', resolve);
    child.once('error', (err: NodeJS.ErrnoException) => reject(err.code === 'ENOENT' ? new Error(NOT_FOUND) : err));
  });
  await spawned;
  await waitFor(port, child, async () => (await ask(port, 'PING')).startsWith('+PONG'));
  return child;
}

/** After a restart nodes.conf still holds the slots; ADDSLOTSRANGE then errors, harmlessly. */
async function claimAllSlots(port: number, child: ChildProcess): Promise<void> {
  await ask(port, 'CLUSTER ADDSLOTSRANGE 0 16383');
  await waitFor(port, child, async () => (await ask(port, 'CLUSTER INFO')).includes('cluster_state:ok'));
}

export async function waitFor(port: number, child: ChildProcess, ready: () => Promise<boolean>, timeoutMs = READY_TIMEOUT_MS): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`redis-server exited with code ${child.exitCode} on port ${port}`);
    if (await ready()) return;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  child.kill('SIGKILL');
  throw new Error(`redis-server on port ${port} was not ready within ${timeoutMs} ms`);
}

/** One inline command on a fresh connection; the first reply chunk, or '' when none came. */
export function ask(port: number, command: string): Promise<string> {
  return new Promise((resolve) => {
    const socket = createConnection({ host: '127.0.0.1', port });
    const done = (reply: string): void => {
      socket.destroy();
      resolve(reply);
    };
    socket.setTimeout(500, () => done(''));
    socket.once('error', () => done(''));
    socket.once('connect', () => socket.write(`${command}\r\n`));
    socket.once('data', (chunk) => done(chunk.toString('latin1')));
  });
}

export function terminate(child: ChildProcess, signal: NodeJS.Signals): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    child.once('exit', () => resolve());
    child.kill(signal);
  });
}

/** A port the kernel just handed out on loopback, never the default Redis port. */
export async function freePort(): Promise<number> {
  for (;;) {
    const port = await new Promise<number>((resolve, reject) => {
      const server = createServer();
      server.once('error', reject);
      server.listen(0, '127.0.0.1', () => {
        const address = server.address();
        server.close(() => resolve(typeof address === 'object' && address !== null ? address.port : 0));
      });
    });
    if (port !== 6379 && port !== 0) return port;
  }
}

/** `count` distinct free loopback ports. */
export async function freePorts(count: number): Promise<number[]> {
  const ports = new Set<number>();
  while (ports.size < count) ports.add(await freePort());
  return [...ports];
}

/**
 * The cluster bus defaults to port + 10000: past 65535 for a high ephemeral port (Redis then
 * refuses to start), and perhaps taken. A free port of its own avoids both.
 */
export function clusterBusArgs(busPort: number): string[] {
  return ['--cluster-port', String(busPort)];
}
