/**
 * The storage contract shared by the embedded memory store and the Redis store.
 * One contract test suite (test/store/contract.ts) runs against both.
 *
 * Every method may reject with `StoreUnavailableError` when the backend cannot be reached;
 * callers never catch it, so requests fail closed with 503.
 */

export interface UserRecord {
  readonly name: string;
  /** Stable id, unique per creation (a re-created user gets a new id): `AIDA` + 17 of [A-Z0-9]. */
  readonly id: string;
  /** The secret key sealed with AES-256-GCM (see crypto/secretBox.ts). Never the plain secret. */
  readonly sealedSecret: string;
  readonly posixUid?: number;
  readonly posixGid?: number;
  /** Name of the attached policy, if any. */
  readonly policy?: string;
  /** ISO-8601 creation time. */
  readonly createdAt: string;
}

export interface PolicyRecord {
  readonly name: string;
  /** Minified JSON document. */
  readonly document: string;
  /** Pre-defined policies are never written to the store; the policies module layers them on top. */
  readonly createdAt: string;
  readonly updatedAt: string;
}

/**
 * A role that web identities assume (AssumeRoleWithWebIdentity). Its sessions are owned by
 * `role:<name>` (see `roleOwner`), a name no user can have, so they share the session index.
 */
export interface RoleRecord {
  readonly name: string;
  /** Stable id, unique per creation: `AROA` + 17 of [A-Z0-9]. */
  readonly id: string;
  /** The trust policy, minified JSON (validated with oidc/parseTrustPolicy on write). */
  readonly trustPolicy: string;
  /** Name of the attached permission policy, if any. */
  readonly policy?: string;
  /** Longest session it grants, seconds (3600..43200). */
  readonly maxSessionDuration: number;
  readonly posixUid?: number;
  readonly posixGid?: number;
  readonly createdAt: string;
}

/** A registered OpenID Connect identity provider. */
export interface OidcProviderRecord {
  /** The issuer without its scheme: the record's name and the prefix of its claim keys. */
  readonly key: string;
  /** Exactly the `iss` of its tokens. */
  readonly issuer: string;
  /** Accepted `aud` values (client ids). */
  readonly audiences: readonly string[];
  readonly createdAt: string;
}

/** What a web identity session keeps of the token it was assumed with (bounded in size). */
export interface WebIdentitySession {
  /** The provider's key (issuer without scheme): the session ends when it is removed. */
  readonly providerKey: string;
  readonly issuer: string;
  readonly subject: string;
  /** The allowed audience the token named. */
  readonly audience: string;
  /** Top-level scalar (or list) claims, for `<providerKey>:<claim>` condition keys. */
  readonly claims: Readonly<Record<string, string | readonly string[]>>;
}

export interface SessionRecord {
  /** `ASIA` + 16 of [A-Z0-9]. */
  readonly accessKeyId: string;
  /** Parent user name and that user's id at issue time (a re-created user does not inherit). */
  readonly user: string;
  readonly userId: string;
  readonly sessionName: string;
  readonly roleArn: string;
  /** Minified session policy documents (inline `Policy` and `PolicyArns` resolved at issue time). */
  readonly sessionPolicies: readonly string[];
  /** For sessions assumed with a web identity token (and sessions chained from them). */
  readonly webIdentity?: WebIdentitySession;
  /** For chained sessions: the access key id of the session that assumed this one. */
  readonly parentAccessKeyId?: string;
  /** Id of the master key that signed the session's token (see crypto/keyRing.ts). */
  readonly keyId?: string;
  /** Milliseconds since the epoch. */
  readonly issuedAt: number;
  readonly expiresAt: number;
}

export interface Page<T> {
  /**
   * Up to `limit` items. A page may hold fewer (even none) while `next` is set: records can
   * vanish between index and lookup, and listing all sessions bounds the work per page.
   */
  readonly items: readonly T[];
  /** Opaque cursor for the next page; undefined at the end. Keep paging until it is undefined. */
  readonly next?: string | undefined;
}

export interface ListOptions {
  /** Page size, default 100, clamped to 1..1000. Users and policies are ordered by name. */
  readonly limit?: number;
  /** A `next` from the previous page of the same listing; a malformed one is a ValidationError. */
  readonly cursor?: string;
}

export type AttachResult =
  | { readonly ok: true }
  | { readonly ok: false; readonly reason: 'no-such-user' | 'no-such-policy' };

export type RoleAttachResult =
  | { readonly ok: true }
  | { readonly ok: false; readonly reason: 'no-such-role' | 'no-such-policy' };

export type DeletePolicyResult =
  | { readonly ok: true }
  | { readonly ok: false; readonly reason: 'no-such-policy' }
  | { readonly ok: false; readonly reason: 'in-use'; readonly users: readonly string[] };

