import { TEMPORARY_KEY } from '../auth/resolveCredential.js';
import { CredentialError } from '../auth/credentialError.js';
import { policyDocument } from '../admin/policies.js';
import { openSecret } from '../crypto/secretBox.js';
import type { Deps } from '../deps.js';
import type { PolicyCache } from '../policy/index.js';
import type { Revision } from '../store/revisionCounters.js';
import { hasRevision } from '../store/revisionTrackingStore.js';
import type { SessionRecord, UserRecord } from '../store/types.js';
import { sessionSecretKey, TokenError, type SessionClaims } from '../tokens/index.js';
import { LruMap } from './lruMap.js';
import { buildPrincipalEntry, type PolicyInForce, type PrincipalEntry } from './principalEntry.js';
import type { TokenCache } from './tokenCache.js';

export interface PrincipalCacheOptions {
  readonly maxEntries: number;
  /**
   * Backstop only: an entry is reloaded after this long even when the revision stamp has not
   * moved, bounding the damage of a change whose stamp bump was lost (e.g. Redis failing
   * between the write and the INCR). Instant revocation comes from the stamp, not from this.
   */
  readonly maxAgeMs: number;
}

/**
 * Access key (+ token) to principal entry. With a revision-tracked store an entry is reused
 * while the store's stamp is unchanged: one cheap read per call (none for the memory store).
 * Without one, every call reads the store, so nothing can be stale.
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
    const stamp = await revision;
    const cached = this.fresh(`s:${accessKeyId}`, stamp, now);
    const entry = cached?.caller.user.name === claims.sub ? cached : await this.loadSession(accessKeyId, claims, stamp, now);
    if (entry.expiresAt !== undefined && entry.expiresAt <= now) throw new CredentialError('expired', 'the session has expired');
    return entry;
  }

  /** A user's permanent key; the caller must still check a signature made with it. */
  async user(name: string, now: number): Promise<PrincipalEntry> {
    const stamp = await this.readRevision();
    return this.fresh(`u:${name}`, stamp, now) ?? this.loadUser(name, stamp, now);
  }

  /** Started before any CPU work, so the stamp is read after the call began and overlaps it. */
  private readRevision(): Promise<Revision | undefined> {
    const store = this.deps.store;
    const pending = Promise.resolve(hasRevision(store) ? store.revision() : undefined);
    pending.catch(() => undefined);
    return pending;
  }

  private fresh(key: string, stamp: Revision | undefined, now: number): PrincipalEntry | undefined {
    if (stamp === undefined) return undefined;
    const entry = this.entries.get(key);
    if (entry === undefined || entry.revision !== stamp || now - entry.loadedAt >= this.options.maxAgeMs) return undefined;
    return entry;
  }

  private async claims(token: string, now: number): Promise<SessionClaims> {
    try {
      return await this.tokens.claims(token, now);
    } catch (err) {
      if (err instanceof TokenError) throw new CredentialError(err.code, err.message);
      throw err;
    }
  }

  /** The checks of auth/resolveCredential, with the session and user read together (one round trip). */
  private async loadSession(accessKeyId: string, claims: SessionClaims, stamp: Revision | undefined, now: number): Promise<PrincipalEntry> {
    const [session, user] = await Promise.all([this.deps.store.getSession(accessKeyId), this.deps.store.getUser(claims.sub)]);
    if (session === undefined || session.expiresAt <= now) {
      if (claims.exp * 1000 <= now || (session !== undefined && session.expiresAt <= now)) {
        throw new CredentialError('expired', 'the session has expired');
      }
      // Removing a user removes its sessions: tell that apart from a plain revocation.
      if (user === undefined || user.id !== claims.uid) throw new CredentialError('user-removed', 'the user of this session no longer exists');
      throw new CredentialError('revoked', 'the session has been revoked');
    }
    if (user === undefined || user.id !== session.userId || session.user !== claims.sub) {
      throw new CredentialError('user-removed', 'the user of this session no longer exists');
    }
    const policies = [...(await this.userPolicy(user)), ...sessionPolicies(session)];
    const caller = { kind: 'session', accessKeyId, user, session } as const;
    return this.remember(`s:${accessKeyId}`, caller, sessionSecretKey(this.deps.keys, accessKeyId), policies, stamp, now);
  }

  private async loadUser(name: string, stamp: Revision | undefined, now: number): Promise<PrincipalEntry> {
    const user = await this.deps.store.getUser(name);
    if (user === undefined) throw new CredentialError('unknown-key', 'the access key id is not known');
    const secretKey = openSecret(this.deps.keys.secretSeal, user.sealedSecret, user.name);
    if (secretKey === undefined) {
      this.deps.logger.error({ user: user.name }, 'stored secret does not open under the configured master key');
      throw new CredentialError('unknown-key', 'the access key id is not known');
    }
    const caller = { kind: 'user', accessKeyId: name, user } as const;
    return this.remember(`u:${name}`, caller, secretKey, await this.userPolicy(user), stamp, now);
  }

  private async userPolicy(user: UserRecord): Promise<PolicyInForce[]> {
    if (user.policy === undefined) return [];
    const document = await policyDocument(this.deps.store, user.policy);
    if (document === undefined) {
      // The store refuses to remove an attached policy, so this is a race with a detach: nothing is allowed.
      this.deps.logger.warn({ user: user.name, policy: user.policy }, 'attached policy not found; treating the user as having none');
      return [];
    }
    return [{ source: 'user', name: user.policy, document }];
  }

  private remember(
    key: string,
    caller: PrincipalEntry['caller'],
    secretKey: string,
    policies: readonly PolicyInForce[],
    stamp: Revision | undefined,
    now: number,
  ): PrincipalEntry {
    const entry = buildPrincipalEntry({
      caller,
      secretKey,
      policies,
      revision: stamp,
      loadedAt: now,
      accountId: this.deps.config.accountId,
      policyCache: this.policyCache,
    });
    if (stamp !== undefined) this.entries.set(key, entry);
    return entry;
  }
}

function sessionPolicies(session: SessionRecord): PolicyInForce[] {
  return session.sessionPolicies.map((document) => ({ source: 'session', name: undefined, document }));
}
