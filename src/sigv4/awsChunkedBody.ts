import {
  chunkSignature,
  trailerSignature,
  TRAILER_SIGNATURE_HEADER,
  type ChunkSigningContext,
} from './chunkSignature.js';

export interface AwsChunkedBodyOptions {
  /** Signs every chunk (and the trailers) from this seed; without it the chunks are unsigned. */
  signing?: ChunkSigningContext & { seedSignature: string };
  /** Trailing headers, e.g. `[['x-amz-checksum-crc32', 'xWFIKA==']]`. */
  trailers?: ReadonlyArray<readonly [string, string]>;
}

const CRLF = '\r\n';

/**
 * Encodes a payload as `aws-chunked`, one chunk per element of `chunks` and the final empty
 * chunk, the way SDKs write it: `<hex size>[;chunk-signature=<sig>]\r\n<data>\r\n`, then the
 * trailers and their signature. For tests, benchmarks and the CLI: the verifier is the
 * production side.
 */
export function encodeAwsChunked(chunks: readonly Uint8Array[], options: AwsChunkedBodyOptions = {}): Buffer {
  const { signing, trailers = [] } = options;
  const parts: Buffer[] = [];
  let previous = signing?.seedSignature ?? '';
  const header = (size: number, data: Uint8Array): string => {
    if (signing === undefined) return `${size.toString(16)}${CRLF}`;
    previous = chunkSignature(signing, previous, data);
    return `${size.toString(16)};chunk-signature=${previous}${CRLF}`;
  };
  for (const chunk of chunks) {
    if (chunk.length === 0) continue;
    parts.push(Buffer.from(header(chunk.length, chunk), 'latin1'), Buffer.from(chunk), Buffer.from(CRLF));
  }
  let tail = header(0, new Uint8Array(0));
  if (trailers.length === 0) {
    tail += CRLF;
  } else {
    for (const [name, value] of trailers) tail += `${name}:${value}${CRLF}`;
    if (signing !== undefined) tail += `${TRAILER_SIGNATURE_HEADER}:${trailerSignature(signing, previous, trailers)}${CRLF}`;
    tail += CRLF;
  }
  parts.push(Buffer.from(tail, 'latin1'));
  return Buffer.concat(parts);
}
