import { SINGLE_ENCODED_PATH_SERVICES } from './constants.js';
import { uriDecode, uriEncode } from './uriEncode.js';

/** Removes '.', '..' and empty segments, keeping a leading and a trailing '/'. */
function normalizePath(path: string): string {
  const segments: string[] = [];
  for (const segment of path.split('/')) {
    if (segment === '' || segment === '.') continue;
    if (segment === '..') segments.pop();
    else segments.push(segment);
  }
  const trailing = segments.length > 0 && path.endsWith('/') ? '/' : '';
  return `/${segments.join('/')}${trailing}`;
}

/**
 * S3 signs the object key encoded exactly once. Decoding each segment before re-encoding makes
 * the result independent of how the client chose to escape (e.g. '%7e' vs '~'), while an
 * encoded '/' (%2F) inside a key stays encoded.
 */
function s3CanonicalUri(path: string): string {
  if (path === '') return '/';
  return path
    .split('/')
    .map((segment) => uriEncode(uriDecode(segment)))
    .join('/');
}

/**
 * The canonical URI of a path as received on the wire (already percent-encoded once by the
 * client). Other services normalise it and encode it once more: this "double encoding" is
 * what the AWS suite (get-space, get-utf8) and every AWS SDK sign.
 */
export function canonicalUri(path: string, service: string): string {
  if (SINGLE_ENCODED_PATH_SERVICES.has(service)) return s3CanonicalUri(path);
  return uriEncode(normalizePath(path), true);
}
