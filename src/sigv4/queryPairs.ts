import { uriDecode } from './uriEncode.js';

export interface QueryPair {
  /** Decoded name. */
  key: string;
  /** Decoded value; '' when the parameter has no '='. */
  value: string;
}

/** '+' means a space in a query, as in form encoding (AWS and MinIO read it so). */
function decodeComponent(raw: string): string {
  return uriDecode(raw.includes('+') ? raw.replace(/\+/g, ' ') : raw);
}

/** Splits a raw query string into decoded pairs, in their received order. */
export function parseQueryPairs(query: string): QueryPair[] {
  if (query === '') return [];
  const pairs: QueryPair[] = [];
  for (const piece of query.split('&')) {
    if (piece === '') continue;
    const eq = piece.indexOf('=');
    const rawKey = eq < 0 ? piece : piece.slice(0, eq);
    const rawValue = eq < 0 ? '' : piece.slice(eq + 1);
    pairs.push({ key: decodeComponent(rawKey), value: decodeComponent(rawValue) });
  }
  return pairs;
}
