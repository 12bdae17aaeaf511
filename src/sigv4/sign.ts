import { formatAmzDate } from './amzDate.js';
import { canonicalRequest } from './canonicalRequest.js';
import { ALGORITHM, HEADER, MAX_PRESIGNED_EXPIRES_SECONDS, QUERY, SINGLE_ENCODED_PATH_SERVICES, UNSIGNABLE_HEADERS, UNSIGNED_PAYLOAD } from './constants.js';
import { SigV4Error } from './errors.js';
import { hmacSha256, sha256Hex } from './hash.js';
import { toHeaderMap } from './headerMap.js';
import { parseQueryPairs } from './queryPairs.js';
import { signingKey, type SigningKeyCache } from './signingKey.js';
import { credentialScope, stringToSign } from './stringToSign.js';
import { uriEncode } from './uriEncode.js';

export interface SignableRequest {
  method: string;
  /** Path as it will be sent, percent-encoded. */
  path: string;
  /** Query string as it will be sent, without '?', possibly ''. */
  query: string;
  headers: Record<string, string | string[] | undefined>;
  body?: Buffer | string;
}

export interface SigningCredentials {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken?: string;
}

export interface SignOptions {
  region: string;
  service: string;
  now: number;
  presign?: { expiresSeconds: number };
  signingKeyCache?: SigningKeyCache;
}

/** The headers and query to send: the input's, plus the authentication SigV4 adds. */
export interface SignedRequestParts {
  headers: Record<string, string>;
  query: string;
}

/** Headers a signer regenerates, so stale copies from the input are dropped. */
const GENERATED_HEADERS: ReadonlySet<string> = new Set([HEADER.authorization, HEADER.amzDate, HEADER.date]);
const PRESIGN_PARAMS: ReadonlySet<string> = new Set(Object.values(QUERY));

function outgoingHeaders(headers: SignableRequest['headers']): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value === undefined || GENERATED_HEADERS.has(name.toLowerCase())) continue;
    out[name] = Array.isArray(value) ? value.join(',') : value;
  }
  return out;
}

/** Every header but those proxies may change, like aws-sdk-js-v3 chooses them. */
function headersToSign(headers: Record<string, string>): string[] {
  const names = new Set(Object.keys(headers).map((name) => name.toLowerCase()));
  if (!names.has(HEADER.host)) throw new SigV4Error('InvalidParameterValue', 'A request to sign needs a host header.');
  return [...names].filter((name) => !UNSIGNABLE_HEADERS.has(name) && !/^(proxy|sec)-/.test(name)).sort();
}

function statedPayloadHash(headers: Record<string, string>): string | undefined {
  return Object.entries(headers).find(([name]) => name.toLowerCase() === HEADER.contentSha256)?.[1];
}

function presignQuery(query: string, params: Array<[string, string]>): string {
  const kept = query.split('&').filter((piece) => piece !== '' && !PRESIGN_PARAMS.has(parseQueryPairs(piece)[0]?.key ?? ''));
  const added = params.map(([key, value]) => `${uriEncode(key)}=${uriEncode(value)}`);
  return [...kept, ...added].join('&');
}

interface SigningContext {
  creds: SigningCredentials;
  amzDate: string;
  scope: string;
  isS3: boolean;
}

/**
 * A presigned URL is often used without its headers, so x-amz-* headers travel in the query
 * instead (as aws-sdk-js-v3 moves them). Removes them from `headers`.
 */
function hoistAmzHeaders(headers: Record<string, string>): Array<[string, string]> {
  const hoisted: Array<[string, string]> = [];
  for (const [name, value] of Object.entries(headers)) {
    if (!name.toLowerCase().startsWith('x-amz-')) continue;
    hoisted.push([name, value]);
    delete headers[name];
  }
  return hoisted;
}

/** Adds the query parameters of the presigned form; S3 signs UNSIGNED-PAYLOAD there. */
function preparePresigned(req: SignableRequest, headers: Record<string, string>, ctx: SigningContext, expires: number) {
  if (!Number.isInteger(expires) || expires < 0 || expires > MAX_PRESIGNED_EXPIRES_SECONDS) {
    throw new SigV4Error('InvalidParameterValue', `expiresSeconds must be an integer from 0 to ${MAX_PRESIGNED_EXPIRES_SECONDS}.`);
  }
  const payloadHash = statedPayloadHash(headers) ?? (ctx.isS3 ? UNSIGNED_PAYLOAD : sha256Hex(req.body ?? ''));
  const hoisted = hoistAmzHeaders(headers);
  const params: Array<[string, string]> = [
    ...hoisted,
    [QUERY.algorithm, ALGORITHM],
    [QUERY.credential, `${ctx.creds.accessKeyId}/${ctx.scope}`],
    [QUERY.date, ctx.amzDate],
    [QUERY.expires, String(expires)],
    [QUERY.signedHeaders, headersToSign(headers).join(';')],
  ];
  if (ctx.creds.sessionToken !== undefined) params.push([QUERY.securityToken, ctx.creds.sessionToken]);
  return { query: presignQuery(req.query, params), payloadHash };
}

/** Adds the signed x-amz-* headers of the header form; S3 also needs x-amz-content-sha256. */
function prepareHeaderForm(req: SignableRequest, headers: Record<string, string>, ctx: SigningContext) {
  headers[HEADER.amzDate] = ctx.amzDate;
  if (ctx.creds.sessionToken !== undefined) headers[HEADER.securityToken] = ctx.creds.sessionToken;
  const payloadHash = statedPayloadHash(headers) ?? sha256Hex(req.body ?? '');
  if (ctx.isS3 && statedPayloadHash(headers) === undefined) headers[HEADER.contentSha256] = payloadHash;
  return { query: req.query, payloadHash };
}

/**
 * Signs a request with SigV4, in the Authorization header or, with `presign`, as a presigned
 * query. Signs the same headers and payload hash as aws-sdk-js-v3 (S3 requests get an
 * x-amz-content-sha256 header; presigned S3 requests sign UNSIGNED-PAYLOAD). For the CLI and tests.
 */
export function signRequest(req: SignableRequest, creds: SigningCredentials, opts: SignOptions): SignedRequestParts {
  const amzDate = formatAmzDate(opts.now);
  const ctx: SigningContext = {
    creds,
    amzDate,
    scope: credentialScope(amzDate.slice(0, 8), opts.region, opts.service),
    isS3: SINGLE_ENCODED_PATH_SERVICES.has(opts.service),
  };
  const headers = outgoingHeaders(req.headers);
  const { query, payloadHash } = opts.presign
    ? preparePresigned(req, headers, ctx, opts.presign.expiresSeconds)
    : prepareHeaderForm(req, headers, ctx);
  const signedHeaders = headersToSign(headers);
  const canonical = canonicalRequest({
    method: req.method,
    path: req.path,
    query: parseQueryPairs(query),
    headers: toHeaderMap(headers),
    signedHeaders,
    payloadHash,
    service: opts.service,
  });
  const key = signingKey(creds.secretAccessKey, amzDate.slice(0, 8), opts.region, opts.service, opts.signingKeyCache);
  const signature = hmacSha256(key, stringToSign(amzDate, ctx.scope, canonical)).toString('hex');
  if (opts.presign) return { headers, query: `${query}&${QUERY.signature}=${signature}` };
  headers[HEADER.authorization] =
    `${ALGORITHM} Credential=${creds.accessKeyId}/${ctx.scope}, SignedHeaders=${signedHeaders.join(';')}, Signature=${signature}`;
  return { headers, query };
}
