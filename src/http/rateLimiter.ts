/**
 * Per-key token buckets held in memory, bounded in size: the oldest idle key is dropped first.
 * Each instance limits on its own; the limit is a guard against runaway clients, not a quota.
 */
export class RateLimiter {
  private readonly buckets = new Map<string, { tokens: number; at: number }>();

  constructor(
    private readonly ratePerSecond: number,
    private readonly burst: number,
    private readonly maxKeys = 100_000,
  ) {}

  /** Whether `key` has a token at time `now`, without taking it. */
  allows(key: string, now: number): boolean {
    return this.ratePerSecond <= 0 || this.tokens(key, now) >= 1;
  }

  /** Takes one token for `key` at time `now` (ms); false when the bucket is empty. */
  take(key: string, now: number): boolean {
    if (this.ratePerSecond <= 0) return true;
    const bucket = this.buckets.get(key);
    const tokens = this.tokens(key, now);
    if (bucket !== undefined) this.buckets.delete(key);
    else if (this.buckets.size >= this.maxKeys) this.evictOldest();
    const allowed = tokens >= 1;
    // Re-inserting keeps the Map in least-recently-used order.
    this.buckets.set(key, { tokens: allowed ? tokens - 1 : tokens, at: now });
    return allowed;
  }

  private tokens(key: string, now: number): number {
    const bucket = this.buckets.get(key);
    return bucket === undefined ? this.burst : Math.min(this.burst, bucket.tokens + ((now - bucket.at) / 1000) * this.ratePerSecond);
  }

  private evictOldest(): void {
    const oldest = this.buckets.keys().next();
    if (!oldest.done) this.buckets.delete(oldest.value);
  }
}
