import { openSecret } from '../crypto/secretBox.js';
import type { Deps } from '../deps.js';
import { sessionSecretKey, TokenError, verifyToken } from '../tokens/index.js';
import type { Caller } from './caller.js';
import { CredentialError } from './credentialError.js';
import { checkAncestry } from './sessionAncestry.js';

export const TEMPORARY_KEY = /^ASIA[A-Z0-9]{16}$/;

export interface ResolvedCredential {
  readonly caller: Caller;
  /** The secret to check the request signature with. Never logged, never returned by an API. */
  readonly secretKey: string;
}

/**
 * Turns an access key id (and, for temporary keys, the session token) into the caller and its
 * secret. A session is valid only while its token verifies, its record is in the store, and its
 * user still exists with the same id, so revocation and user removal act at once.
 */
export async function resolveCredential(
  deps: Deps,
  accessKeyId: string,
  sessionToken: string | undefined,
  now: number,
): Promise<ResolvedCredential> {
  if (TEMPORARY_KEY.test(accessKeyId)) return resolveSession(deps, accessKeyId, sessionToken, now);
  if (sessionToken !== undefined && sessionToken !== '') {
    throw new CredentialError('malformed', 'a session token was given with a permanent access key');
  }
  const user = await deps.store.getUser(accessKeyId.slice(0, 128));
  if (user === undefined) throw new CredentialError('unknown-key', 'the access key id is not known');
  const secretKey = openSecret(deps.keys.secretSeal, user.sealedSecret, user.name);
  if (secretKey === undefined) {
    deps.logger.error({ user: user.name }, 'stored secret does not open under the configured master key');
    throw new CredentialError('unknown-key', 'the access key id is not known');
  }
  return { caller: { kind: 'user', accessKeyId, user }, secretKey };
}

async function resolveSession(deps: Deps, accessKeyId: string, token: string | undefined, now: number): Promise<ResolvedCredential> {
  if (token === undefined || token === '') throw new CredentialError('malformed', 'temporary credentials need their session token');
  let claims;
  try {
    claims = await verifyToken(deps.keys, token, now);
  } catch (err) {
    if (err instanceof TokenError) throw new CredentialError(err.code, err.message);
    throw err;
  }
  if (claims.akid !== accessKeyId) throw new CredentialError('malformed', 'the session token belongs to another access key');
  const session = await deps.store.getSession(accessKeyId);
  if (session === undefined || session.expiresAt <= now) {
    if (claims.exp * 1000 <= now || (session !== undefined && session.expiresAt <= now)) {
      throw new CredentialError('expired', 'the session has expired');
    }
    throw new CredentialError('revoked', 'the session has been revoked');
  }
  const user = await deps.store.getUser(session.user);
  if (user === undefined || user.id !== session.userId || session.user !== claims.sub) {
    throw new CredentialError('user-removed', 'the user of this session no longer exists');
  }
  await checkAncestry(deps.store, session, now);
  return { caller: { kind: 'session', accessKeyId, user, session }, secretKey: sessionSecretKey(deps.keys, accessKeyId) };
}
