import type { Request } from 'express';
import { AppError } from '../errors.js';
import { requireJsonType } from './bodyChecks.js';

/** Admin request bodies are small JSON documents; anything larger is refused before parsing. */
export const ADMIN_BODY_LIMIT = '16kb';

/** Parses the raw body captured by `express.raw` as JSON; the content type must be JSON. */
export function jsonBody(req: Request): unknown {
  requireJsonType(req.headers['content-type']);
  const raw: unknown = req.body;
  const text = Buffer.isBuffer(raw) ? raw.toString('utf8') : '';
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new AppError('ValidationError', 'request body is not valid JSON');
  }
}
