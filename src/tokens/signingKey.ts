import { webcrypto } from 'node:crypto';
import type { KeyRing } from '../crypto/keyRing.js';

/**
 * The token-signing key as a WebCrypto key, imported once per key ring. jose works through
 * WebCrypto; handing it raw bytes would import the key again on every sign and verify, which
 * costs more than the signature itself.
 */
const imported = new WeakMap<KeyRing, Promise<webcrypto.CryptoKey>>();

export function tokenKey(keys: KeyRing): Promise<webcrypto.CryptoKey> {
  let key = imported.get(keys);
  if (key === undefined) {
    key = webcrypto.subtle.importKey('raw', keys.tokenSigning, { name: 'HMAC', hash: 'SHA-256' }, false, ['sign', 'verify']);
    imported.set(keys, key);
  }
  return key;
}
