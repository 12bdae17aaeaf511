/**
 * A tiny TTL + LRU cache of successful sidecar answers. Its staleness bound is `ttlMs`: an
 * answer is served for at most that long after the service gave it, so a revocation or a
 * policy change may take up to `ttlMs` to reach a frontend using it (the service itself
 * applies them at once). An answer is also never served past the session's own expiration.
 */
export interface MicroCacheOptions {
  /** How long an answer may be reused, ms. This is the staleness bound; keep it small (e.g. 1000). */
  readonly ttlMs: number;
  /** Most answers kept; the least recently used goes first. */
  readonly maxEntries: number;
}

interface Entry<V> {
  readonly value: V;
  readonly expiresAt: number;
}

export class MicroCache<V> {
  private readonly entries = new Map<string, Entry<V>>();

  constructor(private readonly options: MicroCacheOptions) {
    if (!Number.isFinite(options.ttlMs) || options.ttlMs <= 0) throw new RangeError('microCache.ttlMs must be a positive number of milliseconds');
    if (!Number.isInteger(options.maxEntries) || options.maxEntries < 1) throw new RangeError('microCache.maxEntries must be a positive integer');
  }

  get(key: string, now: number): V | undefined {
    const entry = this.entries.get(key);
    if (entry === undefined) return undefined;
    this.entries.delete(key);
    if (entry.expiresAt <= now) return undefined;
    this.entries.set(key, entry);
    return entry.value;
  }

  /** `notAfter`: a hard end (the session's expiration), if earlier than now + ttlMs. */
  set(key: string, value: V, now: number, notAfter?: number): void {
    const expiresAt = Math.min(now + this.options.ttlMs, notAfter ?? Infinity);
    if (expiresAt <= now) return;
    this.entries.delete(key);
    this.entries.set(key, { value, expiresAt });
    if (this.entries.size > this.options.maxEntries) {
      const oldest = this.entries.keys().next();
      if (oldest.done !== true) this.entries.delete(oldest.value);
    }
  }

  get size(): number {
    return this.entries.size;
  }

  clear(): void {
    this.entries.clear();
  }
}
