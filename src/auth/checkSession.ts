import { ringForKeyId, type KeyRing } from '../crypto/keyRing.js';
import { roleOfOwner } from '../store/records.js';
import type { SessionRecord, Store, UserRecord } from '../store/types.js';
import type { SessionClaims } from '../tokens/index.js';
import { CredentialError } from './credentialError.js';
import { roleOwnerRecord } from './roleOwner.js';

/** Longer chains are refused: each hop lasts at most an hour, so real chains stay short. */
export const MAX_CHAIN_DEPTH = 64;

/** What the store says about a session whose token verified, read at `now`. */
export interface SessionState {
  readonly accessKeyId: string;
  readonly claims: SessionClaims;
  readonly session: SessionRecord | undefined;
  /** The user the token names (`claims.sub`), or the role (see roleOwner.ts) for `role:<name>`. */
  readonly user: UserRecord | undefined;
  /** For a web identity session: whether its OIDC provider has been removed since. */
  readonly providerRemoved?: boolean;
  /**
   * The sessions this one was assumed from, nearest first, read up to the first one missing or
   * expired (`undefined` when missing) and at most `MAX_CHAIN_DEPTH + 1` of them.
   */
  readonly ancestors: readonly (SessionRecord | undefined)[];
  readonly now: number;
  /** Whether a master key id is configured (current or previous); sessions record theirs. */
  readonly keyKnown: (keyId: string) => boolean;
}

export interface LiveSession {
  readonly session: SessionRecord;
  readonly user: UserRecord;
}

/**
 * The one check of a temporary credential against the store, shared by the Query API and the
 * sidecar so both give the same reason for the same state. A session is valid only while its
 * record is in the store, its user (or role) still exists with the same id, its OIDC provider
 * (web identity sessions) is still registered, and every session it was assumed from is still
 * live: revocation and the removal of a user, role or provider act at once.
 */
export function checkSessionState(state: SessionState): LiveSession | CredentialError {
  const { claims, session, user, now } = state;
  if (claims.akid !== state.accessKeyId) return new CredentialError('malformed', 'the session token belongs to another access key');
  if (session === undefined || session.expiresAt <= now) {
    if (claims.exp * 1000 <= now || session !== undefined) return new CredentialError('expired', 'the session has expired');
    // Removing a user removes its sessions: tell that apart from a plain revocation.
    if (user === undefined || user.id !== claims.uid) return userRemoved(claims.sub);
    return new CredentialError('revoked', 'the session has been revoked');
  }
  if (user === undefined || user.id !== session.userId || session.user !== claims.sub) return userRemoved(session.user);
  if (state.providerRemoved === true) return new CredentialError('revoked', 'the identity provider of this session has been removed');
  // A child never outlives its parent, so a parent missing before the child's expiry was revoked.
  if (state.ancestors.length > MAX_CHAIN_DEPTH) return new CredentialError('revoked', 'the chain of assumed sessions is too long');
  if (state.ancestors.some((parent) => parent === undefined || parent.expiresAt <= now)) {
    return new CredentialError('revoked', 'a session this one was assumed from has been revoked');
  }
  // Dropping a master key ends the sessions it signed and those assumed from them, whatever key
  // signed the later links. (The session's own key is checked when its token is verified.)
  if (state.ancestors.some((parent) => parent?.keyId !== undefined && !state.keyKnown(parent.keyId))) {
    return new CredentialError('revoked', 'a session this one was assumed from was signed under a master key no longer configured');
  }
  return { session, user };
}

function userRemoved(owner: string): CredentialError {
  const what = roleOfOwner(owner) === undefined ? 'user' : 'role';
  return new CredentialError('user-removed', `the ${what} of this session no longer exists`);
}

/**
 * Reads what `checkSessionState` judges: the session and the token's user (or role) together
 * (one round trip), then the sessions it was assumed from and, for a web identity session,
 * whether its provider is still registered.
 */
export async function readSessionState(
  store: Store,
  accessKeyId: string,
  claims: SessionClaims,
  now: number,
  keys: KeyRing,
): Promise<SessionState> {
  const keyKnown = (keyId: string) => ringForKeyId(keys, keyId) !== undefined;
  const [session, user] = await Promise.all([store.getSession(accessKeyId), readOwner(store, claims.sub)]);
  if (session === undefined || session.expiresAt <= now) return { accessKeyId, claims, session, user, ancestors: [], now, keyKnown };
  const providerKey = session.webIdentity?.providerKey;
  const [ancestors, provider] = await Promise.all([
    readAncestors(store, session, now),
    providerKey === undefined ? undefined : store.getOidcProvider(providerKey),
  ]);
  const providerRemoved = providerKey !== undefined && provider?.issuer !== session.webIdentity?.issuer;
  return { accessKeyId, claims, session, user, ancestors, now, providerRemoved, keyKnown };
}

/** The user a token names, or for `role:<name>` the role seen as its sessions' owner. */
async function readOwner(store: Store, owner: string): Promise<UserRecord | undefined> {
  const roleName = roleOfOwner(owner);
  if (roleName === undefined) return store.getUser(owner);
  const role = await store.getRole(roleName);
  return role === undefined ? undefined : roleOwnerRecord(role);
}

async function readAncestors(store: Store, session: SessionRecord, now: number): Promise<(SessionRecord | undefined)[]> {
  const ancestors: (SessionRecord | undefined)[] = [];
  let parentKey = session.parentAccessKeyId;
  while (parentKey !== undefined && ancestors.length <= MAX_CHAIN_DEPTH) {
    const parent = await store.getSession(parentKey);
    ancestors.push(parent);
    if (parent === undefined || parent.expiresAt <= now) break;
    parentKey = parent.parentAccessKeyId;
  }
  return ancestors;
}

/** The session state as the caller's answer: the live records, or the refusal thrown. */
export function requireLiveSession(state: SessionState): LiveSession {
  const result = checkSessionState(state);
  if (result instanceof CredentialError) throw result;
  return result;
}
