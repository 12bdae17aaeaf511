import type { IncomingMessage } from 'node:http';
import { isIP } from 'node:net';
import { AppError } from '../errors.js';
import { INPUT_LIMITS } from './parseInput.js';

/** An S3 request as the frontend (or the proxy) received it; header names lower case. */
export interface S3RequestParts {
  readonly method: string;
  readonly path: string;
  readonly query: string;
  readonly headers: Record<string, string | string[]>;
  readonly sourceIp?: string;
  readonly secureTransport?: boolean;
  /** Hex SHA-256 of the body when the frontend measured it. */
  readonly payloadHash?: string;
  /** DeleteObjects: the keys the frontend read from the body, each checked on its own. */
  readonly keys?: readonly string[];
}

/** Most keys one DeleteObjects request may name, as in S3. */
export const MAX_DELETE_KEYS = 1000;

type Json = Record<string, unknown>;

const FIELDS = ['method', 'path', 'query', 'headers', 'sourceIp', 'secureTransport', 'payloadHash', 'keys'];

function invalid(field: string, message: string): AppError {
  return new AppError('ValidationError', `${field} ${message}`, { details: { field } });
}

function text(value: unknown, field: string, maxChars: number, minChars = 1): string {
  if (typeof value !== 'string' || value.length < minChars || value.length > maxChars) {
    throw invalid(field, `must be a string of ${minChars} to ${maxChars} characters`);
  }
  return value;
}

/** Names lower-cased; a name given in two spellings keeps every line, in order. */
function lowerHeaders(value: unknown): Record<string, string | string[]> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw invalid('headers', 'must be an object');
  const entries = Object.entries(value as Json);
  if (entries.length > INPUT_LIMITS.headers) throw invalid('headers', `must have at most ${INPUT_LIMITS.headers} headers`);
  const out: Record<string, string | string[]> = Object.create(null) as Record<string, string | string[]>;
  for (const [name, line] of entries) {
    const lower = name.toLowerCase();
    if (lower === '__proto__') throw invalid(`headers.${name.slice(0, 64)}`, 'is not a header name');
    let lines: string | string[];
    if (typeof line === 'string') lines = line;
    else if (Array.isArray(line) && line.every((item) => typeof item === 'string')) lines = line as string[];
    else throw invalid(`headers.${name.slice(0, 64)}`, 'must be a string or a list of strings');
    const before = out[lower];
    out[lower] = before === undefined ? lines : [...[before].flat(), ...[lines].flat()];
  }
  return out;
}

/** The body of `POST /v1/s3/authorize`. */
export function parseS3AuthorizeInput(body: unknown): S3RequestParts {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) throw invalid('body', 'must be an object');
  const json = body as Json;
  for (const key of Object.keys(json)) if (!FIELDS.includes(key)) throw invalid(key, 'is not a known field');
  const path = text(json.path, 'path', INPUT_LIMITS.pathChars);
  if (!path.startsWith('/')) throw invalid('path', 'must start with /');
  const parts: { -readonly [K in keyof S3RequestParts]: S3RequestParts[K] } = {
    method: text(json.method, 'method', INPUT_LIMITS.methodChars),
    path,
    query: json.query === undefined ? '' : text(json.query, 'query', INPUT_LIMITS.queryChars, 0),
    headers: lowerHeaders(json.headers),
  };
  if (json.sourceIp !== undefined) {
    if (typeof json.sourceIp !== 'string' || isIP(json.sourceIp) === 0) throw invalid('sourceIp', 'must be an IP address');
    parts.sourceIp = json.sourceIp;
  }
  if (json.secureTransport !== undefined) {
    if (typeof json.secureTransport !== 'boolean') throw invalid('secureTransport', 'must be a boolean');
    parts.secureTransport = json.secureTransport;
  }
  if (json.payloadHash !== undefined) parts.payloadHash = text(json.payloadHash, 'payloadHash', 128);
  if (json.keys !== undefined) parts.keys = parseKeys(json.keys);
  return parts;
}

