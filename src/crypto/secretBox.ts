import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { allRings, ringForKeyId, type KeyRing } from './keyRing.js';

/**
 * AES-256-GCM sealing of user secret keys at rest. The sealed form is
 * `v2.<keyId>.<iv>.<ciphertext>.<tag>` (base64url parts), bound to the user name as associated
 * data so a sealed secret copied onto another user does not open. The key id names the master
 * key that sealed it, so after a rotation the right key is picked without trying each.
 * The older `v1.<iv>.<ciphertext>.<tag>` (no key id) is still read, by trying every key.
 */
const VERSION = 'v2';
const LEGACY_VERSION = 'v1';

interface SealedParts {
  /** Undefined for the legacy form, which does not say which key sealed it. */
  readonly keyId: string | undefined;
  readonly iv: string;
  readonly ciphertext: string;
  readonly tag: string;
}

/** Seals under the current master key of the ring, never a previous one. */
export function sealSecret(keys: KeyRing, secret: string, boundTo: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', keys.secretSeal, iv);
  cipher.setAAD(Buffer.from(boundTo, 'utf8'));
  const ciphertext = Buffer.concat([cipher.update(secret, 'utf8'), cipher.final()]);
  const tag = cipher.getAuthTag();
  return [VERSION, keys.keyId, iv.toString('base64url'), ciphertext.toString('base64url'), tag.toString('base64url')].join('.');
}

/**
 * Opens under the ring named by the sealed form's key id (current or previous), or, for the
 * legacy form, under whichever key authenticates it. Undefined when the value is malformed, its
 * key is not in the ring, or it does not authenticate.
 */
export function openSecret(keys: KeyRing, sealed: string, boundTo: string): string | undefined {
  return openSealed(keys, sealed, boundTo)?.secret;
}

/** The secret and the ring that opened it, for callers that must know whether to re-seal. */
export function openSealed(keys: KeyRing, sealed: string, boundTo: string): { secret: string; ring: KeyRing } | undefined {
  const parts = parseSealed(sealed);
  if (parts === undefined) return undefined;
  const candidates = parts.keyId === undefined ? allRings(keys) : [ringForKeyId(keys, parts.keyId)];
  for (const ring of candidates) {
    if (ring === undefined) continue;
    const secret = decrypt(ring.secretSeal, parts, boundTo);
    if (secret !== undefined) return { secret, ring };
  }
  return undefined;
}

/** The key id a sealed value names; undefined for the legacy form or a malformed value. */
export function sealedKeyId(sealed: string): string | undefined {
  return parseSealed(sealed)?.keyId;
}

/** True when the value is in the current form under the ring's current key: nothing to re-seal. */
export function isSealedUnderCurrentKey(keys: KeyRing, sealed: string): boolean {
  const parts = parseSealed(sealed);
  return parts !== undefined && parts.keyId === keys.keyId;
}

/**
 * The same sealed value in the current form, naming `keyId`: the legacy form differs only by
 * lacking the key id (the associated data is the user name alone), so nothing is re-encrypted.
 */
export function withKeyId(sealed: string, keyId: string): string | undefined {
  const parts = parseSealed(sealed);
  if (parts === undefined || (parts.keyId !== undefined && parts.keyId !== keyId)) return undefined;
  return [VERSION, keyId, parts.iv, parts.ciphertext, parts.tag].join('.');
}

function parseSealed(sealed: string): SealedParts | undefined {
  const parts = sealed.split('.');
  if (parts.length === 5 && parts[0] === VERSION && /^[A-Za-z0-9_-]{1,64}$/.test(parts[1] as string)) {
    return { keyId: parts[1], iv: parts[2] as string, ciphertext: parts[3] as string, tag: parts[4] as string };
  }
  if (parts.length === 4 && parts[0] === LEGACY_VERSION) {
    return { keyId: undefined, iv: parts[1] as string, ciphertext: parts[2] as string, tag: parts[3] as string };
  }
  return undefined;
}

function decrypt(key: Buffer, parts: SealedParts, boundTo: string): string | undefined {
  try {
    const iv = Buffer.from(parts.iv, 'base64url');
    const ciphertext = Buffer.from(parts.ciphertext, 'base64url');
    const tag = Buffer.from(parts.tag, 'base64url');
    if (iv.length !== 12 || tag.length !== 16) return undefined;
    const decipher = createDecipheriv('aes-256-gcm', key, iv);
    decipher.setAAD(Buffer.from(boundTo, 'utf8'));
    decipher.setAuthTag(tag);
    return Buffer.concat([decipher.update(ciphertext), decipher.final()]).toString('utf8');
  } catch {
    return undefined;
  }
}
