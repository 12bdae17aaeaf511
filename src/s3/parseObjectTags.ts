/**
 * `x-amz-tagging`: tags as a URL query (`k1=v1&k2=v2`). Undefined when the encoding is broken or
 * a key repeats, which S3 rejects as well.
 */
import { decodeComponent } from './decodeComponent.js';

export function parseObjectTags(header: string): Map<string, string> | undefined {
  const tags = new Map<string, string>();
  if (header === '') return tags;
  for (const piece of header.split('&')) {
    if (piece === '') continue;
    const eq = piece.indexOf('=');
    const key = decodeComponent(eq < 0 ? piece : piece.slice(0, eq), true);
    const value = eq < 0 ? '' : decodeComponent(piece.slice(eq + 1), true);
    if (key === undefined || value === undefined || key === '' || tags.has(key)) return undefined;
    tags.set(key, value);
  }
  return tags;
}
