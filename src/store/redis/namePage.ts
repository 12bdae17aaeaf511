import { decodeCursor, encodeCursor, isNamePosition, pageLimit } from '../cursor.js';
import type { ListOptions, Page } from '../types.js';
import type { RedisContext } from './context.js';

/**
 * A page of a name-ordered sorted set (all scores 0), each name's hash read with HGETALL and
 * decoded with `decode`: two round trips per page, whatever its size. The hashes share the
 * metadata slot (keys.ts), so one pipeline reads them on a Cluster too.
 */
export async function namePage<T extends object>(
  ctx: RedisContext,
  key: string,
  options: ListOptions | undefined,
  recordKey: (name: string) => string,
  decode: (hash: Record<string, string>) => T | undefined,
): Promise<Page<T>> {
  const limit = pageLimit(options);
  const after = decodeCursor(options?.cursor, isNamePosition)?.n;
  const found = await ctx.redis.zrange(key, after === undefined ? '-' : `(${after}`, '+', 'BYLEX', 'LIMIT', 0, limit + 1);
  const names = found.slice(0, limit);
  const hashes = await pipelined<Record<string, string>>(ctx, names.map((name) => ['hgetall', recordKey(name)]));
  const last = names[names.length - 1];
  return {
    // A name whose record vanished between the range and the lookup was deleted meanwhile.
    items: hashes.map(decode).filter((item): item is T => item !== undefined),
    next: found.length > limit && last !== undefined ? encodeCursor({ n: last }) : undefined,
  };
}

/** Runs the commands in one pipeline and returns their replies; any failed command rejects. */
export async function pipelined<T>(ctx: RedisContext, commands: string[][]): Promise<T[]> {
  if (commands.length === 0) return [];
  const results = (await ctx.redis.pipeline(commands).exec()) ?? [];
  return results.map(([err, reply]) => {
    if (err) throw err;
    return reply as T;
  });
}
