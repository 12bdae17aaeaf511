import type { Deps } from '../deps.js';
import { sessionSecretKey, signingRing, verifyToken } from '../tokens/index.js';
import type { Caller } from './caller.js';
import { asCredentialError, CredentialError } from './credentialError.js';
import { readSessionState, requireLiveSession } from './checkSession.js';
import { openUserSecret, unknownKey } from './openUserSecret.js';

export const TEMPORARY_KEY = /^ASIA[A-Z0-9]{16}$/;

export interface ResolvedCredential {
  readonly caller: Caller;
  /** The secret to check the request signature with. Never logged, never returned by an API. */
  readonly secretKey: string;
}

/**
 * Turns an access key id (and, for temporary keys, the session token) into the caller and its
 * secret; a session is judged by `checkSessionState`, as the sidecar judges it.
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
  if (user === undefined) throw unknownKey();
  return { caller: { kind: 'user', accessKeyId, user }, secretKey: openUserSecret(deps, user) };
}

async function resolveSession(deps: Deps, accessKeyId: string, token: string | undefined, now: number): Promise<ResolvedCredential> {
  if (token === undefined || token === '') throw new CredentialError('malformed', 'temporary credentials need their session token');
  const claims = await verifyToken(deps.keys, token, now).catch((err: unknown) => {
    throw asCredentialError(err);
  });
  const { session, user } = requireLiveSession(await readSessionState(deps.store, accessKeyId, claims, now, deps.keys));
  return { caller: { kind: 'session', accessKeyId, user, session }, secretKey: sessionSecretKey(signingRing(deps.keys, claims), accessKeyId) };
}
