import { SignJWT } from 'jose';
import type { KeyRing } from '../crypto/keyRing.js';
import { TOKEN_ALGORITHM, TOKEN_AUDIENCE, TOKEN_ISSUER, type SessionClaims } from './claims.js';
import { tokenKey } from './signingKey.js';

/** Signs a session token (JWT, HS256 under a key derived from the master key, with `kid`). */
export async function issueToken(keys: KeyRing, claims: SessionClaims): Promise<string> {
  return new SignJWT({ akid: claims.akid, uid: claims.uid, sn: claims.sn })
    .setProtectedHeader({ alg: TOKEN_ALGORITHM, typ: 'JWT', kid: keys.tokenKid })
    .setIssuer(TOKEN_ISSUER)
    .setAudience(TOKEN_AUDIENCE)
    .setSubject(claims.sub)
    .setIssuedAt(claims.iat)
    .setExpirationTime(claims.exp)
    .sign(await tokenKey(keys));
}
