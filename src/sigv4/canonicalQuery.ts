import type { QueryPair } from './queryPairs.js';
import { uriEncode } from './uriEncode.js';

function compareCodeUnits(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * The canonical query string: each name and value encoded, sorted by encoded name then value
 * (after encoding everything is ASCII, so code-unit order is byte order), an empty value
 * kept as `name=`. `exclude` names a parameter left out (X-Amz-Signature when presigned).
 */
export function canonicalQuery(pairs: readonly QueryPair[], exclude?: string): string {
  const encoded: Array<[string, string]> = [];
  for (const { key, value } of pairs) {
    if (key === exclude) continue;
    encoded.push([uriEncode(key), uriEncode(value)]);
  }
  encoded.sort((a, b) => compareCodeUnits(a[0], b[0]) || compareCodeUnits(a[1], b[1]));
  return encoded.map(([key, value]) => `${key}=${value}`).join('&');
}
