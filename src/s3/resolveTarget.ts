/**
 * Bucket and key from the Host header and the raw path.
 * - Virtual-hosted when Host (port dropped) is `<bucket>.<base domain>`; path-style, where the
 *   first path segment is the bucket, when Host is a base domain itself. With base domains
 *   configured any other Host is refused (`unknown-host`): a backend could read it as a
 *   virtual host this service never checked. Without any, every request is path-style (the
 *   backend must then serve path-style only, or be given a fixed Host).
 * - The key is everything after the bucket's `/`, percent-decoded once, kept byte for byte
 *   otherwise: `//`, `./` and `../` are part of the key, as in S3. An empty key means the
 *   request is on the bucket (`/bucket`, `/bucket/`, or `/` virtual-hosted).
 * - The bucket segment is never decoded: a `%` in it fails the bucket-name rules.
 */
import { MAX_KEY_BYTES } from './constants.js';
import { decodeComponent } from './decodeComponent.js';
import { isValidBucketName } from './isValidBucketName.js';
import type { S3Addressing, S3UnknownReason } from './types.js';

export interface ResolvedTarget {
  readonly bucket: string | undefined;
  readonly key: string | undefined;
  readonly addressing: S3Addressing;
}

export function resolveTarget(path: string, host: string | undefined, baseDomains: readonly string[]): ResolvedTarget | S3UnknownReason {
  if (path.charCodeAt(0) !== 47 || !isPlainPath(path)) return 'malformed-path';
  const hostBucket = host === undefined ? undefined : bucketFromHost(host, baseDomains);
  if (hostBucket === undefined && baseDomains.length > 0 && (host === undefined || !isBaseDomain(host, baseDomains))) return 'unknown-host';
  if (hostBucket !== undefined) {
    if (!isValidBucketName(hostBucket)) return 'malformed-bucket';
    return withKey(hostBucket, path.slice(1), 'virtual-hosted');
  }
  if (path.length === 1) return { bucket: undefined, key: undefined, addressing: 'path' };
  const slash = path.indexOf('/', 1);
  const bucket = slash < 0 ? path.slice(1) : path.slice(1, slash);
  if (!isValidBucketName(bucket)) return 'malformed-bucket';
  return withKey(bucket, slash < 0 ? '' : path.slice(slash + 1), 'path');
}

function withKey(bucket: string, rawKey: string, addressing: S3Addressing): ResolvedTarget | S3UnknownReason {
  if (rawKey === '') return { bucket, key: undefined, addressing };
  const key = decodeComponent(rawKey, false);
  if (key === undefined) return 'malformed-path';
  // A UTF-16 unit takes at most 3 UTF-8 bytes, so short keys need no byte count.
  if (key.length * 3 > MAX_KEY_BYTES && Buffer.byteLength(key, 'utf8') > MAX_KEY_BYTES) return 'key-too-long';
  return { bucket, key, addressing };
}

/** Anything but printable ASCII other than `#` and `?`: a raw path holds none of these. One character class, no backtracking. */
const NOT_PATH_CHARACTER = /[^\x21\x22\x24-\x3e\x40-\x7e]/;

function isPlainPath(path: string): boolean {
  return !NOT_PATH_CHARACTER.test(path);
}

/** The bucket label of `<bucket>.<base>[:port]` (base matched in any case), else undefined. */
function bucketFromHost(host: string, baseDomains: readonly string[]): string | undefined {
  let end = host.length;
  const colon = host.lastIndexOf(':');
  if (colon >= 0 && !host.includes(']', colon)) end = colon;
  for (const base of baseDomains) {
    const cut = end - base.length - 1;
    // The label keeps its case, so a capitalised bucket fails the naming rules.
    if (cut > 0 && host.charCodeAt(cut) === 46 && (host.endsWith(base, end) || endsWithIgnoringCase(host, end, base))) return host.slice(0, cut);
  }
  return undefined;
}

/** Whether Host (port dropped) is one of the base domains, in any case. */
function isBaseDomain(host: string, baseDomains: readonly string[]): boolean {
  let end = host.length;
  const colon = host.lastIndexOf(':');
  if (colon >= 0 && !host.includes(']', colon)) end = colon;
  for (const base of baseDomains) {
    if (end === base.length && endsWithIgnoringCase(host, end, base)) return true;
  }
  return false;
}

/** Whether `host[..end]` ends with the lower-case `base`, ASCII letters compared in any case. */
function endsWithIgnoringCase(host: string, end: number, base: string): boolean {
  const offset = end - base.length;
  for (let i = 0; i < base.length; i++) {
    let c = host.charCodeAt(offset + i);
    if (c >= 65 && c <= 90) c += 32;
    if (c !== base.charCodeAt(i)) return false;
  }
  return true;
}
