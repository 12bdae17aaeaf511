import { createHmac } from 'node:crypto';
import type { KeyRing } from '../crypto/keyRing.js';
import { TOKEN_ALGORITHM, TOKEN_AUDIENCE, TOKEN_ISSUER, type SessionClaims } from './claims.js';

/**
 * Signs a session token (JWT, HS256 under a key derived from the master key, with `kid`).
 * Signed here with node:crypto, synchronously: an HS256 JWS is one HMAC over the two encoded
 * parts, and jose's WebCrypto path would send each AssumeRole through the thread pool. Tokens
 * are verified by jose (verifyToken.ts), which checks them as strictly as any it signed.
 */
export function issueToken(keys: KeyRing, claims: SessionClaims): string {
  const header = encode({ alg: TOKEN_ALGORITHM, typ: 'JWT', kid: keys.tokenKid });
  const payload = encode({
    akid: claims.akid,
    uid: claims.uid,
    sn: claims.sn,
    iss: TOKEN_ISSUER,
    aud: TOKEN_AUDIENCE,
    sub: claims.sub,
    iat: claims.iat,
    exp: claims.exp,
  });
  const signature = createHmac('sha256', keys.tokenSigning).update(`${header}.${payload}`).digest('base64url');
  return `${header}.${payload}.${signature}`;
}

function encode(value: Record<string, unknown>): string {
  return Buffer.from(JSON.stringify(value), 'utf8').toString('base64url');
}