/**
 * What every store is built with. Built-in policies are the service's (policies/), not the
 * store's: their documents live in code and are never written, so an upgrade changes them
 * everywhere at once and no store can hold a stale or edited copy. The store is told their
 * names once, at construction, so that attaching one needs no stored record while attaching
 * any other name is still checked atomically against the stored policies; callers never say
 * per call which check applies.
 */
export interface StoreOptions {
  /** Policy names that exist without a stored record; default: the pre-defined policies (policy/). */
  readonly builtinPolicies?: readonly string[];
}

export interface Store {
  /**
   * Creates the user; refuses when the name is taken. When `user.policy` is set it must exist
   * (see `StoreOptions.builtinPolicies`), checked atomically with the creation.
   */
  createUser(user: UserRecord): Promise<{ ok: true } | { ok: false; reason: 'exists' | 'no-such-policy' }>;
  getUser(name: string): Promise<UserRecord | undefined>;
  listUsers(options?: ListOptions): Promise<Page<UserRecord>>;
  /** Removes the user, its policy attachment and all its sessions. False when it did not exist. */
  deleteUser(name: string): Promise<boolean>;
  /**
   * Attaches `policy` (replacing any previous one) or detaches with `undefined`. The policy must
   * exist (see `StoreOptions.builtinPolicies`), checked atomically with the attachment.
   */
  setUserPolicy(name: string, policy: string | undefined): Promise<AttachResult>;
  /**
   * Replaces the user's sealed secret (re-sealing under a new master key), only while it is still
   * `expected`: false when the user is gone or its secret changed meanwhile (removed and
   * re-created, say), so a re-seal never writes an old secret over a new one.
   */
  updateUserSecret(name: string, expected: string, sealedSecret: string): Promise<boolean>;

  /** Creates or replaces a custom policy. Returns whether it was created (vs replaced). */
  putPolicy(policy: PolicyRecord): Promise<{ created: boolean }>;
  getPolicy(name: string): Promise<PolicyRecord | undefined>;
  listPolicies(options?: ListOptions): Promise<Page<PolicyRecord>>;
  /** Refuses while any user (or role, as `role:<name>`) has it attached, naming them (sorted). */
  deletePolicy(name: string): Promise<DeletePolicyResult>;
  /** Users the policy is attached to (also for built-in names), sorted by name. */
  policyUsers(name: string): Promise<readonly string[]>;
  /** `policyUsers` of each name, in order, in one round trip (for listing a page of policies). */
  policyUsersOf(names: readonly string[]): Promise<ReadonlyArray<readonly string[]>>;

  /** Writes the session with a TTL that ends at `expiresAt`, and indexes it under its user (or `role:<name>`). */
  putSession(session: SessionRecord): Promise<void>;
  getSession(accessKeyId: string): Promise<SessionRecord | undefined>;
  /** Live sessions, of one user or of all users, ordered by user, then expiry, then access key id. */
  listSessions(user?: string, options?: ListOptions): Promise<Page<SessionRecord>>;
  deleteSession(accessKeyId: string): Promise<boolean>;
  /** Revokes every session of the user; returns how many there were. */
  deleteUserSessions(user: string): Promise<number>;

  /**
   * Creates the role; refuses when the name is taken or its policy does not exist. The role's
   * attachment counts as a user `role:<name>` of the policy (so an attached policy stays).
   */
  createRole(role: RoleRecord): Promise<{ ok: true } | { ok: false; reason: 'exists' | 'no-such-policy' }>;
  getRole(name: string): Promise<RoleRecord | undefined>;
  listRoles(options?: ListOptions): Promise<Page<RoleRecord>>;
  /** Removes the role, its attachment and all its sessions. False when it did not exist. */
  deleteRole(name: string): Promise<boolean>;
  /** Replaces the trust policy; false when the role does not exist. */
  setRoleTrustPolicy(name: string, trustPolicy: string): Promise<boolean>;
  /** Attaches (replacing) or detaches the role's permission policy, checked atomically. */
  setRolePolicy(name: string, policy: string | undefined): Promise<RoleAttachResult>;

  createOidcProvider(provider: OidcProviderRecord): Promise<{ ok: true } | { ok: false; reason: 'exists' }>;
  getOidcProvider(key: string): Promise<OidcProviderRecord | undefined>;
  listOidcProviders(options?: ListOptions): Promise<Page<OidcProviderRecord>>;
  /** False when it did not exist. Its sessions end by the check every use makes. */
  deleteOidcProvider(key: string): Promise<boolean>;

  /** Resolves when the backend answers; rejects with StoreUnavailableError otherwise. */
  ping(): Promise<void>;
  close(): Promise<void>;
}
