import { createHash, timingSafeEqual } from 'node:crypto';
import { EMPTY_SHA256 } from '../sigv4/constants.js';
import { chunkSignatureFromHash, STREAMING_PAYLOAD } from '../sigv4/chunkSignature.js';
import type { StreamingSigningContext } from '../sigv4/streamingContext.js';
import { AwsChunkedError } from './awsChunkedErrors.js';
import { TrailerCollector } from './awsChunkedTrailers.js';

/**
 * The chunk-checking context a frontend receives for one streaming request: the seed signature,
 * X-Amz-Date, the scope and the signing key of that scope.
 *
 * Why the signing key may leave the STS side: it is kSigning = HMAC chain of the secret over one
 * date, one region, one service and 'aws4_request'. It signs only requests whose scope is that
 * exact day, region and service (~1 day of validity: clock skew keeps a day's key usable a few
 * minutes past midnight), and HMAC-SHA256 cannot be inverted to recover the secret or to derive
 * any other day's, region's or service's key. So a frontend holding it can check, and at worst
 * forge, S3 requests of that user for that day only, which a frontend that proxies the user's
 * data can do anyway. Keep it in memory for the upload's length, never log or persist it.
 */
export type ChunkSigningContext = StreamingSigningContext;

export type AwsChunkedMode = 'signed' | 'signed-trailer' | 'unsigned-trailer';

export interface AwsChunkedVerifierOptions {
  /** The request's x-amz-content-sha256: one of the STREAMING-* values. */
  contentSha256: string;
  /** The request's x-amz-decoded-content-length. */
  decodedContentLength: number | string;
  /** The request's x-amz-trailer, naming the trailing headers that must follow (comma-separated). */
  trailer?: string;
  /** Required for the two signed modes; ignored for STREAMING-UNSIGNED-PAYLOAD-TRAILER. */
  signing?: ChunkSigningContext;
  /** Largest chunk accepted, in bytes: the verifier's memory bound. Default 16 MiB. */
  maxChunkBytes?: number;
  /** Accept a checksum trailer this module cannot compute (x-amz-checksum-crc64nvme) unchecked. Default false. */
  allowUncheckedChecksum?: boolean;
}

export interface AwsChunkedResult {
  decodedLength: number;
  /** Trailing headers by lower-case name, the trailer signature left out. */
  trailers: Record<string, string>;
  /** Names of the checksum trailers that were computed and matched. */
  verifiedChecksums: string[];
}

export const DEFAULT_MAX_CHUNK_BYTES = 16 * 1024 * 1024;
/** `<16 hex digits>;chunk-signature=<64 hex>` fits with room to spare. */
const MAX_CHUNK_HEADER_CHARS = 128;
const SIGNED_HEADER = /^([0-9a-fA-F]{1,16});chunk-signature=([0-9a-f]{64})$/;
const UNSIGNED_HEADER = /^([0-9a-fA-F]{1,16})$/;
const MODES: ReadonlyMap<string, AwsChunkedMode> = new Map([
  [STREAMING_PAYLOAD.signed, 'signed'],
  [STREAMING_PAYLOAD.signedTrailer, 'signed-trailer'],
  [STREAMING_PAYLOAD.unsignedTrailer, 'unsigned-trailer'],
]);

const enum State { Header, Data, DataEnd, Trailers, Done }

function fail(code: AwsChunkedError['code'], message: string): never {
  throw new AwsChunkedError(code, message);
}

function parseDecodedLength(value: number | string): number {
  const n = typeof value === 'number' ? value : /^\d{1,16}$/.test(value) ? Number(value) : NaN;
  if (!Number.isSafeInteger(n) || n < 0) fail('Malformed', 'x-amz-decoded-content-length must be a non-negative integer.');
  return n;
}

