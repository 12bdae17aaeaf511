import type { Revision, RevisionCounter } from './revisionCounters.js';
import type {
  AttachResult, DeletePolicyResult, ListOptions, OidcProviderRecord, Page, PolicyRecord, RoleAttachResult, RoleRecord, SessionRecord, Store,
  UserRecord,
} from './types.js';

/** A store that can say whether anything a cached principal depends on may have changed. */
export interface RevisionSource {
  revision(): Revision | Promise<Revision>;
}

export function hasRevision(store: Store): store is Store & RevisionSource {
  return typeof (store as Partial<RevisionSource>).revision === 'function';
}

/**
 * Wraps any store and bumps a revision stamp after every change that can narrow or end an
 * existing credential: users (create, remove, attach, detach), policies (put, remove), roles
 * and OIDC providers (every change) and session removal. `putSession` does not bump: a new session has a new access key that no
 * cache holds yet, and AssumeRole traffic must not flush every instance's cache.
 *
 * The bump follows the write, so a reader that sees the new stamp reads the new data. It is
 * attempted even when the write failed (the write may have happened anyway); when the write
 * succeeded but the bump fails, the caller gets the StoreUnavailableError, so an admin retries.
 * Every writer must go through this wrapper: a store written behind its back (another tool,
 * an older version) defeats the caches that rely on the stamp.
 */
export class RevisionTrackingStore implements Store, RevisionSource {
  constructor(
    readonly inner: Store,
    private readonly counter: RevisionCounter,
  ) {}

  revision(): Revision | Promise<Revision> {
    return this.counter.current();
  }

  createUser(user: UserRecord): Promise<{ ok: true } | { ok: false; reason: 'exists' | 'no-such-policy' }> {
    return this.bumping(() => this.inner.createUser(user));
  }

  getUser(name: string): Promise<UserRecord | undefined> {
    return this.inner.getUser(name);
  }

  listUsers(options?: ListOptions): Promise<Page<UserRecord>> {
    return this.inner.listUsers(options);
  }

  deleteUser(name: string): Promise<boolean> {
    return this.bumping(() => this.inner.deleteUser(name));
  }

  setUserPolicy(name: string, policy: string | undefined): Promise<AttachResult> {
    return this.bumping(() => this.inner.setUserPolicy(name, policy));
  }

  updateUserSecret(name: string, expected: string, sealedSecret: string): Promise<boolean> {
    return this.bumping(() => this.inner.updateUserSecret(name, expected, sealedSecret));
  }

  putPolicy(policy: PolicyRecord): Promise<{ created: boolean }> {
    return this.bumping(() => this.inner.putPolicy(policy));
  }

  getPolicy(name: string): Promise<PolicyRecord | undefined> {
    return this.inner.getPolicy(name);
  }

  listPolicies(options?: ListOptions): Promise<Page<PolicyRecord>> {
    return this.inner.listPolicies(options);
  }

  deletePolicy(name: string): Promise<DeletePolicyResult> {
    return this.bumping(() => this.inner.deletePolicy(name));
  }

  policyUsers(name: string): Promise<readonly string[]> {
    return this.inner.policyUsers(name);
  }

  policyUsersOf(names: readonly string[]): Promise<ReadonlyArray<readonly string[]>> {
    return this.inner.policyUsersOf(names);
  }

  putSession(session: SessionRecord): Promise<void> {
    return this.inner.putSession(session);
  }

  getSession(accessKeyId: string): Promise<SessionRecord | undefined> {
    return this.inner.getSession(accessKeyId);
  }

  listSessions(user?: string, options?: ListOptions): Promise<Page<SessionRecord>> {
    return this.inner.listSessions(user, options);
  }

  deleteSession(accessKeyId: string): Promise<boolean> {
    return this.bumping(() => this.inner.deleteSession(accessKeyId));
  }

  deleteUserSessions(user: string): Promise<number> {
    return this.bumping(() => this.inner.deleteUserSessions(user));
  }

  createRole(role: RoleRecord): Promise<{ ok: true } | { ok: false; reason: 'exists' | 'no-such-policy' }> {
    return this.bumping(() => this.inner.createRole(role));
  }

  getRole(name: string): Promise<RoleRecord | undefined> {
    return this.inner.getRole(name);
  }

  listRoles(options?: ListOptions): Promise<Page<RoleRecord>> {
    return this.inner.listRoles(options);
  }

  deleteRole(name: string): Promise<boolean> {
    return this.bumping(() => this.inner.deleteRole(name));
  }

  setRoleTrustPolicy(name: string, trustPolicy: string): Promise<boolean> {
    return this.bumping(() => this.inner.setRoleTrustPolicy(name, trustPolicy));
  }

  setRolePolicy(name: string, policy: string | undefined): Promise<RoleAttachResult> {
    return this.bumping(() => this.inner.setRolePolicy(name, policy));
  }

  createOidcProvider(provider: OidcProviderRecord): Promise<{ ok: true } | { ok: false; reason: 'exists' }> {
    return this.bumping(() => this.inner.createOidcProvider(provider));
  }

  getOidcProvider(key: string): Promise<OidcProviderRecord | undefined> {
    return this.inner.getOidcProvider(key);
  }

  listOidcProviders(options?: ListOptions): Promise<Page<OidcProviderRecord>> {
    return this.inner.listOidcProviders(options);
  }

  deleteOidcProvider(key: string): Promise<boolean> {
    return this.bumping(() => this.inner.deleteOidcProvider(key));
  }

  ping(): Promise<void> {
    return this.inner.ping();
  }

  close(): Promise<void> {
    return this.inner.close();
  }

  private async bumping<T>(write: () => Promise<T>): Promise<T> {
    let result: T;
    try {
      result = await write();
    } catch (err) {
      await this.counter.bump().catch(() => undefined);
      throw err;
    }
    await this.counter.bump();
    return result;
  }
}
