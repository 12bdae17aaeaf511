import { createHash, hkdfSync } from 'node:crypto';

/**
 * Keys derived from the master key with HKDF-SHA256, one per purpose, so no two features ever
 * share key material and the master key itself is used for nothing else.
 */
export interface KeyRing {
  /** AES-256-GCM key sealing user secrets at rest. */
  readonly secretSeal: Buffer;
  /** HMAC key from which temporary secret keys are derived (no temporary secret is stored). */
  readonly sessionSecret: Buffer;
  /** HS256 key signing session tokens, and its key id. */
  readonly tokenSigning: Buffer;
  readonly tokenKid: string;
}

const PURPOSES = {
  secretSeal: 's3-sts/v1/secret-seal',
  sessionSecret: 's3-sts/v1/session-secret',
  tokenSigning: 's3-sts/v1/token-signing',
} as const;

function derive(masterKey: Buffer, info: string): Buffer {
  return Buffer.from(hkdfSync('sha256', masterKey, Buffer.alloc(0), info, 32));
}

export function deriveKeyRing(masterKey: Buffer): KeyRing {
  if (masterKey.length !== 32) throw new Error('master key must be 32 bytes');
  const tokenSigning = derive(masterKey, PURPOSES.tokenSigning);
  return Object.freeze({
    secretSeal: derive(masterKey, PURPOSES.secretSeal),
    sessionSecret: derive(masterKey, PURPOSES.sessionSecret),
    tokenSigning,
    // The kid names the key without revealing it: a hash of the derived key, truncated.
    tokenKid: createHash('sha256').update(tokenSigning).digest('base64url').slice(0, 16),
  });
}
