import { AppError } from '../errors.js';
import { requireFormType } from '../http/bodyChecks.js';
import type { HttpRequestParts } from '../sigv4/index.js';
import { mergeParams, parseParams, type Params } from './params.js';

/** A Query API request as received: raw target, distinct headers, raw body. No framework types. */
export interface StsHttpRequest {
  readonly method: string;
  /** The request target: raw path and query, percent-encoding intact. */
  readonly url: string;
  /** Header names in lower case, every value of a repeated header (node's `headersDistinct`). */
  readonly headers: NodeJS.Dict<string[]>;
  readonly requestId: string;
  /** The client's address (through trusted proxies), for throttling failed sign-ins. */
  readonly sourceAddress: string;
  /** Reads the body; refusals (size, encoding) are rejections the handler renders. */
  readonly readBody: () => Promise<Buffer>;
}

/** The parameters of a request: its query string, plus its form body if it has one. */
export function queryParams(request: StsHttpRequest, body: Buffer): Params {
  if (request.method !== 'GET' && request.method !== 'POST') {
    throw new AppError('MethodNotAllowed', `${request.method.slice(0, 16)} is not supported; use GET or POST`);
  }
  const query = parseParams(splitTarget(request.url).query);
  if (body.length === 0) return query;
  // A presigned URL signs its query only: parameters in a body would ride along unsigned.
  if (query.has('X-Amz-Signature')) {
    throw new AppError('InvalidParameterCombination', 'A presigned request carries its parameters in the signed query string and must have no body.');
  }
  requireFormType(request.headers['content-type']?.[0]);
  return mergeParams(query, parseParams(body.toString('utf8')));
}

/** The request exactly as the client signed it: raw path and query, distinct headers, raw body. */
export function signedParts(request: StsHttpRequest, body: Buffer): HttpRequestParts {
  const { path, query } = splitTarget(request.url);
  return { method: request.method, path, query, headers: request.headers, body };
}

function splitTarget(url: string): { path: string; query: string } {
  const at = url.indexOf('?');
  return at < 0 ? { path: url, query: '' } : { path: url.slice(0, at), query: url.slice(at + 1) };
}
