import { KEY_TYPE } from './constants.js';
import { hmacSha256, sha256Hex } from './hash.js';

/** kSigning = HMAC chain over date, region, service and 'aws4_request', keyed by 'AWS4' + secret. */
export function deriveSigningKey(secretKey: string, date: string, region: string, service: string): Buffer {
  const kDate = hmacSha256(`AWS4${secretKey}`, date);
  const kRegion = hmacSha256(kDate, region);
  const kService = hmacSha256(kRegion, service);
  return hmacSha256(kService, KEY_TYPE);
}

/**
 * A bounded least-recently-used cache of derived signing keys. A key changes only once a day
 * per secret, region and service, so a small cache saves four HMACs on nearly every request.
 * Entries are keyed by a hash of the secret, never the secret itself. Inject one per verifier;
 * there is deliberately no shared module-level instance.
 */
export class SigningKeyCache {
  private readonly entries = new Map<string, Buffer>();

  constructor(readonly maxEntries = 1024) {
    if (!Number.isInteger(maxEntries) || maxEntries < 1) {
      throw new RangeError('SigningKeyCache maxEntries must be a positive integer');
    }
  }

  get size(): number {
    return this.entries.size;
  }

  get(secretKey: string, date: string, region: string, service: string): Buffer {
    const cacheKey = `${sha256Hex(secretKey)}/${date}/${region}/${service}`;
    const hit = this.entries.get(cacheKey);
    if (hit !== undefined) {
      // Re-inserting moves the entry to the young end of the Map's insertion order.
      this.entries.delete(cacheKey);
      this.entries.set(cacheKey, hit);
      return hit;
    }
    const key = deriveSigningKey(secretKey, date, region, service);
    this.entries.set(cacheKey, key);
    if (this.entries.size > this.maxEntries) {
      const oldest = this.entries.keys().next();
      if (oldest.done !== true) this.entries.delete(oldest.value);
    }
    return key;
  }

  clear(): void {
    this.entries.clear();
  }
}

/** The signing key, from the cache when one is given. */
export function signingKey(
  secretKey: string,
  date: string,
  region: string,
  service: string,
  cache?: SigningKeyCache,
): Buffer {
  return cache ? cache.get(secretKey, date, region, service) : deriveSigningKey(secretKey, date, region, service);
}
