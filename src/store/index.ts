import type { Clock } from '../clock.js';
import type { RedisConfig } from '../config.js';
import { MemoryStore } from './memory/memoryStore.js';
import { createRedisClient, type RedisClientOptions } from './redis/createRedisClient.js';
import { RedisStore } from './redis/redisStore.js';
import type { Store } from './types.js';

export type * from './types.js';
export { MemoryStore } from './memory/memoryStore.js';
export { RedisStore } from './redis/redisStore.js';
export { createRedisClient } from './redis/createRedisClient.js';

export interface CreateStoreOptions {
  /** Redis connection settings; undefined selects the embedded memory store. */
  readonly redis?: RedisConfig | undefined;
  /** Redis key prefix (`STS_KEY_PREFIX`); unused by the memory store. */
  readonly prefix: string;
  readonly clock: Clock;
  /** Redis connection errors, for logging; the store already turns them into 503s. */
  readonly onRedisError?: RedisClientOptions['onError'];
}

export function createStore(options: CreateStoreOptions): Store {
  if (options.redis === undefined) return new MemoryStore({ clock: options.clock });
  const onError = options.onRedisError;
  const redis = createRedisClient(options.redis, onError === undefined ? {} : { onError });
  return new RedisStore({ redis, prefix: options.prefix, clock: options.clock });
}
