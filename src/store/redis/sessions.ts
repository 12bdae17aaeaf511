import { pageSessions, type IndexEntry, type SessionSource } from '../sessionPages.js';
import type { ListOptions, Page, SessionRecord } from '../types.js';
import { sessionFromJson, sessionToJson } from './codec.js';
import { CHUNK, type RedisContext } from './context.js';

/**
 * Index first, record second: a record that exists is always reachable from its user's index,
 * so revoking a user's sessions cannot miss one. A failure in between leaves only an index
 * entry without a record, which listing skips and pruning removes.
 */
export async function putSession(ctx: RedisContext, session: SessionRecord): Promise<void> {
  const now = ctx.clock.now();
  if (session.expiresAt <= now) return;
  await ctx.scripts.indexSession(session.user, session.accessKeyId, session.expiresAt, now);
  await ctx.redis.set(ctx.keys.session(session.accessKeyId), sessionToJson(session), 'PXAT', session.expiresAt);
}

export async function getSession(ctx: RedisContext, accessKeyId: string): Promise<SessionRecord | undefined> {
  const session = sessionFromJson(await ctx.redis.get(ctx.keys.session(accessKeyId)), accessKeyId);
  return session !== undefined && session.expiresAt > ctx.clock.now() ? session : undefined;
}

export async function deleteSession(ctx: RedisContext, accessKeyId: string): Promise<boolean> {
  const session = sessionFromJson(await ctx.redis.get(ctx.keys.session(accessKeyId)), accessKeyId);
  if (session === undefined) return false;
  const deleted = await ctx.redis.del(ctx.keys.session(accessKeyId));
  await ctx.redis.zrem(ctx.keys.userSessions(session.user), accessKeyId);
  return deleted === 1;
}

/** Chunk by chunk, so a user with a million sessions never needs one huge reply. */
export async function deleteUserSessions(ctx: RedisContext, user: string): Promise<number> {
  const index = ctx.keys.userSessions(user);
  let deleted = 0;
  for (;;) {
    const ids = await ctx.redis.zrange(index, 0, CHUNK - 1);
    if (ids.length === 0) return deleted;
    // One DEL per key: each record is in its own slot, so a multi-key DEL would fail on a cluster.
    const counts = await Promise.all(ids.map((id) => ctx.redis.del(ctx.keys.session(id))));
    deleted += counts.reduce((sum, count) => sum + count, 0);
    await ctx.redis.zrem(index, ...ids);
  }
}

export async function listSessions(ctx: RedisContext, user: string | undefined, options: ListOptions | undefined): Promise<Page<SessionRecord>> {
  if (user !== undefined) await ctx.redis.zremrangebyscore(ctx.keys.userSessions(user), '-inf', ctx.clock.now());
  return pageSessions(sessionSource(ctx), user, options);
}

function sessionSource(ctx: RedisContext): SessionSource {
  return {
    userNamesAfter: (after, count) => ownerNamesAfter(ctx, after, count),
    indexAfter: (user, position, count) => indexAfter(ctx, user, position, count),
    load: (ids) => Promise.all(ids.map((id) => getSession(ctx, id))),
  };
}

/**
 * Session owners in name order: the users, merged with the roles (kept as `role:<name>`, which
 * sorts among user names like any other name).
 */
async function ownerNamesAfter(ctx: RedisContext, after: string | undefined, count: number): Promise<string[]> {
  const min = after === undefined ? '-' : `(${after}`;
  const [users, roles] = await Promise.all([
    ctx.redis.zrange(ctx.keys.users, min, '+', 'BYLEX', 'LIMIT', 0, count),
    ctx.redis.zrange(ctx.keys.roles, min, '+', 'BYLEX', 'LIMIT', 0, count),
  ]);
  return [...users, ...roles].sort().slice(0, count);
}

/**
 * Live entries after `position` in (expiry, id) order. Redis ranges by score only, so entries
 * sharing the position's expiry are fetched and those not past its id skipped; such ties are
 * rare (same millisecond), so this is almost always one round trip.
 */
async function indexAfter(ctx: RedisContext, user: string, position: IndexEntry | undefined, count: number): Promise<IndexEntry[]> {
  const now = ctx.clock.now();
  const inclusive = position !== undefined && position.e > now;
  const min = inclusive ? String(position.e) : `(${now}`;
  const entries: IndexEntry[] = [];
  for (let offset = 0; ; offset += count) {
    const reply = await ctx.redis.zrange(ctx.keys.userSessions(user), min, '+inf', 'BYSCORE', 'LIMIT', offset, count, 'WITHSCORES');
    for (let i = 0; i + 1 < reply.length; i += 2) {
      const entry = { a: reply[i] as string, e: Number(reply[i + 1]) };
      if (inclusive && entry.e === position.e && entry.a <= position.a) continue;
      entries.push(entry);
      if (entries.length === count) return entries;
    }
    if (reply.length < count * 2) return entries;
  }
}
