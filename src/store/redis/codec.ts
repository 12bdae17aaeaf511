import { copyOidcProvider, copyPolicy, copyRole, copySession, copyUser } from '../records.js';
import type { OidcProviderRecord, PolicyRecord, RoleRecord, SessionRecord, UserRecord, WebIdentitySession } from '../types.js';

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

/**
 * A session as stored: a JSON array, positions instead of field names, without the access key
 * id (it is the key's own name). Live sessions are the bulk of Redis memory; this form is about
 * half the size of the object form (bench/sessionScale.bench.ts measures bytes per session).
 *
 *   [3, user, userId, sessionName, roleArn, sessionPolicies, lifetimeMs, expiresAt, keyId, parent?, webIdentity?]
 *
 * `lifetimeMs` is `expiresAt - issuedAt` (fewer digits than a second timestamp); a role ARN of
 * the usual `arn:aws:iam::` shape is kept as `[<the rest>]` (a one-element list, which no other
 * ARN is); `0` stands for an absent key id, parent or web identity. Records written in the earlier object form
 * (`{"accessKeyId": ...}`) are still read, so sessions survive an upgrade.
 */
const SESSION_FORMAT = 3;

export function sessionToJson(session: SessionRecord): string {
  const record = copySession(session);
  const row: unknown[] = [
    SESSION_FORMAT, record.user, record.userId, record.sessionName, packArn(record.roleArn), record.sessionPolicies,
    record.expiresAt - record.issuedAt, record.expiresAt, record.keyId ?? 0,
  ];
  if (record.parentAccessKeyId !== undefined || record.webIdentity !== undefined) row.push(record.parentAccessKeyId ?? 0);
  if (record.webIdentity !== undefined) row.push(record.webIdentity);
  return JSON.stringify(row);
}

export function sessionFromJson(json: string | null, accessKeyId: string): SessionRecord | undefined {
  if (json === null) return undefined;
  const value: unknown = JSON.parse(json);
  if (!Array.isArray(value)) return copySession(value as SessionRecord);
  if (value[0] !== SESSION_FORMAT) return undefined;
  const [, user, userId, sessionName, roleArn, sessionPolicies, lifetimeMs, expiresAt, keyId, parent, webIdentity] = value as [
    number, string, string, string, string | [string], string[], number, number, string | 0, string | 0 | undefined, WebIdentitySession | undefined,
  ];
  return copySession({
    accessKeyId, user, userId, sessionName, roleArn: unpackArn(roleArn), sessionPolicies, issuedAt: expiresAt - lifetimeMs, expiresAt,
    ...(keyId === 0 ? {} : { keyId }),
    ...(parent === undefined || parent === 0 ? {} : { parentAccessKeyId: parent }),
    ...(webIdentity === undefined ? {} : { webIdentity }),
  });
}

const IAM_ARN_PREFIX = 'arn:aws:iam::';

function packArn(arn: string): string | [string] {
  return arn.startsWith(IAM_ARN_PREFIX) ? [arn.slice(IAM_ARN_PREFIX.length)] : arn;
}

function unpackArn(packed: string | [string]): string {
  return Array.isArray(packed) ? `${IAM_ARN_PREFIX}${packed[0]}` : packed;
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
