import { createHmac } from 'node:crypto';
import type { KeyRing } from '../crypto/keyRing.js';

/**
 * The secret key of a temporary credential is derived from its access key id under a key
 * derived from the master key, so no temporary secret is ever stored: 40 characters, like AWS.
 */
export function sessionSecretKey(keys: KeyRing, accessKeyId: string): string {
  return createHmac('sha256', keys.sessionSecret).update(accessKeyId).digest('base64').slice(0, 40);
}
