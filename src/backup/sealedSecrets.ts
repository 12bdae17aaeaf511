import { ringForKeyId, type KeyRing } from '../crypto/keyRing.js';
import { isSealedUnderCurrentKey, openSealed, openSecret, sealedKeyId, sealSecret } from '../crypto/secretBox.js';
import { AppError } from '../errors.js';
import type { BackupUser } from './backupDocument.js';

const NAMED_AT_MOST = 20;

/**
 * Refuses, before anything is written, a backup with a secret this service cannot open: sealed
 * under a master key that is neither `STS_MASTER_KEY` nor in `STS_PREVIOUS_MASTER_KEYS`, or not
 * opening under the key it names (tampered, or bound to another user).
 */
export function requireOpenableSecrets(keys: KeyRing, users: readonly BackupUser[]): void {
  const unknownKeyIds = new Set<string>();
  const unopenable: string[] = [];
  for (const user of users) {
    const keyId = sealedKeyId(user.sealedSecret);
    if (keyId !== undefined && ringForKeyId(keys, keyId) === undefined) unknownKeyIds.add(keyId);
    else if (openSealed(keys, user.sealedSecret, user.name) === undefined) unopenable.push(user.name);
  }
  if (unknownKeyIds.size > 0) {
    const ids = [...unknownKeyIds].sort();
    throw new AppError('ValidationError', `the backup's secrets are sealed under master key id(s) ${ids.join(', ')}, not in this service's key ring (STS_MASTER_KEY, STS_PREVIOUS_MASTER_KEYS); nothing was restored`, {
      details: { reason: 'unknown-sealing-key', keyIds: ids, currentKeyId: keys.keyId },
    });
  }
  if (unopenable.length > 0) {
    throw new AppError('ValidationError', `the sealed secrets of ${unopenable.length} user(s) do not open under this service's keys; nothing was restored`, {
      details: { reason: 'unopenable-secret', users: unopenable.slice(0, NAMED_AT_MOST) },
    });
  }
}

/** The sealed secret to store: kept when already under the current key, re-sealed under it otherwise. */
export function sealedForStore(keys: KeyRing, user: BackupUser): string {
  if (isSealedUnderCurrentKey(keys, user.sealedSecret)) return user.sealedSecret;
  const secret = openSecret(keys, user.sealedSecret, user.name);
  if (secret === undefined) throw new Error(`sealed secret of ${user.name} does not open`);
  return sealSecret(keys, secret, user.name);
}

/** Whether two sealed values hold the same secret (they never compare equal as text: fresh IVs). */
export function sameSecret(keys: KeyRing, name: string, a: string, b: string): boolean {
  if (a === b) return true;
  const opened = openSecret(keys, a, name);
  return opened !== undefined && opened === openSecret(keys, b, name);
}
