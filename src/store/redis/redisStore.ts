import type { Cluster, Redis } from 'ioredis';
import type { Clock } from '../../clock.js';
import { StoreUnavailableError } from '../../errors.js';
import type {
  AttachResult, DeletePolicyResult, ListOptions, OidcProviderRecord, Page, PolicyRecord, RoleAttachResult, RoleRecord, SessionRecord, Store,
  StoreOptions, UserRecord,
} from '../types.js';
import { builtinPolicyNames } from '../builtinPolicyNames.js';
import type { RedisContext } from './context.js';
import { FAIL_FAST } from './createRedisClient.js';
import { redisKeys } from './keys.js';
import * as policies from './policies.js';
import { firstConnection } from './readiness.js';
import * as roles from './roles.js';
import { defineScripts } from './scripts.js';
import * as sessions from './sessions.js';
import { guard } from './storeErrors.js';
import * as users from './users.js';

export interface RedisStoreOptions extends StoreOptions {
  /** The client; the store defines its scripts on it and closes it on `close()`. */
  readonly redis: Redis | Cluster;
  /** Key prefix, shared by every instance of one deployment (see keys.ts for the layout). */
  readonly prefix: string;
  readonly clock: Clock;
}

/**
 * The shared store for N stateless instances. Each method delegates to the function for its
 * concern and turns connection trouble into StoreUnavailableError (see storeErrors.ts).
 */
export class RedisStore implements Store {
  private readonly ctx: RedisContext;
  private readonly connected: () => Promise<void>;

  constructor(options: RedisStoreOptions) {
    const keys = redisKeys(options.prefix);
    const builtinPolicies = builtinPolicyNames(options);
    this.ctx = { redis: options.redis, keys, scripts: defineScripts(options.redis, keys), clock: options.clock, builtinPolicies };
    this.connected = firstConnection(options.redis, FAIL_FAST.connectTimeoutMs);
  }

  createUser(user: UserRecord): Promise<{ ok: true } | { ok: false; reason: 'exists' | 'no-such-policy' }> {
    return this.guard(() => users.createUser(this.ctx, user));
  }

  getUser(name: string): Promise<UserRecord | undefined> {
    return this.guard(() => users.getUser(this.ctx, name));
  }

  listUsers(options?: ListOptions): Promise<Page<UserRecord>> {
    return this.guard(() => users.listUsers(this.ctx, options));
  }

  deleteUser(name: string): Promise<boolean> {
    return this.guard(() => users.deleteUser(this.ctx, name));
  }

  setUserPolicy(name: string, policy: string | undefined): Promise<AttachResult> {
    return this.guard(() => users.setUserPolicy(this.ctx, name, policy));
  }

  updateUserSecret(name: string, expected: string, sealedSecret: string): Promise<boolean> {
    return this.guard(() => users.updateUserSecret(this.ctx, name, expected, sealedSecret));
  }

  putPolicy(policy: PolicyRecord): Promise<{ created: boolean }> {
    return this.guard(() => policies.putPolicy(this.ctx, policy));
  }

  getPolicy(name: string): Promise<PolicyRecord | undefined> {
    return this.guard(() => policies.getPolicy(this.ctx, name));
  }

  listPolicies(options?: ListOptions): Promise<Page<PolicyRecord>> {
    return this.guard(() => policies.listPolicies(this.ctx, options));
  }

  deletePolicy(name: string): Promise<DeletePolicyResult> {
    return this.guard(() => policies.deletePolicy(this.ctx, name));
  }

  policyUsers(name: string): Promise<readonly string[]> {
    return this.guard(() => policies.policyUsers(this.ctx, name));
  }

  policyUsersOf(names: readonly string[]): Promise<ReadonlyArray<readonly string[]>> {
    return this.guard(() => policies.policyUsersOf(this.ctx, names));
  }

  putSession(session: SessionRecord): Promise<void> {
    return this.guard(() => sessions.putSession(this.ctx, session));
  }

  getSession(accessKeyId: string): Promise<SessionRecord | undefined> {
    return this.guard(() => sessions.getSession(this.ctx, accessKeyId));
  }

  listSessions(user?: string, options?: ListOptions): Promise<Page<SessionRecord>> {
    return this.guard(() => sessions.listSessions(this.ctx, user, options));
  }

  deleteSession(accessKeyId: string): Promise<boolean> {
    return this.guard(() => sessions.deleteSession(this.ctx, accessKeyId));
  }

  deleteUserSessions(user: string): Promise<number> {
    return this.guard(() => sessions.deleteUserSessions(this.ctx, user));
  }

  createRole(role: RoleRecord): Promise<{ ok: true } | { ok: false; reason: 'exists' | 'no-such-policy' }> {
    return this.guard(() => roles.createRole(this.ctx, role));
  }

  getRole(name: string): Promise<RoleRecord | undefined> {
    return this.guard(() => roles.getRole(this.ctx, name));
  }

  listRoles(options?: ListOptions): Promise<Page<RoleRecord>> {
    return this.guard(() => roles.listRoles(this.ctx, options));
  }

  deleteRole(name: string): Promise<boolean> {
    return this.guard(() => roles.deleteRole(this.ctx, name));
  }

  setRoleTrustPolicy(name: string, trustPolicy: string): Promise<boolean> {
    return this.guard(() => roles.setRoleTrustPolicy(this.ctx, name, trustPolicy));
  }

  setRolePolicy(name: string, policy: string | undefined): Promise<RoleAttachResult> {
    return this.guard(() => roles.setRolePolicy(this.ctx, name, policy));
  }

  createOidcProvider(provider: OidcProviderRecord): Promise<{ ok: true } | { ok: false; reason: 'exists' }> {
    return this.guard(() => roles.createOidcProvider(this.ctx, provider));
  }

  getOidcProvider(key: string): Promise<OidcProviderRecord | undefined> {
    return this.guard(() => roles.getOidcProvider(this.ctx, key));
  }

  listOidcProviders(options?: ListOptions): Promise<Page<OidcProviderRecord>> {
    return this.guard(() => roles.listOidcProviders(this.ctx, options));
  }

  deleteOidcProvider(key: string): Promise<boolean> {
    return this.guard(() => roles.deleteOidcProvider(this.ctx, key));
  }

  async ping(): Promise<void> {
    const reply = await this.guard(() => this.ctx.redis.ping());
    if (reply !== 'PONG') throw new StoreUnavailableError(new Error(`unexpected PING reply ${reply}`));
  }

  private guard<T>(operation: () => Promise<T>): Promise<T> {
    return guard(async () => {
      await this.connected();
      return operation();
    });
  }

  /** QUIT when connected, so replies in flight arrive; otherwise just drop the connection. */
  async close(): Promise<void> {
    try {
      await this.ctx.redis.quit();
    } catch {
      this.ctx.redis.disconnect();
    }
  }
}
