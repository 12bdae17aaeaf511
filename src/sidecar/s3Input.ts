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
  /** DeleteObjects: the entries the frontend read from the body, each checked on its own. */
  readonly keys?: readonly S3DeleteEntry[];
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

/** One `<Object>` of a DeleteObjects body: a key, and the version to delete when it names one. */
export interface S3DeleteEntry {
  readonly key: string;
  readonly versionId?: string;
}

/** Each entry a key, or `{key, versionId}` (an entry with a version needs s3:DeleteObjectVersion). */
function parseKeys(value: unknown): S3DeleteEntry[] {
  if (!Array.isArray(value) || value.length < 1 || value.length > MAX_DELETE_KEYS) throw invalid('keys', `must be a list of 1 to ${MAX_DELETE_KEYS} keys`);
  return value.map((entry: unknown, i) => {
    if (typeof entry === 'string') return { key: text(entry, `keys[${i}]`, 1024) };
    if (typeof entry !== 'object' || entry === null || Array.isArray(entry)) throw invalid(`keys[${i}]`, 'must be a key or {key, versionId}');
    const { key, versionId, ...rest } = entry as Record<string, unknown>;
    if (Object.keys(rest).length > 0) throw invalid(`keys[${i}]`, 'has fields other than key and versionId');
    const parsed: S3DeleteEntry = { key: text(key, `keys[${i}].key`, 1024) };
    return versionId === undefined ? parsed : { ...parsed, versionId: text(versionId, `keys[${i}].versionId`, 1024) };
  });
}

/**
 * Headers a proxy adds to describe the original request (nginx `auth_request`), and the one
 * carrying the verify token. In the nginx form they are read, then dropped, so they neither reach
 * the signature check nor the classifier. The Envoy form reads none of them but the token.
 */
export const PROXY_HEADER = Object.freeze({
  method: 'x-original-method',
  uri: 'x-original-uri',
  contentLength: 'x-original-content-length',
  forwardedFor: 'x-forwarded-for',
  forwardedProto: 'x-forwarded-proto',
  realIp: 'x-real-ip',
  verifyToken: 'x-sts-authorization',
  denyStatus: 'x-sts-deny-status',
});

const NGINX_CONSUMED: ReadonlySet<string> = new Set([PROXY_HEADER.method, PROXY_HEADER.uri, PROXY_HEADER.contentLength, PROXY_HEADER.verifyToken, PROXY_HEADER.denyStatus]);
const ENVOY_CONSUMED: ReadonlySet<string> = new Set([PROXY_HEADER.verifyToken, PROXY_HEADER.denyStatus]);

function first(headers: NodeJS.Dict<string[]>, name: string): string | undefined {
  return headers[name]?.[0];
}

/**
 * How the proxy describes the original request.
 * - `nginx` (`/v1/s3/auth`): the sub-request carries X-Original-Method and X-Original-URI, which
 *   the nginx configuration always overwrites (see examples/nginx), X-Original-Content-Length
 *   and X-Real-IP (the client address nginx saw). Both URI headers are required.
 * - `envoy` (`/v1/s3/ext-authz/<original path>`): the check request is the original request with
 *   the mount prepended; every client header passes through, so no X-Original-* or X-Real-IP
 *   header is believed, and the client is the right-most X-Forwarded-For entry (the one Envoy
 *   appends with `use_remote_address`).
 * Host is always the Host header: no X-Forwarded-Host, which a client could set itself.
 */
export type ProxyForm = 'nginx' | 'envoy';

export function s3RequestFromProxy(req: IncomingMessage, form: ProxyForm, mount: string): S3RequestParts {
  const all = req.headersDistinct;
  let method: string;
  let uri: string;
  if (form === 'nginx') {
    const originalMethod = first(all, PROXY_HEADER.method);
    const originalUri = first(all, PROXY_HEADER.uri);
    if (originalMethod === undefined || originalUri === undefined) {
      throw invalid('X-Original-URI', 'and X-Original-Method must describe the original request (nginx auth_request)');
    }
    method = originalMethod;
    uri = originalUri;
  } else {
    method = req.method ?? 'GET';
    uri = (req.url ?? '/').slice(mount.length);
  }
  if (!uri.startsWith('/')) uri = `/${uri}`;
  const mark = uri.indexOf('?');
  const consumed = form === 'nginx' ? NGINX_CONSUMED : ENVOY_CONSUMED;
  const headers: Record<string, string | string[]> = Object.create(null) as Record<string, string | string[]>;
  for (const [name, lines] of Object.entries(all)) {
    if (lines === undefined || consumed.has(name)) continue;
    headers[name] = lines.length === 1 ? (lines[0] as string) : lines;
  }
  if (form === 'nginx') {
    const length = first(all, PROXY_HEADER.contentLength);
    if (length !== undefined && length !== '') headers['content-length'] = length;
    else if (length === '') delete headers['content-length'];
  }
  const sourceIp = clientIp(all, form);
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

function clientIp(headers: NodeJS.Dict<string[]>, form: ProxyForm): string | undefined {
  const real = form === 'nginx' ? first(headers, PROXY_HEADER.realIp)?.trim() : undefined;
  if (real !== undefined && isIP(real) !== 0) return real;
  const hops = headers[PROXY_HEADER.forwardedFor]?.join(',').split(',');
  const last = hops?.[hops.length - 1]?.trim();
  return last !== undefined && isIP(last) !== 0 ? last : undefined;
}
