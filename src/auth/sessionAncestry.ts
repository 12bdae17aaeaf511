import type { SessionRecord, Store } from '../store/types.js';
import { CredentialError } from './credentialError.js';

/** Longer chains are refused: each hop lasts at most an hour, so real chains stay short. */
export const MAX_CHAIN_DEPTH = 64;

/**
 * A chained session lives only while every session it was assumed from does, so revoking a
 * leaked session also ends whatever was minted with it. (A child never outlives its parent, so
 * a parent missing before the child's expiry was revoked.)
 */
export async function checkAncestry(store: Store, session: SessionRecord, now: number): Promise<void> {
  let parentKey = session.parentAccessKeyId;
  for (let depth = 0; parentKey !== undefined; depth++) {
    if (depth >= MAX_CHAIN_DEPTH) throw new CredentialError('revoked', 'the chain of assumed sessions is too long');
    const parent = await store.getSession(parentKey);
    if (parent === undefined || parent.expiresAt <= now) {
      throw new CredentialError('revoked', 'a session this one was assumed from has been revoked');
    }
    parentKey = parent.parentAccessKeyId;
  }
}
