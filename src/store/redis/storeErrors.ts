import { ReplyError } from 'ioredis';
import { AppError, StoreUnavailableError } from '../../errors.js';

/** Redis replies that mean "not now" (loading, failing over, out of memory), not "wrong". */
const TRANSIENT_REPLY = /^(LOADING|READONLY|MASTERDOWN|CLUSTERDOWN|TRYAGAIN|BUSY|NOREPLICAS|OOM)\b/;

/**
 * Connection trouble (refused, closed, timed out, offline, retries exhausted, cluster down)
 * becomes StoreUnavailableError so requests fail closed with 503. Logic errors stay what they
 * are: our own AppErrors, error replies such as WRONGTYPE or a script bug, and JS errors from
 * our code, which are bugs (500) and must not hide behind "try again later".
 */
export function toStoreError(err: unknown): unknown {
  if (err instanceof AppError) return err;
  if (err instanceof ReplyError) return TRANSIENT_REPLY.test((err as Error).message) ? new StoreUnavailableError(err) : err;
  if (err instanceof TypeError || err instanceof SyntaxError || err instanceof RangeError || err instanceof ReferenceError) {
    return err;
  }
  return new StoreUnavailableError(err);
}

export async function guard<T>(operation: () => Promise<T>): Promise<T> {
  try {
    return await operation();
  } catch (err) {
    throw toStoreError(err);
  }
}
