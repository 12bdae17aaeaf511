import { Cluster, Redis, type ClusterOptions, type RedisOptions } from 'ioredis';
import type { RedisConfig } from '../../config.js';

/**
 * Fail-fast settings: with Redis gone a request must get 503 at once, not queue behind a
 * reconnect (no offline queue), and the client must find Redis again within seconds when it
 * returns. The first connection at start-up is waited for by the store (see readiness.ts).
 */
export const FAIL_FAST = Object.freeze({
  commandTimeoutMs: 500,
  connectTimeoutMs: 1000,
  /** 0: commands in flight when the connection drops fail at once and are never re-sent twice. */
  maxRetriesPerRequest: 0,
  /** Reconnect backoff: 50 ms, 100 ms, ... capped here, forever. */
  maxReconnectDelayMs: 500,
  /** Longest wait before asking a loading Redis again whether it is ready. */
  loadingRetryMs: 200,
});

export interface RedisClientOptions {
  /** Connection errors, which ioredis would otherwise print itself on every reconnect attempt. */
  readonly onError?: (err: Error) => void;
}

export function reconnectDelay(attempt: number): number {
  return Math.min(attempt * 50, FAIL_FAST.maxReconnectDelayMs);
}

/** A client for the configured topology: Cluster nodes, Sentinels, or one URL. */
export function createRedisClient(config: RedisConfig, options: RedisClientOptions = {}): Redis | Cluster {
  const client = config.clusterNodes !== undefined ? clusterClient(config) : standaloneOrSentinelClient(config);
  client.on('error', (err: Error) => options.onError?.(err));
  return client;
}

/** Options every connection to a data node gets, whatever the topology. */
export function nodeOptions(config: RedisConfig): RedisOptions {
  const url = config.url === undefined ? undefined : new URL(config.url);
  const db = url !== undefined && /^\/\d+$/.test(url.pathname) ? Number(url.pathname.slice(1)) : undefined;
  return {
    commandTimeout: FAIL_FAST.commandTimeoutMs,
    connectTimeout: FAIL_FAST.connectTimeoutMs,
    maxRetriesPerRequest: FAIL_FAST.maxRetriesPerRequest,
    enableOfflineQueue: false,
    // A Redis reloading its data file answers LOADING; ioredis then waits its load estimate (at
    // least 1 s) before retrying. Retry sooner: the store answers 503 until Redis is ready anyway.
    maxLoadingRetryTime: FAIL_FAST.loadingRetryMs,
    retryStrategy: reconnectDelay,
    // After a failover the old primary answers READONLY: reconnect so Sentinel finds the new one.
    reconnectOnError: (err: Error) => err.message.startsWith('READONLY'),
    ...(url?.username ? { username: decodeURIComponent(url.username) } : {}),
    ...(url?.password ? { password: decodeURIComponent(url.password) } : {}),
    ...(db === undefined ? {} : { db }),
    ...(url?.protocol === 'rediss:' ? { tls: { servername: url.hostname } } : {}),
  };
}

function standaloneOrSentinelClient(config: RedisConfig): Redis {
  const base = nodeOptions(config);
  if (config.sentinels !== undefined) {
    return new Redis({
      ...base,
      sentinels: config.sentinels.map(({ host, port }) => ({ host, port })),
      name: config.sentinelName,
      sentinelRetryStrategy: reconnectDelay,
      // A Sentinel that accepts the connection but never answers must not stall the lookup.
      sentinelCommandTimeout: FAIL_FAST.commandTimeoutMs,
      ...(base.tls === undefined ? {} : { enableTLSForSentinelMode: true }),
    });
  }
  const url = new URL(config.url ?? 'redis://127.0.0.1:6379');
  return new Redis({ ...base, host: url.hostname.replace(/^\[|\]$/g, ''), port: Number(url.port || 6379) });
}

function clusterClient(config: RedisConfig): Cluster {
  const { retryStrategy: _perNode, enableOfflineQueue: _offline, ...redisOptions } = nodeOptions(config);
  const options: ClusterOptions = {
    redisOptions,
    enableOfflineQueue: false,
    clusterRetryStrategy: reconnectDelay,
    slotsRefreshTimeout: FAIL_FAST.connectTimeoutMs,
    ...(redisOptions.tls === undefined ? {} : { dnsLookup: (address, callback) => callback(null, address) }),
  };
  return new Cluster(config.clusterNodes?.map(({ host, port }) => ({ host, port })) ?? [], options);
}
