import type { KeyRing } from '../crypto/keyRing.js';
import { type VerifiedClaims, verifyToken } from '../tokens/index.js';
import { LruMap } from './lruMap.js';

/**
 * Verified session tokens by token text. A token's validity depends only on its signature
 * (fixed) and the time (checked on every hit), so caching the claims of a token that verified
 * is exact; revocation is the store's business, not the token's. Failures are not cached.
 */
export class TokenCache {
  private readonly verified: LruMap<string, VerifiedClaims>;

  constructor(private readonly keys: KeyRing, maxEntries: number) {
    this.verified = new LruMap(maxEntries);
  }

  /** The token's claims at `now` (ms); rejects with TokenError as `verifyToken` does. */
  async claims(token: string, now: number): Promise<VerifiedClaims> {
    const hit = this.verified.get(token);
    if (hit !== undefined && hit.exp * 1000 > now) return hit;
    const claims = await verifyToken(this.keys, token, now);
    this.verified.set(token, claims);
    return claims;
  }
}
