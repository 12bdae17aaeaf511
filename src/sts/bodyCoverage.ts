import { AppError } from '../errors.js';
import { headerValue, SIGV4, toHeaderMap, type HttpRequestParts } from '../sigv4/index.js';

const HEX_SHA256 = /^[0-9a-fA-F]{64}$/;

/**
 * A Query API body carries the parameters, so the signature must cover it: a request with a
 * body may state its hash in x-amz-content-sha256 (checked against the body by the verifier) or
 * leave the header out (the verifier then hashes the body), but never UNSIGNED-PAYLOAD or a
 * STREAMING-* value, which would leave the parameters open to change in transit.
 */
export function requireSignedBody(request: HttpRequestParts): void {
  if (request.body === undefined || request.body.length === 0) return;
  const stated = headerValue(toHeaderMap(request.headers), SIGV4.HEADER.contentSha256);
  if (stated === undefined || HEX_SHA256.test(stated)) return;
  throw new AppError('IncompleteSignature', 'The request body must be covered by the signature: x-amz-content-sha256 must be the SHA-256 of the body.');
}
