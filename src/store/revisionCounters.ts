import { randomInt } from 'node:crypto';
import type { Cluster, Redis } from 'ioredis';
import { StoreUnavailableError } from '../errors.js';
import { FAIL_FAST } from './redis/createRedisClient.js';
import { firstConnection } from './redis/readiness.js';
import { guard } from './redis/storeErrors.js';

/**
 * A stamp that changes whenever anything a cached principal depends on changes. Only equality
 * matters: a value read before a change never equals one read after it.
 */
export type Revision = string | number;

export interface RevisionCounter {
  /** The current stamp; synchronous when no round trip is needed. */
  current(): Revision | Promise<Revision>;
  /** Moves the stamp on; resolves once every instance reading it will see the new value. */
  bump(): Promise<void>;
}

/** For the embedded memory store: one process, so a plain counter is the whole truth. */
export class LocalRevisionCounter implements RevisionCounter {
  private value = 0;

  current(): number {
    return this.value;
  }

  async bump(): Promise<void> {
    this.value++;
  }
}

/** `<prefix>:{<prefix>:meta}:revision`: in the metadata slot, so Cluster keeps it beside the users. */
export function revisionKey(prefix: string): string {
  return `${prefix}:{${prefix}:meta}:revision`;
}

/**
 * A fresh counter starts at a random point, never at 1: if Redis loses the key (restart
 * without persistence, eviction), later values do not repeat earlier ones, so a principal
 * cached under an old value can never match again.
 */
function randomStart(): string {
  return String(randomInt(2 ** 40, 2 ** 47));
}

/**
 * The shared stamp in Redis (INCR / GET on one key through the store's own client).
 * Concurrent readers share one GET: callers arriving before the GET is written to the socket
 * join it, later callers start the next one. A joined GET is always sent after the caller
 * asked, so it reflects every change that completed before the call began. Like the store, it
 * waits briefly for the client's first connection: without an offline queue, a stamp read by
 * the first request after start-up would otherwise fail.
 */
export class RedisRevisionCounter implements RevisionCounter {
  private readonly key: string;
  private batch: Promise<string> | undefined;
  private readonly connected: () => Promise<void>;

  constructor(private readonly redis: Redis | Cluster, prefix: string) {
    this.key = revisionKey(prefix);
    this.connected = firstConnection(redis, FAIL_FAST.connectTimeoutMs);
  }

  current(): Promise<string> {
    this.batch ??= new Promise<string>((resolve, reject) => {
      setImmediate(() => {
        this.batch = undefined;
        this.read().then(resolve, reject);
      });
    });
    return this.batch;
  }

  async bump(): Promise<void> {
    await this.connected();
    const replies = await guard(() => this.redis.multi().set(this.key, randomStart(), 'NX').incr(this.key).exec());
    const failed = replies?.find(([err]) => err !== null)?.[0];
    if (replies === null || failed) throw new StoreUnavailableError(failed ?? new Error('revision bump was discarded'));
  }

  private async read(): Promise<string> {
    await this.connected();
    const value = await guard(() => this.redis.get(this.key));
    if (value !== null) return value;
    await guard(() => this.redis.set(this.key, randomStart(), 'NX'));
    const created = await guard(() => this.redis.get(this.key));
    if (created === null) throw new StoreUnavailableError(new Error('revision key vanished while being created'));
    return created;
  }
}
