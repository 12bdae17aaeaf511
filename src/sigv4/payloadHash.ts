import { EMPTY_SHA256, HEADER, QUERY, SINGLE_ENCODED_PATH_SERVICES, UNSIGNED_PAYLOAD } from './constants.js';
import { SigV4Error } from './errors.js';
import { sha256Hex } from './hash.js';
import { headerValue, type HeaderMap } from './headerMap.js';
import type { QueryPair } from './queryPairs.js';
import type { HttpRequestParts } from './types.js';

const HEX_SHA256 = /^[0-9a-fA-F]{64}$/;

/** The hash of what actually arrived: the body, else what the frontend measured, else nothing. */
function receivedPayloadHash(req: HttpRequestParts): string {
  if (req.body !== undefined) return sha256Hex(req.body);
  return req.payloadHash ?? EMPTY_SHA256;
}

/** A stated hex hash is signed, so it must also be the hash of the bytes that came with it. */
function assertStatedHashMatches(stated: string, req: HttpRequestParts): void {
  if (!HEX_SHA256.test(stated)) return;
  const actual = req.body !== undefined ? sha256Hex(req.body) : req.payloadHash;
  if (actual === undefined || !HEX_SHA256.test(actual)) return;
  if (actual.toLowerCase() !== stated.toLowerCase()) {
    throw new SigV4Error('SignatureDoesNotMatch', 'The x-amz-content-sha256 value does not match the request body.');
  }
}

function statedPayloadHash(headers: HeaderMap, query: readonly QueryPair[], presigned: boolean): string | undefined {
  const fromHeader = headerValue(headers, HEADER.contentSha256);
  if (fromHeader !== undefined || !presigned) return fromHeader;
  // Presigners hoist x-amz-* headers into the query, keeping whatever case they were given.
  const hoisted = QUERY.contentSha256.toLowerCase();
  return query.find((pair) => pair.key.toLowerCase() === hoisted)?.value;
}

/**
 * The payload hashes the client may have signed, most likely first. A stated
 * x-amz-content-sha256 is what was signed (UNSIGNED-PAYLOAD and STREAMING-* included).
 * Presigned S3 requests sign UNSIGNED-PAYLOAD. Other presigned requests differ by SDK:
 * botocore signs UNSIGNED-PAYLOAD, aws-sdk-js the body's hash, so both are accepted; the
 * body is unsigned either way in a presigned URL, so this widens nothing.
 */
export function payloadHashCandidates(
  req: HttpRequestParts,
  headers: HeaderMap,
  query: readonly QueryPair[],
  presigned: boolean,
  service: string,
): string[] {
  const stated = statedPayloadHash(headers, query, presigned);
  if (stated !== undefined) {
    assertStatedHashMatches(stated, req);
    return [stated];
  }
  if (!presigned) return [receivedPayloadHash(req)];
  if (SINGLE_ENCODED_PATH_SERVICES.has(service)) return [UNSIGNED_PAYLOAD];
  return [UNSIGNED_PAYLOAD, receivedPayloadHash(req)];
}
