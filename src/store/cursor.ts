import { AppError } from '../errors.js';
import type { ListOptions } from './types.js';

/**
 * Opaque pagination cursors shared by both stores: base64url JSON of a position, so callers
 * cannot build one by hand and the stores can change the position shape without breaking them.
 */

export const DEFAULT_PAGE_LIMIT = 100;
export const MAX_PAGE_LIMIT = 1000;

/** The page size asked for, clamped to 1..MAX_PAGE_LIMIT. */
export function pageLimit(options: ListOptions | undefined): number {
  const limit = options?.limit ?? DEFAULT_PAGE_LIMIT;
  if (!Number.isFinite(limit)) return DEFAULT_PAGE_LIMIT;
  return Math.min(MAX_PAGE_LIMIT, Math.max(1, Math.floor(limit)));
}

export function encodeCursor(position: object): string {
  return Buffer.from(JSON.stringify(position), 'utf8').toString('base64url');
}

/** Decodes a cursor made by `encodeCursor`; anything else is the caller's mistake (400). */
export function decodeCursor<T>(cursor: string | undefined, isPosition: (value: unknown) => value is T): T | undefined {
  if (cursor === undefined || cursor === '') return undefined;
  let value: unknown;
  try {
    value = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    value = undefined;
  }
  if (!isPosition(value)) throw new AppError('ValidationError', 'The pagination cursor is not valid.');
  return value;
}

/** Position in a list sorted by name: the last name returned. */
export interface NamePosition {
  readonly n: string;
}

export function isNamePosition(value: unknown): value is NamePosition {
  return typeof value === 'object' && value !== null && typeof (value as NamePosition).n === 'string';
}

/**
 * Position in a session list. Sessions are ordered by user name, then expiry, then access key
 * id; `e`/`a` are the last session returned of user `u`, or absent when `u` is done with.
 */
export interface SessionPosition {
  readonly u?: string;
  readonly e?: number;
  readonly a?: string;
}

export function isSessionPosition(value: unknown): value is SessionPosition {
  if (typeof value !== 'object' || value === null) return false;
  const { u, e, a } = value as Record<string, unknown>;
  return (
    (u === undefined || typeof u === 'string') &&
    (e === undefined || typeof e === 'number') &&
    (a === undefined || typeof a === 'string') &&
    (e === undefined) === (a === undefined)
  );
}
