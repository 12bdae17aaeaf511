import { createHash, createHmac } from 'node:crypto';
import { EMPTY_SHA256 } from './constants.js';

/**
 * SigV4 streaming uploads (`Content-Encoding: aws-chunked`). The request's own signature, the
 * "seed", signs the headers only; each chunk then carries a signature chained to the one before
 * it, so chunks can neither be altered, dropped nor reordered. With a `-TRAILER` payload the
 * chain ends with a signature over the trailing headers.
 */

/** The x-amz-content-sha256 values that announce an aws-chunked body. */
export const STREAMING_PAYLOAD = {
  signed: 'STREAMING-AWS4-HMAC-SHA256-PAYLOAD',
  signedTrailer: 'STREAMING-AWS4-HMAC-SHA256-PAYLOAD-TRAILER',
  unsignedTrailer: 'STREAMING-UNSIGNED-PAYLOAD-TRAILER',
} as const;

export const CHUNK_ALGORITHM = 'AWS4-HMAC-SHA256-PAYLOAD';
export const TRAILER_ALGORITHM = 'AWS4-HMAC-SHA256-TRAILER';
/** Trailing header that carries the trailer signature. */
export const TRAILER_SIGNATURE_HEADER = 'x-amz-trailer-signature';

/**
 * What checking a chunk chain takes. `signingKey` is the day-scoped key (kSigning of
 * signingKey.ts), never the secret: see ChunkSigningContext in src/client for why it may be
 * handed to a frontend.
 */
export interface ChunkSigningContext {
  /** kSigning for the request's date, region and service. */
  signingKey: Buffer;
  /** X-Amz-Date of the request, `YYYYMMDDTHHMMSSZ`. */
  amzDate: string;
  /** `YYYYMMDD/region/service/aws4_request`. */
  scope: string;
}

/** `AWS4-HMAC-SHA256-PAYLOAD\n<date>\n<scope>\n<previous>\n<sha256("")>\n<sha256(chunk)>`. */
export function chunkStringToSign(ctx: ChunkSigningContext, previousSignature: string, chunkSha256: string): string {
  return `${CHUNK_ALGORITHM}\n${ctx.amzDate}\n${ctx.scope}\n${previousSignature}\n${EMPTY_SHA256}\n${chunkSha256}`;
}

/** The raw signature of one chunk, given the hex SHA-256 of its data. */
export function chunkSignatureFromHash(ctx: ChunkSigningContext, previousSignature: string, chunkSha256: string): Buffer {
  return createHmac('sha256', ctx.signingKey).update(chunkStringToSign(ctx, previousSignature, chunkSha256), 'latin1').digest();
}

/** Hex signature of one chunk (the final chunk has empty data). */
export function chunkSignature(ctx: ChunkSigningContext, previousSignature: string, data: Uint8Array): string {
  const hash = createHash('sha256').update(data).digest('hex');
  return chunkSignatureFromHash(ctx, previousSignature, hash).toString('hex');
}

/**
 * The trailing headers as signed: `name:value\n` per header, in the order sent, names
 * lower-cased and values trimmed, the signature line itself left out.
 */
export function canonicalTrailers(trailers: ReadonlyArray<readonly [string, string]>): string {
  let block = '';
  for (const [name, value] of trailers) block += `${name.toLowerCase()}:${value.trim()}\n`;
  return block;
}

/** `AWS4-HMAC-SHA256-TRAILER\n<date>\n<scope>\n<previous>\n<sha256(canonical trailers)>`. */
export function trailerStringToSign(ctx: ChunkSigningContext, previousSignature: string, canonical: string): string {
  const hash = createHash('sha256').update(canonical, 'utf8').digest('hex');
  return `${TRAILER_ALGORITHM}\n${ctx.amzDate}\n${ctx.scope}\n${previousSignature}\n${hash}`;
}

/** The raw trailer signature; `previousSignature` is the final (empty) chunk's. */
export function trailerSignatureBytes(ctx: ChunkSigningContext, previousSignature: string, canonical: string): Buffer {
  return createHmac('sha256', ctx.signingKey).update(trailerStringToSign(ctx, previousSignature, canonical), 'utf8').digest();
}

/** Hex trailer signature. */
export function trailerSignature(
  ctx: ChunkSigningContext,
  previousSignature: string,
  trailers: ReadonlyArray<readonly [string, string]>,
): string {
  return trailerSignatureBytes(ctx, previousSignature, canonicalTrailers(trailers)).toString('hex');
}
