import type { Cluster, Redis } from 'ioredis';
import type { Clock } from '../clock.js';
import type { RedisConfig } from '../config.js';
import { MemoryStore } from './memory/memoryStore.js';
import { createRedisClient, type RedisClientOptions } from './redis/createRedisClient.js';
import { RedisStore } from './redis/redisStore.js';
import { LocalRevisionCounter, RedisRevisionCounter } from './revisionCounters.js';
import { RevisionTrackingStore } from './revisionTrackingStore.js';
import type { StoreOptions } from './types.js';

export type * from './types.js';
export { MemoryStore } from './memory/memoryStore.js';
export { RedisStore } from './redis/redisStore.js';
export { createRedisClient } from './redis/createRedisClient.js';
export { RevisionTrackingStore, hasRevision } from './revisionTrackingStore.js';

export interface CreateStoreOptions extends StoreOptions {
  /** Redis connection settings; undefined selects the embedded memory store. */
  readonly redis?: RedisConfig | undefined;
  /** Redis key prefix (`STS_KEY_PREFIX`); unused by the memory store. */
  readonly prefix: string;
  readonly clock: Clock;
  /** Redis connection errors, for logging; the store already turns them into 503s. */
  readonly onRedisError?: RedisClientOptions['onError'];
  /** A client already made for `redis` (to share it with other users of Redis); the store closes it. */
  readonly client?: Redis | Cluster | undefined;
}

/**
 * The configured store, wrapped so that every change bumps the revision stamp the sidecar's
 * principal cache is validated with: a process-local counter for the memory store, a Redis key
 * (through the same client) for Redis, so every instance sharing the Redis sees every change.
 */
export function createStore(options: CreateStoreOptions): RevisionTrackingStore {
  if (options.redis === undefined) {
    const memory = new MemoryStore({ clock: options.clock, builtinPolicies: options.builtinPolicies });
    return new RevisionTrackingStore(memory, new LocalRevisionCounter());
  }
  const onError = options.onRedisError;
  const redis = options.client ?? createRedisClient(options.redis, onError === undefined ? {} : { onError });
  const store = new RedisStore({ redis, prefix: options.prefix, clock: options.clock, builtinPolicies: options.builtinPolicies });
  return new RevisionTrackingStore(store, new RedisRevisionCounter(redis, options.prefix));
}
