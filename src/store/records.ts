import type { OidcProviderRecord, PolicyRecord, RoleRecord, SessionRecord, UserRecord, WebIdentitySession } from './types.js';

/** Sessions of role `r` are owned (indexed, listed, revoked) as `role:r`: no user name has a colon. */
export const ROLE_OWNER_PREFIX = 'role:';

export function roleOwner(roleName: string): string {
  return `${ROLE_OWNER_PREFIX}${roleName}`;
}

/** The role name of a `role:<name>` owner; undefined for a user name. */
export function roleOfOwner(owner: string): string | undefined {
  return owner.startsWith(ROLE_OWNER_PREFIX) ? owner.slice(ROLE_OWNER_PREFIX.length) : undefined;
}

/**
 * Copies of records with exactly the contract's fields, frozen. Both stores keep and return
 * only these, so a caller that hangs an extra property on a record (a plain secret, say) never
 * gets it persisted, and a caller that mutates a returned record cannot change the store.
 */

export function copyUser(user: UserRecord): UserRecord {
  return Object.freeze({
    name: user.name,
    id: user.id,
    sealedSecret: user.sealedSecret,
    ...(user.posixUid === undefined ? {} : { posixUid: user.posixUid }),
    ...(user.posixGid === undefined ? {} : { posixGid: user.posixGid }),
    ...(user.policy === undefined ? {} : { policy: user.policy }),
    createdAt: user.createdAt,
  });
}

export function copyPolicy(policy: PolicyRecord): PolicyRecord {
  return Object.freeze({
    name: policy.name,
    document: policy.document,
    createdAt: policy.createdAt,
    updatedAt: policy.updatedAt,
  });
}

export function copySession(session: SessionRecord): SessionRecord {
  return Object.freeze({
    accessKeyId: session.accessKeyId,
    user: session.user,
    userId: session.userId,
    sessionName: session.sessionName,
    roleArn: session.roleArn,
    sessionPolicies: Object.freeze([...session.sessionPolicies]),
    ...(session.webIdentity === undefined ? {} : { webIdentity: copyWebIdentity(session.webIdentity) }),
    ...(session.parentAccessKeyId === undefined ? {} : { parentAccessKeyId: session.parentAccessKeyId }),
    ...(session.keyId === undefined ? {} : { keyId: session.keyId }),
    issuedAt: session.issuedAt,
    expiresAt: session.expiresAt,
  });
}

/** Session list order within one user: expiry, then access key id (as a Redis sorted set orders). */
export function compareSessions(a: SessionRecord, b: SessionRecord): number {
  if (a.expiresAt !== b.expiresAt) return a.expiresAt - b.expiresAt;
  return a.accessKeyId < b.accessKeyId ? -1 : a.accessKeyId > b.accessKeyId ? 1 : 0;
}

function copyWebIdentity(identity: WebIdentitySession): WebIdentitySession {
  const claims: Record<string, string | readonly string[]> = {};
  for (const [name, value] of Object.entries(identity.claims)) {
    claims[name] = typeof value === 'string' ? value : Object.freeze([...value]);
  }
  return Object.freeze({
    providerKey: identity.providerKey,
    issuer: identity.issuer,
    subject: identity.subject,
    audience: identity.audience,
    claims: Object.freeze(claims),
  });
}

export function copyRole(role: RoleRecord): RoleRecord {
  return Object.freeze({
    name: role.name,
    id: role.id,
    trustPolicy: role.trustPolicy,
    ...(role.policy === undefined ? {} : { policy: role.policy }),
    maxSessionDuration: role.maxSessionDuration,
    ...(role.posixUid === undefined ? {} : { posixUid: role.posixUid }),
    ...(role.posixGid === undefined ? {} : { posixGid: role.posixGid }),
    createdAt: role.createdAt,
  });
}

export function copyOidcProvider(provider: OidcProviderRecord): OidcProviderRecord {
  return Object.freeze({
    key: provider.key,
    issuer: provider.issuer,
    audiences: Object.freeze([...provider.audiences]),
    createdAt: provider.createdAt,
  });
}
