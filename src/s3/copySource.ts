/**
 * `x-amz-copy-source`: `[/]<bucket>/<key>[?versionId=<id>]`, URL-encoded. The part before `?` is
 * decoded once, then split at its first `/` (some clients encode that `/` as well). Access-point
 * ARNs and any query other than one `versionId` are refused.
 */
import { decodeComponent } from './decodeComponent.js';
import { isValidBucketName } from './isValidBucketName.js';

export interface CopySource {
  readonly bucket: string;
  readonly key: string;
  readonly versionId: string | undefined;
}

const VERSION_PREFIX = 'versionId=';

export function parseCopySource(header: string): CopySource | undefined {
  const question = header.indexOf('?');
  const rawPath = question < 0 ? header : header.slice(0, question);
  let versionId: string | undefined;
  if (question >= 0) {
    const query = header.slice(question + 1);
    if (!query.startsWith(VERSION_PREFIX) || query.includes('&')) return undefined;
    versionId = decodeComponent(query.slice(VERSION_PREFIX.length), true);
    if (versionId === undefined || versionId === '') return undefined;
  }
  const decoded = decodeComponent(rawPath, false);
  if (decoded === undefined) return undefined;
  const path = decoded.startsWith('/') ? decoded.slice(1) : decoded;
  const slash = path.indexOf('/');
  if (slash < 0) return undefined;
  const bucket = path.slice(0, slash);
  const key = path.slice(slash + 1);
  if (key === '' || !isValidBucketName(bucket)) return undefined;
  return { bucket, key, versionId };
}
