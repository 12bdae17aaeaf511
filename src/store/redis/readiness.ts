import type { Cluster, Redis } from 'ioredis';
import { StoreUnavailableError } from '../../errors.js';

/**
 * Without an offline queue, a command sent before the first connection is up fails. A store
 * used right after start-up should wait for that connection instead, but only briefly, and
 * only the first time: once Redis has been reached, a lost connection fails calls at once.
 * Callers waiting at the same time share one wait.
 */
export function firstConnection(redis: Redis | Cluster, waitMs: number): () => Promise<void> {
  let reached = redis.status === 'ready';
  if (!reached) redis.once('ready', () => (reached = true));
  let waiting: Promise<void> | undefined;
  let gaveUp = false;
  return () => {
    if (reached || redis.status === 'ready') return Promise.resolve();
    // Once a wait has timed out, Redis is down, not slow: later calls fail at once, as after a loss.
    if (gaveUp) return Promise.reject(new StoreUnavailableError(new Error('Redis has not been reachable since start')));
    waiting ??= waitForReady(redis, waitMs)
      .catch((err: unknown) => {
        gaveUp = true;
        throw err;
      })
      .finally(() => (waiting = undefined));
    return waiting;
  };
}

function waitForReady(redis: Redis | Cluster, waitMs: number): Promise<void> {
  if (redis.status === 'wait') redis.connect().catch(() => undefined);
  return new Promise<void>((resolve, reject) => {
    const onReady = (): void => {
      clearTimeout(timer);
      resolve();
    };
    const timer = setTimeout(() => {
      redis.off('ready', onReady);
      reject(new StoreUnavailableError(new Error(`Redis not reachable within ${waitMs} ms of start`)));
    }, waitMs);
    redis.once('ready', onReady);
  });
}
