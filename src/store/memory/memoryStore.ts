import type { Clock } from '../../clock.js';
import { builtinPolicyNames } from '../builtinPolicyNames.js';
import { decodeCursor, encodeCursor, isNamePosition, pageLimit } from '../cursor.js';
import { copyOidcProvider, copyPolicy, copyRole, copyUser, roleOwner } from '../records.js';
import { pageSessions } from '../sessionPages.js';
import type {
  AttachResult, DeletePolicyResult, ListOptions, OidcProviderRecord, Page, PolicyRecord, RoleAttachResult, RoleRecord, SessionRecord, Store,
  StoreOptions, UserRecord,
} from '../types.js';
import { MemorySessions } from './memorySessions.js';
import { SortedNames } from './sortedNames.js';

export interface MemoryStoreOptions extends StoreOptions {
  readonly clock: Clock;
  /** How often the background sweep runs; 0 turns it off (writes still sweep a little). */
  readonly sweepIntervalMs?: number;
  /** Records the background sweep inspects per run, so one run never stalls the event loop. */
  readonly sweepBudget?: number;
}

/**
 * The embedded single-process store. Every method runs synchronously inside its promise, so
 * each one is atomic with respect to the others, as the Redis store's scripts are.
 */
export class MemoryStore implements Store {
  private readonly users = new Map<string, UserRecord>();
  private readonly userNames = new SortedNames();
  private readonly policies = new Map<string, PolicyRecord>();
  private readonly policyNames = new SortedNames();
  private readonly policyUsersIndex = new Map<string, SortedNames>();
  private readonly roles = new Map<string, RoleRecord>();
  private readonly roleNames = new SortedNames();
  private readonly providers = new Map<string, OidcProviderRecord>();
  private readonly providerKeys = new SortedNames();
  private readonly builtinPolicies: ReadonlySet<string>;
  private readonly sessions: MemorySessions;
  private readonly sweepTimer: NodeJS.Timeout | undefined;

  constructor(options: MemoryStoreOptions) {
    this.builtinPolicies = builtinPolicyNames(options);
    this.sessions = new MemorySessions(options.clock);
    const interval = options.sweepIntervalMs ?? 10_000;
    const budget = options.sweepBudget ?? 10_000;
    this.sweepTimer = interval > 0 ? setInterval(() => this.sessions.sweep(budget), interval).unref() : undefined;
  }

  async createUser(user: UserRecord): Promise<{ ok: true } | { ok: false; reason: 'exists' | 'no-such-policy' }> {
    if (this.users.has(user.name)) return { ok: false, reason: 'exists' };
    if (user.policy !== undefined && !this.policyExists(user.policy)) return { ok: false, reason: 'no-such-policy' };
    this.users.set(user.name, copyUser(user));
    this.userNames.add(user.name);
    if (user.policy !== undefined) this.attachIndex(user.policy, user.name);
    return { ok: true };
  }

  async getUser(name: string): Promise<UserRecord | undefined> {
    return this.users.get(name);
  }

  async listUsers(options?: ListOptions): Promise<Page<UserRecord>> {
    return namePage(this.userNames, options, (name) => this.users.get(name));
  }

  async deleteUser(name: string): Promise<boolean> {
    const user = this.users.get(name);
    if (user === undefined) return false;
    if (user.policy !== undefined) this.detachIndex(user.policy, name);
    this.users.delete(name);
    this.userNames.delete(name);
    this.sessions.deleteUser(name);
    return true;
  }

  async setUserPolicy(name: string, policy: string | undefined): Promise<AttachResult> {
    const user = this.users.get(name);
    if (user === undefined) return { ok: false, reason: 'no-such-user' };
    if (policy !== undefined && !this.policyExists(policy)) return { ok: false, reason: 'no-such-policy' };
    if (user.policy !== undefined) this.detachIndex(user.policy, name);
    this.users.set(name, copyUser({ ...user, policy }));
    if (policy !== undefined) this.attachIndex(policy, name);
    return { ok: true };
  }

  async updateUserSecret(name: string, expected: string, sealedSecret: string): Promise<boolean> {
    const user = this.users.get(name);
    if (user === undefined || user.sealedSecret !== expected) return false;
    this.users.set(name, copyUser({ ...user, sealedSecret }));
    return true;
  }

  async putPolicy(policy: PolicyRecord): Promise<{ created: boolean }> {
    const existing = this.policies.get(policy.name);
    const createdAt = existing?.createdAt ?? policy.createdAt;
    this.policies.set(policy.name, copyPolicy({ ...policy, createdAt }));
    this.policyNames.add(policy.name);
    return { created: existing === undefined };
  }

  async getPolicy(name: string): Promise<PolicyRecord | undefined> {
    return this.policies.get(name);
  }

  async listPolicies(options?: ListOptions): Promise<Page<PolicyRecord>> {
    return namePage(this.policyNames, options, (name) => this.policies.get(name));
  }

  async deletePolicy(name: string): Promise<DeletePolicyResult> {
    if (!this.policies.has(name)) return { ok: false, reason: 'no-such-policy' };
    const users = await this.policyUsers(name);
    if (users.length > 0) return { ok: false, reason: 'in-use', users };
    this.policies.delete(name);
    this.policyNames.delete(name);
    return { ok: true };
  }

