import { createHash } from 'node:crypto';
import type { Cluster, Redis } from 'ioredis';
import { RateLimiterMemory, RateLimiterRedis, RateLimiterRes, type RateLimiterAbstract } from 'rate-limiter-flexible';
import type { Clock } from '../clock.js';
import { addressBucket } from './addressBucket.js';

/** Who failed: the client's address and the access key it tried. */
export interface SignInSource {
  readonly address: string;
  readonly accessKeyId: string;
}

export interface SignInThrottleOptions {
  /** Failed sign-ins one access key may have from one address per window; 0 turns throttling off. */
  readonly limit: number;
  /** Redis shared by every instance; undefined counts in this process only. */
  readonly redis?: Redis | Cluster | undefined;
  /** Redis key prefix (`STS_KEY_PREFIX`). */
  readonly prefix: string;
  readonly clock: Clock;
}

/** The counting window, seconds. */
export const SIGN_IN_WINDOW_SECONDS = 60;
/** Failures from one address (all keys together) per window, as a multiple of the per-key limit. */
export const ADDRESS_LIMIT_FACTOR = 10;
/** Most sources blocked locally at once; the oldest block is dropped first. */
const MAX_BLOCKED = 100_000;

/**
 * Failed sign-ins, counted per client address and per access key from that address, so
 * guessing is slowed where it comes from while the key's owner, signing correctly from
 * elsewhere, is never refused for it.
 *
 * Counting is shared through Redis when there is one (an in-memory count stands in while Redis
 * is away), so every instance sees every failure. The check before a sign-in is local and
 * synchronous: a source is blocked on an instance once that instance has seen one failure over
 * the shared limit, so across N instances a source gets at most N more attempts per window.
 */
export class SignInThrottle {
  private readonly perAddress: RateLimiterAbstract | undefined;
  private readonly perKey: RateLimiterAbstract | undefined;
  /** Counter key -> clock time the block ends. */
  private readonly blockedUntil = new Map<string, number>();

  constructor(private readonly options: SignInThrottleOptions) {
    if (options.limit <= 0) return;
    this.perAddress = limiter(options, 'addr', options.limit * ADDRESS_LIMIT_FACTOR);
    this.perKey = limiter(options, 'key', options.limit);
  }

  /** Whether `source` must not try now: its address, or its key from that address, is blocked. */
  blocked(source: SignInSource): boolean {
    // Nobody blocked (the usual state): no key to build, no hash to take.
    if (this.perKey === undefined || this.blockedUntil.size === 0) return false;
    const now = this.options.clock.now();
    const keys = counterKeys(source);
    return this.isBlocked(keys.address, now) || this.isBlocked(keys.key, now);
  }

  /** Counts one failure of `source`; blocks it here once a limit is passed. Never rejects. */
  async recordFailure(source: SignInSource): Promise<void> {
    if (this.perKey === undefined || this.perAddress === undefined) return;
    const keys = counterKeys(source);
    await Promise.all([this.consume(this.perAddress, keys.address), this.consume(this.perKey, keys.key)]);
  }

  private isBlocked(key: string, now: number): boolean {
    const until = this.blockedUntil.get(key);
    if (until === undefined) return false;
    if (until > now) return true;
    this.blockedUntil.delete(key);
    return false;
  }

  private async consume(counter: RateLimiterAbstract, key: string): Promise<void> {
    try {
      const count = await counter.consume(key);
      // The failure that reaches the limit blocks at once: the next attempt is not even tried.
      if (count.remainingPoints <= 0) this.block(key, count.msBeforeNext);
    } catch (rejection) {
      // Over the limit: the count says how long the window still runs. Anything else (both the
      // store and its in-memory stand-in failing) leaves the source unblocked rather than failing
      // the request that is already being refused.
      if (rejection instanceof RateLimiterRes) this.block(key, rejection.msBeforeNext);
    }
  }

  private block(key: string, ms: number): void {
    this.blockedUntil.delete(key);
    this.blockedUntil.set(key, this.options.clock.now() + Math.max(ms, 1000));
    if (this.blockedUntil.size > MAX_BLOCKED) {
      const oldest = this.blockedUntil.keys().next();
      if (oldest.done !== true) this.blockedUntil.delete(oldest.value);
    }
  }
}

function limiter(options: SignInThrottleOptions, kind: string, points: number): RateLimiterAbstract {
  const shape = { points, duration: SIGN_IN_WINDOW_SECONDS, keyPrefix: `${options.prefix}:signin-failures:${kind}` };
  if (options.redis === undefined) return new RateLimiterMemory(shape);
  return new RateLimiterRedis({
    ...shape,
    storeClient: options.redis,
    rejectIfRedisNotReady: true,
    insuranceLimiter: new RateLimiterMemory(shape),
  });
}

/**
 * Fixed-length counter keys: an access key id is whatever the client wrote, so it is hashed
 * (with the address) rather than stored as is.
 */
function counterKeys(source: SignInSource): { address: string; key: string } {
  const address = addressBucket(source.address);
  const key = createHash('sha256').update(`${source.accessKeyId}\n${address}`).digest('base64url').slice(0, 22);
  return { address, key };
}
