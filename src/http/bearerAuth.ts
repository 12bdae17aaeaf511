import { createHash, timingSafeEqual } from 'node:crypto';

/**
 * Constant-time bearer token check. Both sides are hashed first so the comparison takes the
 * same time whatever the lengths are.
 */
export function bearerMatches(authorization: string | undefined, expected: string): boolean {
  if (authorization === undefined || !authorization.startsWith('Bearer ')) return false;
  const given = createHash('sha256').update(authorization.slice(7)).digest();
  const want = createHash('sha256').update(expected).digest();
  return timingSafeEqual(given, want);
}
