import { readSessionState, requireLiveSession } from '../auth/checkSession.js';
import { asCredentialError, CredentialError } from '../auth/credentialError.js';
import { openUserSecret, unknownKey } from '../auth/openUserSecret.js';
import { policyDocument } from '../policies/index.js';
import type { Deps } from '../deps.js';
import type { PolicyCache } from '../policy/index.js';
import type { Revision } from '../store/revisionCounters.js';
import { roleOfOwner } from '../store/records.js';
import { hasRevision } from '../store/revisionTrackingStore.js';
import type { SessionRecord, UserRecord } from '../store/types.js';
import { sessionSecretKey, signingRing, type SessionClaims, type VerifiedClaims } from '../tokens/index.js';
import { LruMap } from './lruMap.js';
import { buildPrincipalEntry, type PrincipalEntry } from './principalEntry.js';
import { sameSource, type PolicyInForce, type PrincipalSource } from './principalSource.js';
import type { TokenCache } from './tokenCache.js';

export interface PrincipalCacheOptions {
  readonly maxEntries: number;
  /**
   * Backstop only: with a revision stamp, an entry is re-read after this long even when the
   * stamp has not moved, bounding the damage of a change whose bump was lost (e.g. Redis
   * failing between the write and the INCR). Instant revocation comes from the stamp.
   */
  readonly maxAgeMs: number;
}

/**
 * Access key (+ token) to principal entry, never stale:
 * - with a revision-tracked store, an entry is reused while the store's stamp is unchanged:
 *   one cheap read per call (none for the memory store);
 * - otherwise every call re-reads the session, the user and the policy, and the built entry
 *   (compiled policies, rendered JSON) is reused only when what was read is the same.
 */
export class PrincipalResolver {
  private readonly entries: LruMap<string, PrincipalEntry>;

  constructor(
    private readonly deps: Deps,
    private readonly tokens: TokenCache,
    private readonly policyCache: PolicyCache,
    private readonly options: PrincipalCacheOptions,
  ) {
    this.entries = new LruMap(options.maxEntries);
  }

  /** A temporary key with its session token. */
  async session(accessKeyId: string, token: string, now: number): Promise<PrincipalEntry> {
    const revision = this.readRevision();
    const claims = await this.claims(token, now);
    if (claims.akid !== accessKeyId) throw new CredentialError('malformed', 'the session token belongs to another access key');
    const key = `s:${accessKeyId}`;
    const stamp = await revision;
    let entry = this.fresh(key, stamp, now);
    if (entry?.source.user.name !== claims.sub) {
      const source = await this.readSession(accessKeyId, claims, now);
      entry = this.remember(key, source, stamp, now, () => sessionSecretKey(signingRing(this.deps.keys, claims), accessKeyId));
    }
    if (entry.expiresAt !== undefined && entry.expiresAt <= now) throw new CredentialError('expired', 'the session has expired');
    return entry;
  }

  /** A user's permanent key; the caller must still check a signature made with it. */
  async user(name: string, now: number): Promise<PrincipalEntry> {
    const key = `u:${name}`;
    const stamp = await this.readRevision();
    const cached = this.fresh(key, stamp, now);
    if (cached !== undefined) return cached;
    const source = await this.readUser(name);
    return this.remember(key, source, stamp, now, () => openUserSecret(this.deps, source.user));
  }

  /** Started before any CPU work, so the stamp is read after the call began and overlaps it. */
  private readRevision(): Promise<Revision | undefined> {
    const store = this.deps.store;
    const pending = Promise.resolve(hasRevision(store) ? store.revision() : undefined);
    pending.catch(() => undefined);
    return pending;
  }

  /** The cached entry when the stamp vouches for it. */
  private fresh(key: string, stamp: Revision | undefined, now: number): PrincipalEntry | undefined {
    if (stamp === undefined) return undefined;
    const entry = this.entries.get(key);
    if (entry === undefined || entry.revision !== stamp || now - entry.loadedAt >= this.options.maxAgeMs) return undefined;
    return entry;
  }

  private async claims(token: string, now: number): Promise<VerifiedClaims> {
    try {
      return await this.tokens.claims(token, now);
    } catch (err) {
      throw asCredentialError(err);
    }
  }

  /** The check the Query API makes too (auth/checkSession), over records read in one round trip. */
  private async readSession(accessKeyId: string, claims: SessionClaims, now: number): Promise<PrincipalSource> {
    const { session, user } = requireLiveSession(await readSessionState(this.deps.store, accessKeyId, claims, now, this.deps.keys));
    // Session policies only ever narrow the user's: with no user policy in force, nothing is allowed.
    const userPolicies = await this.userPolicy(user);
    const policies = userPolicies.length === 0 ? [] : [...userPolicies, ...sessionPolicies(session)];
    return { kind: 'session', accessKeyId, user, session, policies };
  }

  private async readUser(name: string): Promise<PrincipalSource> {
    const user = await this.deps.store.getUser(name);
    if (user === undefined) throw unknownKey();
    return { kind: 'user', accessKeyId: name, user, policies: await this.userPolicy(user) };
  }

  private async userPolicy(user: UserRecord): Promise<PolicyInForce[]> {
    if (user.policy === undefined) return [];
    const document = await policyDocument(this.deps.store, user.policy);
    if (document === undefined) {
      // The store refuses to remove an attached policy, so this is a race with a detach: nothing is allowed.
      this.deps.logger.warn({ user: user.name, policy: user.policy }, 'attached policy not found; treating the user as having none');
      return [];
    }
    return [{ source: roleOfOwner(user.name) === undefined ? 'user' : 'role', name: user.policy, document }];
  }

  /** Reuses the cached entry when it was built from the same records, else builds a new one. */
  private remember(key: string, source: PrincipalSource, stamp: Revision | undefined, now: number, secret: () => string): PrincipalEntry {
    const cached = this.entries.get(key);
    let entry: PrincipalEntry;
    if (cached !== undefined && sameSource(cached.source, source)) {
      entry = stamp === cached.revision ? cached : { ...cached, revision: stamp, loadedAt: now };
    } else {
      entry = buildPrincipalEntry({
        source,
        secretKey: secret(),
        revision: stamp,
        loadedAt: now,
        accountId: this.deps.config.accountId,
        policyCache: this.policyCache,
      });
    }
    if (entry !== cached) this.entries.set(key, entry);
    return entry;
  }
}

function sessionPolicies(session: SessionRecord): PolicyInForce[] {
  return session.sessionPolicies.map((document) => ({ source: 'session', name: undefined, document }));
}
