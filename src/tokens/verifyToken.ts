import type { webcrypto } from 'node:crypto';
import { errors, jwtVerify, type JWTPayload } from 'jose';
import { ringForKeyId, type KeyRing } from '../crypto/keyRing.js';
import { tokenKey } from './signingKey.js';
import { MAX_TOKEN_BYTES, TOKEN_ALGORITHM, TOKEN_AUDIENCE, TOKEN_ISSUER, TokenError, type SessionClaims, type VerifiedClaims } from './claims.js';

/**
 * Verifies a session token at time `now` (ms). Only HS256 under the current master key or a
 * previous one, picked by the header's `kid`, is accepted, so `alg: none`, other algorithms and
 * foreign keys are refused before any signature work. The claims carry the `kid` that verified.
 */
export async function verifyToken(keys: KeyRing, token: string, now: number): Promise<VerifiedClaims> {
  if (token.length > MAX_TOKEN_BYTES || !/^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/.test(token)) {
    throw new TokenError('malformed', 'session token is not a compact JWT');
  }
  if (!canonicalSignature(token)) throw new TokenError('malformed', 'session token is not in its issued form');
  let payload: JWTPayload;
  let kid: string;
  try {
    let protectedHeader: { kid?: string | undefined };
    ({ payload, protectedHeader } = await jwtVerify(token, keyFor(keys), {
      algorithms: [TOKEN_ALGORITHM],
      issuer: TOKEN_ISSUER,
      audience: TOKEN_AUDIENCE,
      currentDate: new Date(now),
      clockTolerance: 0,
      typ: 'JWT',
    }));
    kid = protectedHeader.kid as string;
  } catch (err) {
    throw mapJoseError(err);
  }
  return { ...claimsFrom(payload), kid };
}

/** The ring that signed a verified token: its temporary secret is derived under the same key. */
export function signingRing(keys: KeyRing, claims: VerifiedClaims): KeyRing {
  const ring = ringForKeyId(keys, claims.kid);
  if (ring === undefined) throw new TokenError('bad-signature', 'session token was signed with an unknown key');
  return ring;
}

/**
 * Base64url leaves the low bits of a segment's last character unused, so one signature has
 * several spellings that decode alike. The header and payload are signed as written; the
 * signature is not, so only its canonical spelling (the one we issued) is accepted.
 */
function canonicalSignature(token: string): boolean {
  const signature = token.slice(token.lastIndexOf('.') + 1);
  return Buffer.from(signature, 'base64url').toString('base64url') === signature;
}

function keyFor(keys: KeyRing): (header: { kid?: string | undefined }) => Promise<webcrypto.CryptoKey> {
  return async (header) => {
    const ring = header.kid === undefined ? undefined : ringForKeyId(keys, header.kid);
    if (ring === undefined) throw new TokenError('bad-signature', 'session token was signed with an unknown key');
    return tokenKey(ring);
  };
}

function mapJoseError(err: unknown): TokenError {
  if (err instanceof TokenError) return err;
  if (err instanceof errors.JWTExpired) return new TokenError('expired', 'session token has expired');
  if (err instanceof errors.JWSSignatureVerificationFailed) return new TokenError('bad-signature', 'session token signature is invalid');
  return new TokenError('malformed', 'session token is invalid');
}

function claimsFrom(payload: JWTPayload): SessionClaims {
  const { akid, uid, sn, sub, iat, exp } = payload as Record<string, unknown>;
  if (
    typeof akid !== 'string' || typeof uid !== 'string' || typeof sn !== 'string' ||
    typeof sub !== 'string' || typeof iat !== 'number' || typeof exp !== 'number'
  ) {
    throw new TokenError('malformed', 'session token lacks required claims');
  }
  return { akid, uid, sn, sub, iat, exp };
}
