import type { PolicyRecord, SessionRecord, UserRecord } from './types.js';

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
    ...(session.parentAccessKeyId === undefined ? {} : { parentAccessKeyId: session.parentAccessKeyId }),
    issuedAt: session.issuedAt,
    expiresAt: session.expiresAt,
  });
}

/** Session list order within one user: expiry, then access key id (as a Redis sorted set orders). */
export function compareSessions(a: SessionRecord, b: SessionRecord): number {
  if (a.expiresAt !== b.expiresAt) return a.expiresAt - b.expiresAt;
  return a.accessKeyId < b.accessKeyId ? -1 : a.accessKeyId > b.accessKeyId ? 1 : 0;
}
