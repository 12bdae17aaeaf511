import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';

/**
 * AES-256-GCM sealing of user secret keys at rest. The sealed form is
 * `v1.<iv>.<ciphertext>.<tag>` (base64url), bound to the user name as associated data so a
 * sealed secret copied onto another user does not open.
 */
const VERSION = 'v1';

export function sealSecret(key: Buffer, secret: string, boundTo: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  cipher.setAAD(Buffer.from(boundTo, 'utf8'));
  const ciphertext = Buffer.concat([cipher.update(secret, 'utf8'), cipher.final()]);
  const tag = cipher.getAuthTag();
  return [VERSION, iv.toString('base64url'), ciphertext.toString('base64url'), tag.toString('base64url')].join('.');
}

/** Returns undefined when the sealed value is malformed or does not authenticate. */
export function openSecret(key: Buffer, sealed: string, boundTo: string): string | undefined {
  const parts = sealed.split('.');
  if (parts.length !== 4 || parts[0] !== VERSION) return undefined;
  try {
    const iv = Buffer.from(parts[1] as string, 'base64url');
    const ciphertext = Buffer.from(parts[2] as string, 'base64url');
    const tag = Buffer.from(parts[3] as string, 'base64url');
    if (iv.length !== 12 || tag.length !== 16) return undefined;
    const decipher = createDecipheriv('aes-256-gcm', key, iv);
    decipher.setAAD(Buffer.from(boundTo, 'utf8'));
    decipher.setAuthTag(tag);
    return Buffer.concat([decipher.update(ciphertext), decipher.final()]).toString('utf8');
  } catch {
    return undefined;
  }
}
