import { execFile, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { HostPort } from '../../src/config.js';
import { ask, clusterBusArgs, freePorts, launchRedisServer, terminate, waitFor } from './redisServer.js';

/**
 * A throwaway Redis Cluster of three masters on loopback, no replicas, for tests. Unlike the
 * one-node cluster of `startRedisServer({ cluster: true })`, its slots are split between
 * nodes, so a command or pipeline whose keys land on different nodes fails here as in production.
 */
export interface RedisCluster {
  readonly nodes: readonly HostPort[];
  /** Stops every node (SIGTERM, SIGKILL after a grace period) and removes its files. */
  stop(): Promise<void>;
}

const HOST = '127.0.0.1';
const MASTERS = 3;
const CREATE_TIMEOUT_MS = 15_000;
const CLUSTER_OK_TIMEOUT_MS = 15_000;
const STOP_TIMEOUT_MS = 2_000;
const CLI_NOT_FOUND = 'redis-cli not found on PATH (needed for `redis-cli --cluster create`): install Debian package redis-tools';

export async function startRedisCluster(): Promise<RedisCluster> {
  const dir = await mkdtemp(join(tmpdir(), 's3-sts-cluster-'));
  const children: ChildProcess[] = [];
  const stop = async (): Promise<void> => {
    await Promise.all(children.map(stopNode));
    await rm(dir, { recursive: true, force: true });
  };
  try {
    const ports = await freePorts(MASTERS * 2);
    const dataPorts = ports.slice(0, MASTERS);
    for (const [i, port] of dataPorts.entries()) {
      const args = ['--cluster-enabled', 'yes', '--cluster-config-file', join(dir, `nodes-${port}.conf`), '--cluster-node-timeout', '2000'];
      children.push(await launchRedisServer(port, dir, [...args, ...clusterBusArgs(ports[MASTERS + i] as number)]));
    }
    await createCluster(dataPorts);
    await Promise.all(dataPorts.map((port, i) =>
      waitFor(port, children[i] as ChildProcess, async () => (await ask(port, 'CLUSTER INFO')).includes('cluster_state:ok'), CLUSTER_OK_TIMEOUT_MS)));
    return { nodes: dataPorts.map((port) => ({ host: HOST, port })), stop };
  } catch (err) {
    await stop();
    throw err;
  }
}

/** Splits the slots evenly and introduces the nodes to each other. */
function createCluster(ports: readonly number[]): Promise<void> {
  const args = ['--cluster', 'create', ...ports.map((port) => `${HOST}:${port}`), '--cluster-replicas', '0', '--cluster-yes'];
  return new Promise((resolve, reject) => {
    execFile('redis-cli', args, { timeout: CREATE_TIMEOUT_MS, killSignal: 'SIGKILL' }, (err, stdout, stderr) => {
      if (err === null) return resolve();
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return reject(new Error(CLI_NOT_FOUND));
      reject(new Error(`redis-cli --cluster create failed: ${err.message}\n${stdout}${stderr}`));
    });
  });
}

async function stopNode(child: ChildProcess): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const grace = new Promise<void>((resolve) => (timer = setTimeout(resolve, STOP_TIMEOUT_MS)));
  await Promise.race([terminate(child, 'SIGTERM'), grace]);
  clearTimeout(timer);
  await terminate(child, 'SIGKILL');
}
