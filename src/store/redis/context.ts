import type { Cluster, Redis } from 'ioredis';
import type { Clock } from '../../clock.js';
import type { RedisKeys } from './keys.js';
import type { Scripts } from './scripts.js';

/** What the Redis store's per-concern functions share. */
export interface RedisContext {
  readonly redis: Redis | Cluster;
  readonly keys: RedisKeys;
  readonly scripts: Scripts;
  readonly clock: Clock;
  /** Policy names that exist without a stored record (StoreOptions.builtinPolicies). */
  readonly builtinPolicies: ReadonlySet<string>;
}

/** Ids and keys handled per round of a multi-key operation, bounding memory and reply sizes. */
export const CHUNK = 500;
