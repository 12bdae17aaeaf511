import { AppError } from '../errors.js';
import { decodeCursor, encodeCursor, isSessionPosition, pageLimit, type SessionPosition } from './cursor.js';
import type { ListOptions, Page, SessionRecord } from './types.js';

/**
 * Session paging shared by both stores. Sessions are ordered by user name, then expiry, then
 * access key id. The stores only supply their per-user index and record lookups.
 */

/** One entry of a user's session index: access key id and expiry. */
export interface IndexEntry {
  readonly a: string;
  readonly e: number;
}

export interface SessionSource {
  /** Names of users that may have sessions, strictly after `after`, in order. */
  userNamesAfter(after: string | undefined, count: number): Promise<readonly string[]>;
  /** Up to `count` live index entries of `user` strictly after `position`, in order. */
  indexAfter(user: string, position: IndexEntry | undefined, count: number): Promise<readonly IndexEntry[]>;
  /** The live records for these ids (undefined where gone), in the same order. */
  load(accessKeyIds: readonly string[]): Promise<readonly (SessionRecord | undefined)[]>;
}

/** Users whose indexes are read at once while listing the sessions of all users. */
const USER_BATCH = 20;
/** Work bound for one page over all users: a page may come back short, with `next` set. */
const MAX_USERS_PER_PAGE = 1000;

interface Taken {
  readonly entries: (IndexEntry & { readonly u: string })[];
  readonly next: SessionPosition | undefined;
}

export async function pageSessions(
  source: SessionSource,
  user: string | undefined,
  options: ListOptions | undefined,
): Promise<Page<SessionRecord>> {
  const limit = pageLimit(options);
  const position = decodeCursor(options?.cursor, isSessionPosition);
  if (user !== undefined && position !== undefined && position.u !== user) {
    throw new AppError('ValidationError', 'The pagination cursor belongs to another listing.');
  }
  const taken = user === undefined ? await walkUsers(source, position, limit) : await oneUser(source, user, position, limit);
  const records = await source.load(taken.entries.map((entry) => entry.a));
  const items = records.filter((record, i): record is SessionRecord => record?.user === taken.entries[i]?.u);
  return { items, next: taken.next === undefined ? undefined : encodeCursor(taken.next) };
}

function within(position: SessionPosition | undefined): IndexEntry | undefined {
  return position?.e === undefined || position.a === undefined ? undefined : { e: position.e, a: position.a };
}

async function oneUser(source: SessionSource, user: string, position: SessionPosition | undefined, limit: number): Promise<Taken> {
  const found = await source.indexAfter(user, within(position), limit + 1);
  const entries = found.slice(0, limit).map((entry) => ({ ...entry, u: user }));
  const last = entries[entries.length - 1];
  return { entries, next: found.length > limit && last ? { u: user, e: last.e, a: last.a } : undefined };
}

async function walkUsers(source: SessionSource, position: SessionPosition | undefined, limit: number): Promise<Taken> {
  const entries: Taken['entries'] = [];
  let after = position?.u;
  let resume = within(position);
  let batch: readonly string[] = resume !== undefined && after !== undefined ? [after] : [];
  let scanned = 0;
  for (;;) {
    if (batch.length === 0) {
      if (scanned >= MAX_USERS_PER_PAGE) return { entries, next: after === undefined ? undefined : { u: after } };
      batch = await source.userNamesAfter(after, USER_BATCH);
      if (batch.length === 0) return { entries, next: undefined };
    }
    const wanted = limit + 1 - entries.length;
    const found = await Promise.all(batch.map((u, i) => source.indexAfter(u, i === 0 ? resume : undefined, wanted)));
    for (const [i, u] of batch.entries()) {
      for (const entry of found[i] ?? []) {
        const last = entries[entries.length - 1];
        if (entries.length === limit && last) return { entries, next: { u: last.u, e: last.e, a: last.a } };
        entries.push({ ...entry, u });
      }
      after = u;
      scanned += 1;
    }
    resume = undefined;
    batch = [];
  }
}