  async policyUsers(name: string): Promise<readonly string[]> {
    const users = this.policyUsersIndex.get(name);
    return users === undefined ? [] : users.after(undefined, users.size);
  }

  async policyUsersOf(names: readonly string[]): Promise<ReadonlyArray<readonly string[]>> {
    return Promise.all(names.map((name) => this.policyUsers(name)));
  }

  private policyExists(name: string): boolean {
    return this.builtinPolicies.has(name) || this.policies.has(name);
  }

  async putSession(session: SessionRecord): Promise<void> {
    this.sessions.put(session);
  }

  async getSession(accessKeyId: string): Promise<SessionRecord | undefined> {
    return this.sessions.get(accessKeyId);
  }

  listSessions(user?: string, options?: ListOptions): Promise<Page<SessionRecord>> {
    return pageSessions(this.sessions, user, options);
  }

  async deleteSession(accessKeyId: string): Promise<boolean> {
    return this.sessions.delete(accessKeyId);
  }

  async deleteUserSessions(user: string): Promise<number> {
    return this.sessions.deleteUser(user);
  }

  async createRole(role: RoleRecord): Promise<{ ok: true } | { ok: false; reason: 'exists' | 'no-such-policy' }> {
    if (this.roles.has(role.name)) return { ok: false, reason: 'exists' };
    if (role.policy !== undefined && !this.policyExists(role.policy)) return { ok: false, reason: 'no-such-policy' };
    this.roles.set(role.name, copyRole(role));
    this.roleNames.add(role.name);
    if (role.policy !== undefined) this.attachIndex(role.policy, roleOwner(role.name));
    return { ok: true };
  }

  async getRole(name: string): Promise<RoleRecord | undefined> {
    return this.roles.get(name);
  }

  async listRoles(options?: ListOptions): Promise<Page<RoleRecord>> {
    return namePage(this.roleNames, options, (name) => this.roles.get(name));
  }

  async deleteRole(name: string): Promise<boolean> {
    const role = this.roles.get(name);
    if (role === undefined) return false;
    if (role.policy !== undefined) this.detachIndex(role.policy, roleOwner(name));
    this.roles.delete(name);
    this.roleNames.delete(name);
    this.sessions.deleteUser(roleOwner(name));
    return true;
  }

  async setRoleTrustPolicy(name: string, trustPolicy: string): Promise<boolean> {
    const role = this.roles.get(name);
    if (role === undefined) return false;
    this.roles.set(name, copyRole({ ...role, trustPolicy }));
    return true;
  }

  async setRolePolicy(name: string, policy: string | undefined): Promise<RoleAttachResult> {
    const role = this.roles.get(name);
    if (role === undefined) return { ok: false, reason: 'no-such-role' };
    if (policy !== undefined && !this.policyExists(policy)) return { ok: false, reason: 'no-such-policy' };
    if (role.policy !== undefined) this.detachIndex(role.policy, roleOwner(name));
    this.roles.set(name, copyRole({ ...role, policy }));
    if (policy !== undefined) this.attachIndex(policy, roleOwner(name));
    return { ok: true };
  }

  async createOidcProvider(provider: OidcProviderRecord): Promise<{ ok: true } | { ok: false; reason: 'exists' }> {
    if (this.providers.has(provider.key)) return { ok: false, reason: 'exists' };
    this.providers.set(provider.key, copyOidcProvider(provider));
    this.providerKeys.add(provider.key);
    return { ok: true };
  }

  async getOidcProvider(key: string): Promise<OidcProviderRecord | undefined> {
    return this.providers.get(key);
  }

  async listOidcProviders(options?: ListOptions): Promise<Page<OidcProviderRecord>> {
    return namePage(this.providerKeys, options, (key) => this.providers.get(key));
  }

  async deleteOidcProvider(key: string): Promise<boolean> {
    if (!this.providers.delete(key)) return false;
    this.providerKeys.delete(key);
    return true;
  }

  async ping(): Promise<void> {}

  async close(): Promise<void> {
    if (this.sweepTimer !== undefined) clearInterval(this.sweepTimer);
  }

  private attachIndex(policy: string, user: string): void {
    let users = this.policyUsersIndex.get(policy);
    if (users === undefined) {
      users = new SortedNames();
      this.policyUsersIndex.set(policy, users);
    }
    users.add(user);
  }

  private detachIndex(policy: string, user: string): void {
    const users = this.policyUsersIndex.get(policy);
    users?.delete(user);
    if (users?.size === 0) this.policyUsersIndex.delete(policy);
  }
}

function namePage<T>(names: SortedNames, options: ListOptions | undefined, lookup: (name: string) => T | undefined): Page<T> {
  const limit = pageLimit(options);
  const after = decodeCursor(options?.cursor, isNamePosition)?.n;
  const found = names.after(after, limit + 1);
  const page = found.slice(0, limit);
  const last = page[page.length - 1];
  const items = page.map(lookup).filter((item): item is T => item !== undefined);
  return { items, next: found.length > limit && last !== undefined ? encodeCursor({ n: last }) : undefined };
}
