import type { SessionRecord, UserRecord } from '../store/types.js';

/** A policy in force: its text (minified JSON, rendered as is); principalEntry compiles it. */
export interface PolicyInForce {
  /** `role` is a role session's permission policy, read as it is now, as a user's is. */
  readonly source: 'user' | 'role' | 'session';
  readonly name: string | undefined;
  readonly document: string;
}

/** What a principal entry is built from, as read from the store. */
export type PrincipalSource =
  | { readonly kind: 'user'; readonly accessKeyId: string; readonly user: UserRecord; readonly policies: readonly PolicyInForce[] }
  | {
      readonly kind: 'session';
      readonly accessKeyId: string;
      readonly user: UserRecord;
      readonly session: SessionRecord;
      readonly policies: readonly PolicyInForce[];
    };

/**
 * True when two reads would build the same entry. The memory store hands out the same frozen
 * records until they change, so identity usually answers at once; other stores' records are
 * compared field by field.
 */
export function sameSource(a: PrincipalSource, b: PrincipalSource): boolean {
  if (a.kind !== b.kind || a.accessKeyId !== b.accessKeyId || !sameUser(a.user, b.user) || !samePolicies(a.policies, b.policies)) return false;
  if (a.kind === 'user' || b.kind === 'user') return a.kind === b.kind;
  return sameSession(a.session, b.session);
}

function sameUser(a: UserRecord, b: UserRecord): boolean {
  return a === b || (
    a.name === b.name && a.id === b.id && a.sealedSecret === b.sealedSecret && a.policy === b.policy &&
    a.posixUid === b.posixUid && a.posixGid === b.posixGid
  );
}

function sameSession(a: SessionRecord, b: SessionRecord): boolean {
  return a === b || (
    a.accessKeyId === b.accessKeyId && a.user === b.user && a.userId === b.userId && a.sessionName === b.sessionName &&
    a.roleArn === b.roleArn && a.issuedAt === b.issuedAt && a.expiresAt === b.expiresAt &&
    sameStrings(a.sessionPolicies, b.sessionPolicies) && JSON.stringify(a.webIdentity) === JSON.stringify(b.webIdentity)
  );
}

function samePolicies(a: readonly PolicyInForce[], b: readonly PolicyInForce[]): boolean {
  return a.length === b.length && a.every((policy, i) => {
    const other = b[i];
    return other !== undefined && policy.source === other.source && policy.name === other.name && policy.document === other.document;
  });
}

function sameStrings(a: readonly string[], b: readonly string[]): boolean {
  return a === b || (a.length === b.length && a.every((value, i) => value === b[i]));
}
