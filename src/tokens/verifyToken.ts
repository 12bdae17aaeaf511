import type { webcrypto } from 'node:crypto';
import { errors, jwtVerify, type JWTPayload } from 'jose';
import type { KeyRing } from '../crypto/keyRing.js';
import { tokenKey } from './signingKey.js';
import { MAX_TOKEN_BYTES, TOKEN_ALGORITHM, TOKEN_AUDIENCE, TOKEN_ISSUER, TokenError, type SessionClaims } from './claims.js';

/**
 * Verifies a session token at time `now` (ms). Only HS256 with our own `kid` is accepted, so
 * `alg: none`, other algorithms and foreign keys are refused before any signature work.
 */
export async function verifyToken(keys: KeyRing, token: string, now: number): Promise<SessionClaims> {
  if (token.length > MAX_TOKEN_BYTES || !/^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/.test(token)) {
    throw new TokenError('malformed', 'session token is not a compact JWT');
  }
  if (!canonicalSignature(token)) throw new TokenError('malformed', 'session token is not in its issued form');
  let payload: JWTPayload;
  try {
    const key = await tokenKey(keys);
    ({ payload } = await jwtVerify(token, keyFor(keys, key), {
      algorithms: [TOKEN_ALGORITHM],
      issuer: TOKEN_ISSUER,
      audience: TOKEN_AUDIENCE,
      currentDate: new Date(now),
      clockTolerance: 0,
      typ: 'JWT',
    }));
  } catch (err) {
    throw mapJoseError(err);
  }
  return claimsFrom(payload);
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

function keyFor(keys: KeyRing, key: webcrypto.CryptoKey) {
  return (header: { kid?: string | undefined }) => {
    if (header.kid !== keys.tokenKid) throw new TokenError('bad-signature', 'session token was signed with an unknown key');
    return key;
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
