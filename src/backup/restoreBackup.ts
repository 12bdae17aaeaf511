import type { KeyRing } from '../crypto/keyRing.js';
import { AppError } from '../errors.js';
import { parseTrustPolicy, providerKey } from '../oidc/index.js';
import { isBuiltinPolicy, validatedDocument } from '../policies/index.js';
import type { Store } from '../store/types.js';
import type { BackupAttachment, BackupDocument, BackupRole, BackupUser } from './backupDocument.js';
import { requireOpenableSecrets, sameSecret, sealedForStore } from './sealedSecrets.js';

export type EntryKind = 'policy' | 'oidcProvider' | 'role' | 'user' | 'attachment';

/** An entry of the backup left alone because the store holds something different under its name. */
export interface Conflict {
  readonly kind: EntryKind;
  readonly name: string;
  readonly reason: string;
}

export interface RestoreReport {
  readonly created: Record<EntryKind, number>;
  /** Entries already present exactly as in the backup: a second restore finds every entry here. */
  readonly unchanged: Record<EntryKind, number>;
  readonly conflicts: readonly Conflict[];
}

const CONCURRENCY = 32;

/**
 * Writes what the backup holds and the store lacks; keeps what both hold alike; reports, and
 * never overwrites, what the store holds differently. So restoring the same backup twice leaves
 * the same state. Every secret is checked to open first: a backup sealed under a master key this
 * service does not hold is refused before anything is written.
 */
export async function restoreBackup(store: Store, keys: KeyRing, backup: BackupDocument): Promise<RestoreReport> {
  requireOpenableSecrets(keys, backup.users);
  const policies = backup.policies.map((policy) => ({ ...policy, document: requireValidDocument(policy.name, policy.document) }));
  for (const role of backup.roles) requireValidTrustPolicy(role.name, role.trustPolicy);
  for (const provider of backup.oidcProviders) requireConsistentProvider(provider.key, provider.issuer);
  const tally = new Tally();
  await each(policies, async (policy) => {
    if (isBuiltinPolicy(policy.name)) return tally.conflict('policy', policy.name, 'a pre-defined policy has this name');
    const existing = await store.getPolicy(policy.name);
    if (existing !== undefined) {
      return existing.document === policy.document ? tally.unchanged('policy') : tally.conflict('policy', policy.name, 'a policy with another document exists');
    }
    await store.putPolicy(policy);
    return tally.created('policy');
  });
  await each(backup.oidcProviders, async (provider) => {
    const existing = (await store.createOidcProvider(provider)).ok ? undefined : await store.getOidcProvider(provider.key);
    if (existing === undefined) return tally.created('oidcProvider');
    const same = existing.issuer === provider.issuer && JSON.stringify([...existing.audiences].sort()) === JSON.stringify([...provider.audiences].sort());
    return same ? tally.unchanged('oidcProvider') : tally.conflict('oidcProvider', provider.key, 'a provider with other settings exists');
  });
  await each(backup.roles, async (role) => {
    const result = await store.createRole(role);
    if (result.ok) return tally.created('role');
    const existing = await store.getRole(role.name);
    return existing !== undefined && sameRole(existing, role) ? tally.unchanged('role') : tally.conflict('role', role.name, 'a role with other settings exists');
  });
  await each(backup.users, async (user) => {
    const result = await store.createUser({ ...user, sealedSecret: sealedForStore(keys, user) });
    if (result.ok) return tally.created('user');
    const existing = await store.getUser(user.name);
    const same = existing !== undefined && sameSecret(keys, user.name, existing.sealedSecret, user.sealedSecret) &&
      existing.posixUid === user.posixUid && existing.posixGid === user.posixGid;
    return same ? tally.unchanged('user') : tally.conflict('user', user.name, 'a user with another secret or POSIX ids exists');
  });
  const owners = new Set([...backup.users.map((user) => `user:${user.name}`), ...backup.roles.map((role) => `role:${role.name}`)]);
  await each(backup.attachments, (attachment) => restoreAttachment(store, tally, attachment, owners));
  return tally.report();
}

