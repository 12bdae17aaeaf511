import { roleOwner } from '../store/records.js';
import type { RoleRecord, UserRecord } from '../store/types.js';

/**
 * A role seen as the owner of its sessions: named `role:<name>` (no user can be), with the
 * role's id, attached policy and POSIX ids. It has no secret: it signs nothing itself; only its
 * sessions do. Everything that judges a session by its owner (checkSession, the policies in
 * force, the principal) works on it as on a user, and reads it afresh, so a change to the role
 * applies to its sessions at once.
 */
export function roleOwnerRecord(role: RoleRecord): UserRecord {
  return Object.freeze({
    name: roleOwner(role.name),
    id: role.id,
    sealedSecret: '',
    ...(role.posixUid === undefined ? {} : { posixUid: role.posixUid }),
    ...(role.posixGid === undefined ? {} : { posixGid: role.posixGid }),
    ...(role.policy === undefined ? {} : { policy: role.policy }),
    createdAt: role.createdAt,
  });
}
