/** Names and fixed strings of AWS Signature Version 4, in one place. */

export const ALGORITHM = 'AWS4-HMAC-SHA256';
export const KEY_TYPE = 'aws4_request';
export const UNSIGNED_PAYLOAD = 'UNSIGNED-PAYLOAD';
export const STREAMING_PAYLOAD_PREFIX = 'STREAMING-';
/** SHA-256 of the empty string. */
export const EMPTY_SHA256 = 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855';

export const MAX_SKEW_MS = 15 * 60 * 1000;
/** Most names one SignedHeaders list may hold. */
export const MAX_SIGNED_HEADERS = 128;
/**
 * Largest canonical request rebuilt for a check, in characters. Every input to it is bounded
 * (headers by the HTTP parser, sidecar requests by their body limit), but percent-encoding can
 * triple a path or query: this caps what is hashed whatever the input.
 */
export const MAX_CANONICAL_REQUEST_CHARS = 128 * 1024;
/** One week: the longest life AWS allows a presigned request. */
export const MAX_PRESIGNED_EXPIRES_SECONDS = 604_800;

/** Lower-case header names. */
export const HEADER = {
  authorization: 'authorization',
  amzDate: 'x-amz-date',
  date: 'date',
  host: 'host',
  contentSha256: 'x-amz-content-sha256',
  securityToken: 'x-amz-security-token',
} as const;

/** Query parameter names of the presigned form (case-sensitive, as AWS reads them). */
export const QUERY = {
  algorithm: 'X-Amz-Algorithm',
  credential: 'X-Amz-Credential',
  date: 'X-Amz-Date',
  expires: 'X-Amz-Expires',
  signedHeaders: 'X-Amz-SignedHeaders',
  signature: 'X-Amz-Signature',
  securityToken: 'X-Amz-Security-Token',
  contentSha256: 'X-Amz-Content-Sha256',
} as const;

/** Any of these in the query marks a presigned request. */
export const PRESIGN_MARKERS: readonly string[] = [QUERY.algorithm, QUERY.credential, QUERY.signature];

/**
 * Headers a signer leaves out because proxies add, drop or rewrite them (the list
 * aws-sdk-js-v3 uses, so our signatures match it byte for byte).
 */
export const UNSIGNABLE_HEADERS: ReadonlySet<string> = new Set([
  'authorization',
  'cache-control',
  'connection',
  'expect',
  'from',
  'keep-alive',
  'max-forwards',
  'pragma',
  'referer',
  'te',
  'trailer',
  'transfer-encoding',
  'upgrade',
  'user-agent',
  'x-amzn-trace-id',
]);

/** Services whose canonical URI is neither normalised nor encoded a second time. */
export const SINGLE_ENCODED_PATH_SERVICES: ReadonlySet<string> = new Set(['s3']);
