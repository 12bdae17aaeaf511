import { copyOidcProvider, copyPolicy, copyRole, copySession, copyUser } from '../records.js';
import type { OidcProviderRecord, PolicyRecord, RoleRecord, SessionRecord, UserRecord } from '../types.js';

/**
 * Record <-> Redis value conversion. Only the contract's fields are written (see records.ts),
 * so nothing a caller adds to a record, such as a plain secret, ever reaches Redis.
 */

/** HSET field/value pairs of a user record, including `policy` when attached. */
export function userFields(user: UserRecord): string[] {
  const fields = ['name', user.name, 'id', user.id, 'sealedSecret', user.sealedSecret, 'createdAt', user.createdAt];
  if (user.posixUid !== undefined) fields.push('posixUid', String(user.posixUid));
  if (user.posixGid !== undefined) fields.push('posixGid', String(user.posixGid));
  if (user.policy !== undefined) fields.push('policy', user.policy);
  return fields;
}

/** The user in an HGETALL reply; undefined when the hash is gone (an empty reply). */
export function userFromHash(hash: Record<string, string>): UserRecord | undefined {
  const { name, id, sealedSecret, createdAt, posixUid, posixGid, policy } = hash;
  if (name === undefined || id === undefined || sealedSecret === undefined || createdAt === undefined) return undefined;
  return copyUser({
    name,
    id,
    sealedSecret,
    createdAt,
    posixUid: posixUid === undefined ? undefined : Number(posixUid),
    posixGid: posixGid === undefined ? undefined : Number(posixGid),
    policy,
  });
}

export function policyFromHash(hash: Record<string, string>): PolicyRecord | undefined {
  const { name, document, createdAt, updatedAt } = hash;
  if (name === undefined || document === undefined || createdAt === undefined || updatedAt === undefined) return undefined;
  return copyPolicy({ name, document, createdAt, updatedAt });
}

export function sessionToJson(session: SessionRecord): string {
  return JSON.stringify(copySession(session));
}

export function sessionFromJson(json: string | null): SessionRecord | undefined {
  if (json === null) return undefined;
  return copySession(JSON.parse(json) as SessionRecord);
}

export function roleFields(role: RoleRecord): string[] {
  const fields = ['name', role.name, 'id', role.id, 'trustPolicy', role.trustPolicy, 'maxSessionDuration', String(role.maxSessionDuration), 'createdAt', role.createdAt];
  if (role.posixUid !== undefined) fields.push('posixUid', String(role.posixUid));
  if (role.posixGid !== undefined) fields.push('posixGid', String(role.posixGid));
  if (role.policy !== undefined) fields.push('policy', role.policy);
  return fields;
}

export function roleFromHash(hash: Record<string, string>): RoleRecord | undefined {
  const { name, id, trustPolicy, maxSessionDuration, createdAt, posixUid, posixGid, policy } = hash;
  if (name === undefined || id === undefined || trustPolicy === undefined || maxSessionDuration === undefined || createdAt === undefined) {
    return undefined;
  }
  return copyRole({
    name,
    id,
    trustPolicy,
    maxSessionDuration: Number(maxSessionDuration),
    createdAt,
    ...(posixUid === undefined ? {} : { posixUid: Number(posixUid) }),
    ...(posixGid === undefined ? {} : { posixGid: Number(posixGid) }),
    ...(policy === undefined ? {} : { policy }),
  });
}

export function oidcProviderFields(provider: OidcProviderRecord): string[] {
  return ['key', provider.key, 'issuer', provider.issuer, 'audiences', JSON.stringify(provider.audiences), 'createdAt', provider.createdAt];
}

export function oidcProviderFromHash(hash: Record<string, string>): OidcProviderRecord | undefined {
  const { key, issuer, audiences, createdAt } = hash;
  if (key === undefined || issuer === undefined || audiences === undefined || createdAt === undefined) return undefined;
  return copyOidcProvider({ key, issuer, audiences: JSON.parse(audiences) as string[], createdAt });
}
