import type { Caller } from '../../auth/caller.js';
import type { Deps } from '../../deps.js';
import { AppError } from '../../errors.js';
import { validationError } from '../params.js';

/** AWS caps sessions made with temporary credentials (role chaining) at one hour. */
export const CHAINED_MAX_SECONDS = 3600;

/**
 * The lifetime of a new session: `DurationSeconds` within the configured bounds, at most one hour
 * when chained, and never past the session that asks for it. Whole seconds, as tokens carry them.
 */
export function sessionLifetime(
  deps: Deps,
  caller: Caller,
  requested: number | undefined,
  now: number,
): { issuedAt: number; expiresAt: number } {
  const { minDurationSeconds, maxDurationSeconds, defaultDurationSeconds } = deps.config;
  const chained = caller.kind === 'session';
  const duration = requested ?? (chained ? Math.min(defaultDurationSeconds, CHAINED_MAX_SECONDS) : defaultDurationSeconds);
  if (duration < minDurationSeconds) {
    throw validationError('durationSeconds', `Member must have value greater than or equal to ${minDurationSeconds}`);
  }
  if (duration > maxDurationSeconds) {
    throw validationError('durationSeconds', `Member must have value less than or equal to ${maxDurationSeconds}`);
  }
  if (chained && duration > CHAINED_MAX_SECONDS) {
    throw new AppError('ValidationError', 'The requested DurationSeconds exceeds the 1 hour session limit for roles assumed by role chaining.');
  }
  const issuedAt = Math.floor(now / 1000) * 1000;
  let expiresAt = issuedAt + duration * 1000;
  if (chained) expiresAt = Math.min(expiresAt, caller.session.expiresAt);
  return { issuedAt, expiresAt };
}
