import { createStore, type CreateStoreOptions } from './index.js';
import { createRedisClient } from './redis/createRedisClient.js';
import { RedisStore } from './redis/redisStore.js';
import { LocalRevisionCounter, RedisRevisionCounter } from './revisionCounters.js';
import { RevisionTrackingStore } from './revisionTrackingStore.js';

/**
 * `createStore`, wrapped so that every change bumps the revision stamp the sidecar's principal
 * cache is validated with: a process-local counter for the memory store, a Redis key (through
 * the same client) for Redis, so every instance sharing the Redis sees every change.
 */
export function createRevisionTrackedStore(options: CreateStoreOptions): RevisionTrackingStore {
  if (options.redis === undefined) return new RevisionTrackingStore(createStore(options), new LocalRevisionCounter());
  const onError = options.onRedisError;
  const redis = createRedisClient(options.redis, onError === undefined ? {} : { onError });
  const store = new RedisStore({ redis, prefix: options.prefix, clock: options.clock });
  return new RevisionTrackingStore(store, new RedisRevisionCounter(redis, options.prefix));
}
