import { openSecret } from '../crypto/secretBox.js';
import type { Deps } from '../deps.js';
import type { UserRecord } from '../store/types.js';
import { CredentialError } from './credentialError.js';

/**
 * A user's secret key, opened from its sealed form. One that does not open (a record sealed
 * under another master key) is logged and answered as an unknown key, never as what it is.
 */
export function openUserSecret(deps: Pick<Deps, 'keys' | 'logger'>, user: UserRecord): string {
  const secretKey = openSecret(deps.keys, user.sealedSecret, user.name);
  if (secretKey === undefined) {
    deps.logger.error({ user: user.name }, 'stored secret does not open under the configured master key');
    throw unknownKey();
  }
  return secretKey;
}

export function unknownKey(): CredentialError {
  return new CredentialError('unknown-key', 'the access key id is not known');
}