/**
 * Incremental parser and verifier of an `aws-chunked` body. Feed it the body as it arrives, in
 * pieces split anywhere; `push` returns the decoded payload bytes that may be used.
 *
 * Signed modes: a chunk's bytes are copied into one buffer and released only once its signature,
 * chained from the seed, has matched (compared in constant time). Memory: at most one chunk
 * (<= maxChunkBytes) plus a header line. Unsigned mode: bytes are released as they arrive, since
 * only the checksum trailer at the end vouches for them; commit nothing before `end()` returns.
 * In every mode, `end()` is what confirms the length, the trailers and the checksums.
 *
 * Any failure throws AwsChunkedError and poisons the verifier: later calls throw the same error.
 * A `push` that throws returns nothing, not even chunks it verified before the failing one: the
 * whole upload is refused anyway. Pieces are copied in signed modes, so the caller may reuse them.
 */
export class AwsChunkedVerifier {
  readonly mode: AwsChunkedMode;
  private readonly signing: ChunkSigningContext | undefined;
  private readonly declaredLength: number;
  private readonly maxChunkBytes: number;
  private readonly trailerCollector: TrailerCollector;
  private state = State.Header;
  private line = '';
  private previousSignature = '';
  private expectedSignature: Buffer | undefined;
  private chunk: Buffer | undefined;
  private chunkFill = 0;
  private remaining = 0;
  private crlfSeen = 0;
  private decoded = 0;
  private failure: AwsChunkedError | undefined;
  private result: AwsChunkedResult | undefined;

  constructor(options: AwsChunkedVerifierOptions) {
    const mode = MODES.get(options.contentSha256);
    if (mode === undefined) fail('Malformed', 'x-amz-content-sha256 does not announce an aws-chunked body.');
    this.mode = mode;
    if (mode !== 'unsigned-trailer') {
      if (options.signing === undefined) throw new TypeError('A signed aws-chunked body needs its signing context.');
      this.signing = options.signing;
      this.previousSignature = options.signing.seedSignature;
    }
    this.declaredLength = parseDecodedLength(options.decodedContentLength);
    this.maxChunkBytes = options.maxChunkBytes ?? DEFAULT_MAX_CHUNK_BYTES;
    this.trailerCollector = new TrailerCollector(mode, options.trailer, options.allowUncheckedChecksum === true);
  }

  /** Consumes one piece of the body; returns the payload bytes now verified (possibly none). */
  push(piece: Uint8Array): Buffer[] {
    if (this.failure !== undefined) throw this.failure;
    const out: Buffer[] = [];
    try {
      const buf = Buffer.isBuffer(piece) ? piece : Buffer.from(piece.buffer, piece.byteOffset, piece.byteLength);
      let pos = 0;
      while (pos < buf.length) pos = this.step(buf, pos, out);
    } catch (err) {
      if (err instanceof AwsChunkedError) this.failure = err;
      throw err;
    }
    return out;
  }

  /** Call at the end of the body: throws unless it was complete, of the declared length, and its trailers checked. */
  end(): AwsChunkedResult {
    if (this.failure !== undefined) throw this.failure;
    if (this.result === undefined) {
      this.failure = new AwsChunkedError('Truncated', 'The aws-chunked body ended before its final chunk and trailers.');
      throw this.failure;
    }
    return this.result;
  }

  private step(buf: Buffer, pos: number, out: Buffer[]): number {
    switch (this.state) {
      case State.Header:
      case State.Trailers:
        return this.readLine(buf, pos);
      case State.Data:
        return this.readData(buf, pos, out);
      case State.DataEnd:
        return this.readDataEnd(buf, pos);
      case State.Done:
        return fail('Malformed', 'Bytes follow the end of the aws-chunked body.');
    }
  }

