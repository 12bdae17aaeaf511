/** Changes to each signed part of a request, and the rejection each must cause. */
import {
  SIGV4,
  SigV4Error,
  formatAmzDate,
  parseAmzDate,
  parseSigV4,
  verifySigV4,
  type HttpRequestParts,
  type SigV4ErrorCode,
  type VerifyOptions,
} from '../../src/sigv4/index.js';

/** 'any' where the change breaks the auth parameters themselves, so several codes are right. */
export type Expected = SigV4ErrorCode | 'any';

export interface Tampering {
  part: string;
  request: HttpRequestParts;
  want: Expected;
}

/** 'ok', or the code verification failed with. */
export function outcome(req: HttpRequestParts, secretKey: string, options: VerifyOptions): 'ok' | SigV4ErrorCode {
  try {
    verifySigV4(req, parseSigV4(req), secretKey, options);
    return 'ok';
  } catch (err) {
    if (err instanceof SigV4Error) return err.code;
    throw err;
  }
}

function clone(req: HttpRequestParts): HttpRequestParts {
  const headers: HttpRequestParts['headers'] = {};
  for (const [name, value] of Object.entries(req.headers)) headers[name] = Array.isArray(value) ? [...value] : value;
  return { ...req, headers };
}

function changeHeader(req: HttpRequestParts, lowerName: string, change: (value: string) => string): HttpRequestParts {
  const copy = clone(req);
  const name = Object.keys(copy.headers).find((key) => key.toLowerCase() === lowerName);
  const value = name === undefined ? undefined : copy.headers[name];
  if (name === undefined || value === undefined) return copy;
  copy.headers[name] = Array.isArray(value) ? [change(value[0] ?? ''), ...value.slice(1)] : change(value);
  return copy;
}

function laterAmzDate(value: string): string {
  const ms = parseAmzDate(value.trim());
  if (ms === undefined) throw new Error(`fixture has a bad X-Amz-Date: ${value}`);
  return formatAmzDate(ms + 1000);
}

function flipLastHex(value: string): string {
  return value.slice(0, -1) + (value.endsWith('0') ? '1' : '0');
}

function statedPayloadHash(req: HttpRequestParts): string | undefined {
  const name = Object.keys(req.headers).find((key) => key.toLowerCase() === SIGV4.HEADER.contentSha256);
  const value = name === undefined ? undefined : req.headers[name];
  return Array.isArray(value) ? value[0] : value;
}

function queryTamperings(req: HttpRequestParts): Tampering[] {
  const pieces = req.query === '' ? [] : req.query.split('&');
  const authParams = new Set<string>(Object.values(SIGV4.QUERY));
  const out = pieces.map((piece, i): Tampering => {
    const key = decodeURIComponent(piece.split('=')[0] ?? '');
    const changed = pieces.map((p, j) => (j === i ? `${p}x` : p)).join('&');
    const want: Expected = authParams.has(key) && key !== SIGV4.QUERY.securityToken ? 'any' : 'SignatureDoesNotMatch';
    return { part: `query ${key}`, request: { ...clone(req), query: changed }, want };
  });
  const added = req.query === '' ? 'extra=1' : `${req.query}&extra=1`;
  out.push({ part: 'query parameter added', request: { ...clone(req), query: added }, want: 'SignatureDoesNotMatch' });
  return out;
}

function timeTampering(req: HttpRequestParts, form: 'header' | 'presigned'): Tampering {
  if (form === 'header') {
    return { part: 'x-amz-date', request: changeHeader(req, SIGV4.HEADER.amzDate, laterAmzDate), want: 'SignatureDoesNotMatch' };
  }
  const prefix = `${SIGV4.QUERY.date}=`;
  const query = req.query
    .split('&')
    .map((piece) => (piece.startsWith(prefix) ? prefix + laterAmzDate(piece.slice(prefix.length)) : piece))
    .join('&');
  return { part: 'X-Amz-Date', request: { ...clone(req), query }, want: 'SignatureDoesNotMatch' };
}

function bodyTampering(req: HttpRequestParts, form: 'header' | 'presigned'): Tampering[] {
  const stated = statedPayloadHash(req);
  const unsigned = stated !== undefined && /^(UNSIGNED-PAYLOAD|STREAMING-)/.test(stated);
  if (form === 'presigned' || unsigned) return [];
  const copy = clone(req);
  if (copy.body === undefined && copy.payloadHash !== undefined) copy.payloadHash = flipLastHex(copy.payloadHash);
  else copy.body = Buffer.concat([copy.body ?? Buffer.alloc(0), Buffer.from('x')]);
  return [{ part: 'body', request: copy, want: 'SignatureDoesNotMatch' }];
}

function signatureTampering(req: HttpRequestParts, form: 'header' | 'presigned'): Tampering {
  if (form === 'header') {
    return { part: 'signature', request: changeHeader(req, SIGV4.HEADER.authorization, flipLastHex), want: 'SignatureDoesNotMatch' };
  }
  const query = req.query.replace(/(X-Amz-Signature=[0-9a-f]{63})([0-9a-f])/, (_, head: string, last: string) => head + (last === '0' ? '1' : '0'));
  return { part: 'X-Amz-Signature', request: { ...clone(req), query }, want: 'SignatureDoesNotMatch' };
}

/** One change per signed part: method, path, each query parameter, each signed header, body, time. */
export function tamperings(req: HttpRequestParts): Tampering[] {
  const parsed = parseSigV4(req);
  const headerChanges = parsed.signedHeaders
    .filter((name) => name !== SIGV4.HEADER.amzDate)
    .map((name): Tampering => ({ part: `header ${name}`, request: changeHeader(req, name, (v) => `${v}x`), want: 'SignatureDoesNotMatch' }));
  return [
    { part: 'method', request: { ...clone(req), method: req.method === 'GET' ? 'POST' : 'GET' }, want: 'SignatureDoesNotMatch' },
    { part: 'path', request: { ...clone(req), path: `${req.path}x` }, want: 'SignatureDoesNotMatch' },
    ...queryTamperings(req),
    ...headerChanges,
    ...bodyTampering(req, parsed.form),
    timeTampering(req, parsed.form),
    signatureTampering(req, parsed.form),
  ];
}

export function matches(got: string, want: Expected): boolean {
  return want === 'any' ? got !== 'ok' : got === want;
}
