import type { IncomingMessage } from 'node:http';
import { AppError } from '../errors.js';
import { requireIdentityEncoding, requireJsonType } from '../http/bodyChecks.js';
import { readRawBody } from '../http/readRawBody.js';

/** The request headers the sidecar reads, found in `rawHeaders` without building `req.headers`. */
export interface SidecarHeaders {
  authorization: string | undefined;
  contentType: string | undefined;
  contentLength: string | undefined;
  contentEncoding: string | undefined;
}

/**
 * One pass over `rawHeaders`. Node builds `req.headers` lazily, for every header, on first
 * access; on the hot path four names are all that is needed. A repeated header keeps its
 * first value, as node does for these names.
 */
export function sidecarHeaders(req: IncomingMessage): SidecarHeaders {
  const found: SidecarHeaders = { authorization: undefined, contentType: undefined, contentLength: undefined, contentEncoding: undefined };
  const raw = req.rawHeaders;
  for (let i = 0; i + 1 < raw.length; i += 2) {
    const name = raw[i] as string;
    if (name.length !== 13 && name.length !== 12 && name.length !== 14 && name.length !== 16) continue;
    const lower = name.toLowerCase();
    const value = raw[i + 1] as string;
    if (lower === 'authorization') found.authorization ??= value;
    else if (lower === 'content-type') found.contentType ??= value;
    else if (lower === 'content-length') found.contentLength ??= value;
    else if (lower === 'content-encoding') found.contentEncoding ??= value;
  }
  return found;
}

/**
 * Reads and parses a JSON body of at most `limit` bytes. The type and the declared length are
 * checked before any byte is read; a body that grows past the limit is refused at once.
 */
export function readJsonBody(req: IncomingMessage, headers: SidecarHeaders, limit: number): Promise<unknown> {
  try {
    requireJsonType(headers.contentType);
    requireIdentityEncoding(headers.contentEncoding);
  } catch (err) {
    return Promise.reject(err);
  }
  return readRawBody(req, headers.contentLength, { limit, tooLarge: () => tooLarge(limit) }).then(parseJson);
}

function parseJson(body: Buffer): unknown {
  try {
    return JSON.parse(body.toString('utf8')) as unknown;
  } catch {
    throw new AppError('ValidationError', 'request body is not valid JSON');
  }
}

function tooLarge(limit: number): AppError {
  return new AppError('PayloadTooLarge', `request body is larger than ${limit} bytes`);
}
