import type { Request } from 'express';
import { AppError } from '../errors.js';

/** Admin request bodies are small JSON documents; anything larger is refused before parsing. */
export const ADMIN_BODY_LIMIT = '16kb';

/**
 * Parses the raw body captured by `express.raw` as JSON. Content type must be JSON so a form
 * post or a browser's text/plain request is refused instead of guessed at.
 */
export function jsonBody(req: Request): unknown {
  const type = req.headers['content-type'] ?? '';
  if (!/^application\/([a-z0-9.+-]*\+)?json\s*(;|$)/i.test(type)) {
    throw new AppError('UnsupportedMediaType', 'request body must be application/json');
  }
  const raw: unknown = req.body;
  const text = Buffer.isBuffer(raw) ? raw.toString('utf8') : '';
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new AppError('ValidationError', 'request body is not valid JSON');
  }
}
