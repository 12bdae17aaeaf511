import type { KeyRing } from '../crypto/keyRing.js';
import { isSealedUnderCurrentKey, openSealed, sealSecret } from '../crypto/secretBox.js';
import type { Store, UserRecord } from '../store/types.js';

export interface ResealReport {
  /** Users whose secret was re-sealed under the current master key. */
  readonly resealed: number;
  /** Users whose secret already was. */
  readonly current: number;
  /** Users whose secret changed while this ran (removed, re-created): left as they now are. */
  readonly changedMeanwhile: number;
  /** Users whose secret opens under no key of the ring (at most the first 100 names). */
  readonly unopenable: readonly string[];
  readonly unopenableCount: number;
  /** The master key every re-sealed secret is now under. */
  readonly keyId: string;
}

const PAGE = 500;
const NAMED_AT_MOST = 100;

/**
 * Re-seals, under the current master key, every user secret sealed under a previous one (or in
 * the legacy form), so the previous key can then be dropped. Each write is a compare-and-set:
 * a user changed meanwhile is left alone. Safe to run again, and on a live service.
 */
export async function resealUserSecrets(store: Store, keys: KeyRing): Promise<ResealReport> {
  const counts = { resealed: 0, current: 0, changedMeanwhile: 0 };
  const unopenable: string[] = [];
  let cursor: string | undefined;
  do {
    const page = await store.listUsers(cursor === undefined ? { limit: PAGE } : { limit: PAGE, cursor });
    const outcomes = await Promise.all(page.items.map((user) => reseal(store, keys, user)));
    page.items.forEach((user, i) => {
      const outcome = outcomes[i];
      if (outcome === 'unopenable') unopenable.push(user.name);
      else if (outcome !== undefined) counts[outcome] += 1;
    });
    cursor = page.next;
  } while (cursor !== undefined);
  return { ...counts, unopenable: unopenable.slice(0, NAMED_AT_MOST), unopenableCount: unopenable.length, keyId: keys.keyId };
}

type Outcome = 'resealed' | 'current' | 'changedMeanwhile' | 'unopenable';

async function reseal(store: Store, keys: KeyRing, user: UserRecord): Promise<Outcome> {
  if (isSealedUnderCurrentKey(keys, user.sealedSecret)) return 'current';
  const opened = openSealed(keys, user.sealedSecret, user.name);
  if (opened === undefined) return 'unopenable';
  const sealed = sealSecret(keys, opened.secret, user.name);
  return (await store.updateUserSecret(user.name, user.sealedSecret, sealed)) ? 'resealed' : 'changedMeanwhile';
}
