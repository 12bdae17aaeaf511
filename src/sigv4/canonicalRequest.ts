import { canonicalHeaders } from './canonicalHeaders.js';
import { canonicalQuery } from './canonicalQuery.js';
import { canonicalUri } from './canonicalUri.js';
import type { HeaderMap } from './headerMap.js';
import type { QueryPair } from './queryPairs.js';

export interface CanonicalRequestInput {
  method: string;
  /** Raw path as received. */
  path: string;
  query: readonly QueryPair[];
  headers: HeaderMap;
  signedHeaders: readonly string[];
  payloadHash: string;
  service: string;
  /** Query parameter left out of the canonical query (X-Amz-Signature when presigned). */
  excludeQueryKey?: string;
}

/** The canonical request: the six canonical parts joined by newlines, in AWS's order. */
export function canonicalRequest(input: CanonicalRequestInput): string {
  return [
    input.method,
    canonicalUri(input.path, input.service),
    canonicalQuery(input.query, input.excludeQueryKey),
    canonicalHeaders(input.headers, input.signedHeaders),
    input.signedHeaders.join(';'),
    input.payloadHash,
  ].join('\n');
}
