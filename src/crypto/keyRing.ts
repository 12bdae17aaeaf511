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
  /**
   * Names the master key without revealing it (the same value as `tokenKid`): it is written into
   * every sealed secret and token header, so what a key made can be told apart after a rotation.
   */
  readonly keyId: string;
  /**
   * Rings of the master keys rotated out (`STS_PREVIOUS_MASTER_KEYS`), newest first. They open,
   * verify and derive for what they made, and never seal or sign. Their own `previous` is empty.
   */
  readonly previous: readonly KeyRing[];
}

const PURPOSES = {
  secretSeal: 's3-sts/v1/secret-seal',
  sessionSecret: 's3-sts/v1/session-secret',
  tokenSigning: 's3-sts/v1/token-signing',
} as const;

function derive(masterKey: Buffer, info: string): Buffer {
  return Buffer.from(hkdfSync('sha256', masterKey, Buffer.alloc(0), info, 32));
}

function singleRing(masterKey: Buffer, previous: readonly KeyRing[]): KeyRing {
  if (masterKey.length !== 32) throw new Error('master key must be 32 bytes');
  const tokenSigning = derive(masterKey, PURPOSES.tokenSigning);
  // The key id is a hash of a derived key, truncated: it reveals nothing of the master key.
  const keyId = createHash('sha256').update(tokenSigning).digest('base64url').slice(0, 16);
  return Object.freeze({
    secretSeal: derive(masterKey, PURPOSES.secretSeal),
    sessionSecret: derive(masterKey, PURPOSES.sessionSecret),
    tokenSigning,
    tokenKid: keyId,
    keyId,
    previous,
  });
}

/** The ring of the current master key, carrying the rings of the previous ones. */
export function deriveKeyRing(masterKey: Buffer, previousMasterKeys: readonly Buffer[] = []): KeyRing {
  const previous = Object.freeze(previousMasterKeys.map((key) => singleRing(key, Object.freeze([]))));
  const ring = singleRing(masterKey, previous);
  if (previous.some((old) => old.keyId === ring.keyId)) throw new Error('a previous master key equals the current one');
  return ring;
}

/** The current ring first, then the previous ones. */
export function allRings(keys: KeyRing): readonly KeyRing[] {
  return [keys, ...keys.previous];
}

/** The ring (current or previous) whose key id is `keyId`; undefined for an unknown key. */
export function ringForKeyId(keys: KeyRing, keyId: string): KeyRing | undefined {
  if (keys.keyId === keyId) return keys;
  return keys.previous.find((ring) => ring.keyId === keyId);
}