  private readLine(buf: Buffer, pos: number): number {
    const limit = this.state === State.Header ? MAX_CHUNK_HEADER_CHARS : this.trailerCollector.maxLineChars;
    const newline = buf.indexOf(0x0a, pos);
    const end = newline === -1 ? buf.length : newline;
    if (this.line.length + (end - pos) > limit + 1) fail('Malformed', 'An aws-chunked header or trailer line is too long.');
    this.line += buf.toString('latin1', pos, end);
    if (newline === -1) return buf.length;
    if (!this.line.endsWith('\r')) fail('Malformed', 'An aws-chunked line must end with CRLF.');
    const line = this.line.slice(0, -1);
    this.line = '';
    if (this.state === State.Header) this.onChunkHeader(line);
    else this.onTrailerLine(line);
    return newline + 1;
  }

  private onChunkHeader(line: string): void {
    const match = (this.signing === undefined ? UNSIGNED_HEADER : SIGNED_HEADER).exec(line);
    if (match === null) fail('Malformed', `Malformed aws-chunked chunk header for a ${this.mode} body.`);
    const size = Number.parseInt(match[1] as string, 16);
    if (size > this.maxChunkBytes) fail('TooLarge', `A chunk of ${size} bytes exceeds the ${this.maxChunkBytes}-byte limit.`);
    if (this.decoded + size > this.declaredLength) fail('LengthMismatch', 'The chunks exceed x-amz-decoded-content-length.');
    this.expectedSignature = match[2] === undefined ? undefined : Buffer.from(match[2], 'hex');
    if (size === 0) return this.onFinalChunk();
    this.remaining = size;
    if (this.signing !== undefined) {
      this.chunk = Buffer.allocUnsafe(size);
      this.chunkFill = 0;
    }
    this.state = State.Data;
  }

  private onFinalChunk(): void {
    if (this.decoded !== this.declaredLength) {
      fail('LengthMismatch', `The body decodes to ${this.decoded} bytes, not x-amz-decoded-content-length ${this.declaredLength}.`);
    }
    if (this.signing !== undefined) this.checkSignature(EMPTY_SHA256);
    this.state = State.Trailers;
  }

  private readData(buf: Buffer, pos: number, out: Buffer[]): number {
    const take = Math.min(this.remaining, buf.length - pos);
    this.remaining -= take;
    if (this.chunk === undefined) {
      const data = buf.subarray(pos, pos + take);
      this.release(data, out);
    } else {
      buf.copy(this.chunk, this.chunkFill, pos, pos + take);
      this.chunkFill += take;
      if (this.remaining === 0) {
        const data = this.chunk;
        this.chunk = undefined;
        this.checkSignature(createHash('sha256').update(data).digest('hex'));
        this.release(data, out);
      }
    }
    if (this.remaining === 0) {
      this.state = State.DataEnd;
      this.crlfSeen = 0;
    }
    return pos + take;
  }

  private release(data: Buffer, out: Buffer[]): void {
    this.decoded += data.length;
    this.trailerCollector.update(data);
    out.push(data);
  }

  private readDataEnd(buf: Buffer, pos: number): number {
    const want = this.crlfSeen === 0 ? 0x0d : 0x0a;
    if (buf[pos] !== want) fail('Malformed', 'Chunk data must be followed by CRLF.');
    if (++this.crlfSeen === 2) this.state = State.Header;
    return pos + 1;
  }

  private checkSignature(chunkSha256: string): void {
    const given = this.expectedSignature;
    const signing = this.signing as ChunkSigningContext;
    const expected = chunkSignatureFromHash(signing, this.previousSignature, chunkSha256);
    if (given === undefined || !timingSafeEqual(expected, given)) {
      fail('BadSignature', 'A chunk signature does not match: the chunk was altered, reordered or signed with another key.');
    }
    this.previousSignature = expected.toString('hex');
  }

  private onTrailerLine(line: string): void {
    if (line !== '') return this.trailerCollector.add(line);
    const trailers = this.trailerCollector.finish(this.signing, this.previousSignature);
    this.state = State.Done;
    this.result = { decodedLength: this.decoded, ...trailers };
  }
}