/** A policy document must still be one this service accepts, checked before anything is written; minified as stored. */
function requireValidDocument(name: string, document: string): string {
  let parsed: unknown;
  try {
    parsed = JSON.parse(document);
  } catch {
    throw new AppError('ValidationError', `not a usable backup: the document of policy "${name}" is not JSON`, { details: { field: 'policies' } });
  }
  return validatedDocument(parsed);
}

/** A trust policy must still parse as one, or AssumeRoleWithWebIdentity would fail on it later. */
function requireValidTrustPolicy(name: string, trustPolicy: string): void {
  try {
    parseTrustPolicy(trustPolicy);
  } catch {
    throw new AppError('ValidationError', `not a usable backup: the trust policy of role "${name.slice(0, 64)}" is not valid`, { details: { field: 'roles' } });
  }
}

/** A provider's key is derived from its issuer; one that is not would never be found by its tokens. */
function requireConsistentProvider(key: string, issuer: string): void {
  let derived: string | undefined;
  try {
    derived = providerKey(issuer);
  } catch {
    derived = undefined;
  }
  if (derived !== key) {
    throw new AppError('ValidationError', `not a usable backup: OIDC provider "${key.slice(0, 64)}" does not match its issuer`, { details: { field: 'oidcProviders' } });
  }
}

function sameRole(existing: BackupRole, role: BackupRole): boolean {
  return existing.trustPolicy === role.trustPolicy && existing.maxSessionDuration === role.maxSessionDuration &&
    existing.posixUid === role.posixUid && existing.posixGid === role.posixGid;
}

/** Attaches where nothing is attached; an entry that conflicted keeps what it has. */
async function restoreAttachment(store: Store, tally: Tally, attachment: BackupAttachment, owners: ReadonlySet<string>): Promise<void> {
  const [kind, owner] = 'user' in attachment ? (['user', attachment.user] as const) : (['role', attachment.role] as const);
  const name = `${kind}:${owner}`;
  // Only users and roles the backup itself holds: a restore never changes anyone else's policy.
  if (!owners.has(name)) return tally.conflict('attachment', name, 'its user or role is not in this backup');
  if (tally.conflicted(kind, owner) || tally.conflicted('policy', attachment.policy)) {
    return tally.conflict('attachment', name, 'its user, role or policy conflicted');
  }
  const record = kind === 'user' ? await store.getUser(owner) : await store.getRole(owner);
  if (record?.policy === attachment.policy) return tally.unchanged('attachment');
  if (record?.policy !== undefined) return tally.conflict('attachment', name, `policy "${record.policy}" is attached instead`);
  const result = kind === 'user' ? await store.setUserPolicy(owner, attachment.policy) : await store.setRolePolicy(owner, attachment.policy);
  return result.ok ? tally.created('attachment') : tally.conflict('attachment', name, result.reason);
}

class Tally {
  private readonly counts = { created: zero(), unchanged: zero() };
  private readonly conflicts: Conflict[] = [];
  private readonly conflictedNames = new Set<string>();

  created(kind: EntryKind): void {
    this.counts.created[kind] += 1;
  }

  unchanged(kind: EntryKind): void {
    this.counts.unchanged[kind] += 1;
  }

  conflict(kind: EntryKind, name: string, reason: string): void {
    this.conflicts.push({ kind, name, reason });
    this.conflictedNames.add(`${kind}:${name}`);
  }

  conflicted(kind: EntryKind, name: string): boolean {
    return this.conflictedNames.has(`${kind}:${name}`);
  }

  report(): RestoreReport {
    const order = (c: Conflict) => `${c.kind}\u0000${c.name}`;
    return { ...this.counts, conflicts: [...this.conflicts].sort((a, b) => (order(a) < order(b) ? -1 : 1)) };
  }
}

function zero(): Record<EntryKind, number> {
  return { policy: 0, oidcProvider: 0, role: 0, user: 0, attachment: 0 };
}

/** Runs `work` over the items, a bounded number at a time. */
async function each<T>(items: readonly T[], work: (item: T) => Promise<void>): Promise<void> {
  for (let i = 0; i < items.length; i += CONCURRENCY) await Promise.all(items.slice(i, i + CONCURRENCY).map(work));
}
