import { hash, timingSafeEqual } from 'node:crypto';

/**
 * Constant-time bearer check for one expected token: both sides hashed, so the comparison takes
 * the same time whatever the lengths. The expected token is hashed once; the one-shot
 * `crypto.hash` keeps the per-call hash cheap (a third of createHash's cost).
 */
export function bearerCheck(expected: string): (authorization: string | undefined) => boolean {
  const want = hash('sha256', expected, 'buffer');
  return (authorization) => {
    if (authorization === undefined || !authorization.startsWith('Bearer ')) return false;
    return timingSafeEqual(hash('sha256', authorization.slice(7), 'buffer'), want);
  };
}
