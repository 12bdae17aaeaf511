import { decodeCursor, encodeCursor, isNamePosition, pageLimit } from '../cursor.js';
import type { ListOptions, Page } from '../types.js';
import type { RedisContext } from './context.js';

/** A page of a name-ordered sorted set (all scores 0), each name looked up with `load`. */
export async function namePage<T extends object>(
  ctx: RedisContext,
  key: string,
  options: ListOptions | undefined,
  load: (name: string) => Promise<T | undefined>,
): Promise<Page<T>> {
  const limit = pageLimit(options);
  const after = decodeCursor(options?.cursor, isNamePosition)?.n;
  const found = await ctx.redis.zrange(key, after === undefined ? '-' : `(${after}`, '+', 'BYLEX', 'LIMIT', 0, limit + 1);
  const names = found.slice(0, limit);
  const loaded: (T | undefined)[] = await Promise.all(names.map(load));
  const last = names[names.length - 1];
  return {
    // A name whose record vanished between the range and the lookup was deleted meanwhile.
    items: loaded.filter((item): item is T => item !== undefined),
    next: found.length > limit && last !== undefined ? encodeCursor({ n: last }) : undefined,
  };
}