function parseKeys(value: unknown): string[] {
  if (!Array.isArray(value) || value.length < 1 || value.length > MAX_DELETE_KEYS) throw invalid('keys', `must be a list of 1 to ${MAX_DELETE_KEYS} keys`);
  return value.map((key, i) => text(key, `keys[${i}]`, 1024));
}

/**
 * Headers a proxy adds to describe the original request (nginx `auth_request`, Envoy
 * `ext_authz`), and the one carrying the verify token. They are read, then dropped, so they
 * neither reach the signature check nor the classifier.
 */
export const PROXY_HEADER = Object.freeze({
  method: 'x-original-method',
  uri: 'x-original-uri',
  contentLength: 'x-original-content-length',
  forwardedHost: 'x-forwarded-host',
  forwardedFor: 'x-forwarded-for',
  forwardedProto: 'x-forwarded-proto',
  realIp: 'x-real-ip',
  verifyToken: 'x-sts-authorization',
  denyStatus: 'x-sts-deny-status',
});

const CONSUMED: ReadonlySet<string> = new Set([PROXY_HEADER.method, PROXY_HEADER.uri, PROXY_HEADER.contentLength, PROXY_HEADER.forwardedHost, PROXY_HEADER.verifyToken, PROXY_HEADER.denyStatus]);

function first(headers: NodeJS.Dict<string[]>, name: string): string | undefined {
  return headers[name]?.[0];
}

/**
 * The original request a proxy's sub-request describes. Method and URI come from
 * X-Original-Method / X-Original-URI (nginx), else from the sub-request itself minus `mount`
 * (Envoy's `path_prefix`); Host from X-Forwarded-Host, else Host; Content-Length from
 * X-Original-Content-Length when the proxy had to blank it; the client from X-Real-IP, else
 * the right-most X-Forwarded-For entry (the one the proxy itself wrote); TLS from
 * X-Forwarded-Proto. Only a proxy holding the verify token gets here, so these are trusted.
 */
export function s3RequestFromProxy(req: IncomingMessage, mount: string): S3RequestParts {
  const all = req.headersDistinct;
  const method = first(all, PROXY_HEADER.method) ?? req.method ?? 'GET';
  let uri = first(all, PROXY_HEADER.uri) ?? (req.url ?? '/').slice(mount.length);
  if (!uri.startsWith('/')) uri = `/${uri}`;
  const mark = uri.indexOf('?');
  const headers: Record<string, string | string[]> = Object.create(null) as Record<string, string | string[]>;
  for (const [name, lines] of Object.entries(all)) {
    if (lines === undefined || CONSUMED.has(name)) continue;
    headers[name] = lines.length === 1 ? (lines[0] as string) : lines;
  }
  const host = first(all, PROXY_HEADER.forwardedHost);
  if (host !== undefined) headers.host = host;
  const length = first(all, PROXY_HEADER.contentLength);
  if (length !== undefined && length !== '') headers['content-length'] = length;
  else if (length === '') delete headers['content-length'];
  const sourceIp = clientIp(all);
  const proto = first(all, PROXY_HEADER.forwardedProto);
  return {
    method: method.slice(0, INPUT_LIMITS.methodChars),
    path: mark < 0 ? uri : uri.slice(0, mark),
    query: mark < 0 ? '' : uri.slice(mark + 1),
    headers,
    ...(sourceIp === undefined ? {} : { sourceIp }),
    ...(proto === undefined ? {} : { secureTransport: proto.trim().toLowerCase() === 'https' }),
  };
}

function clientIp(headers: NodeJS.Dict<string[]>): string | undefined {
  const real = first(headers, PROXY_HEADER.realIp)?.trim();
  if (real !== undefined && isIP(real) !== 0) return real;
  const hops = headers[PROXY_HEADER.forwardedFor]?.join(',').split(',');
  const last = hops?.[hops.length - 1]?.trim();
  return last !== undefined && isIP(last) !== 0 ? last : undefined;
}
