import { timingSafeEqual } from 'node:crypto';
import { canonicalTrailers, trailerSignatureBytes, TRAILER_SIGNATURE_HEADER, type ChunkSigningContext } from '../sigv4/chunkSignature.js';
import { AwsChunkedError } from './awsChunkedErrors.js';
import { CHECKSUM_TRAILER_PREFIX, TRAILER_CHECKSUMS, type RunningChecksum } from './awsChunkedChecksums.js';

type Mode = 'signed' | 'signed-trailer' | 'unsigned-trailer';

/** S3 allows one checksum trailer; a few more names leave room without leaving the bound. */
const MAX_DECLARED_TRAILERS = 8;
const TRAILER_NAME = /^[A-Za-z0-9-]{1,64}$/;
const HEX_SIGNATURE = /^[0-9a-f]{64}$/;

function fail(code: AwsChunkedError['code'], message: string): never {
  throw new AwsChunkedError(code, message);
}

function parseDeclared(mode: Mode, header: string | undefined): string[] {
  const names = (header ?? '').split(',').map((name) => name.trim().toLowerCase()).filter((name) => name !== '');
  if (mode === 'signed' && names.length > 0) fail('Malformed', 'x-amz-trailer needs a -TRAILER x-amz-content-sha256.');
  if (names.length > MAX_DECLARED_TRAILERS) fail('Malformed', `x-amz-trailer names more than ${MAX_DECLARED_TRAILERS} trailers.`);
  for (const [i, name] of names.entries()) {
    if (!TRAILER_NAME.test(name) || name === TRAILER_SIGNATURE_HEADER) fail('Malformed', 'x-amz-trailer names an invalid trailer.');
    if (names.indexOf(name) !== i) fail('Malformed', 'x-amz-trailer names a trailer twice.');
  }
  return names;
}

/**
 * The trailing headers of an aws-chunked body: only those x-amz-trailer declared, each once,
 * all of them, the signature last (and only in the signed-trailer mode). Checksum trailers are
 * computed over the payload as it is released, and compared when the trailers end.
 */
export class TrailerCollector {
  readonly maxLineChars = 1024;
  private readonly declared: string[];
  private readonly checksums = new Map<string, RunningChecksum>();
  private readonly received: Array<[string, string]> = [];
  private signature: string | undefined;

  constructor(
    private readonly mode: Mode,
    trailerHeader: string | undefined,
    allowUncheckedChecksum: boolean,
  ) {
    this.declared = parseDeclared(mode, trailerHeader);
    for (const name of this.declared) {
      if (!name.startsWith(CHECKSUM_TRAILER_PREFIX)) continue;
      const running = TRAILER_CHECKSUMS.get(name);
      if (running !== undefined) this.checksums.set(name, running());
      else if (!allowUncheckedChecksum) fail('UnsupportedChecksum', `The ${name} trailer cannot be checked here.`);
    }
  }

  update(data: Buffer): void {
    for (const running of this.checksums.values()) running.update(data);
  }

  add(line: string): void {
    if (this.signature !== undefined) fail('Malformed', 'The trailer signature must be the last trailer.');
    const colon = line.indexOf(':');
    const name = line.slice(0, colon).toLowerCase();
    if (colon <= 0 || !TRAILER_NAME.test(name)) fail('Malformed', 'Malformed trailer line.');
    const value = line.slice(colon + 1).trim();
    if (name === TRAILER_SIGNATURE_HEADER) {
      if (this.mode !== 'signed-trailer') fail('Malformed', 'A trailer signature in a body whose trailers are not signed.');
      if (!HEX_SIGNATURE.test(value)) fail('Malformed', 'The trailer signature must be 64 lower-case hex digits.');
      this.signature = value;
      return;
    }
    if (!this.declared.includes(name)) fail('Malformed', `Trailer ${name} was not declared in x-amz-trailer.`);
    if (this.received.some(([seen]) => seen === name)) fail('Malformed', `Trailer ${name} arrived twice.`);
    this.received.push([name, value]);
  }

  finish(signing: ChunkSigningContext | undefined, previousSignature: string): { trailers: Record<string, string>; verifiedChecksums: string[] } {
    if (this.received.length !== this.declared.length) fail('Malformed', 'A trailer declared in x-amz-trailer is missing.');
    if (this.mode === 'signed-trailer') this.checkSignature(signing as ChunkSigningContext, previousSignature);
    const trailers = Object.fromEntries(this.received);
    for (const [name, running] of this.checksums) {
      if (running.base64() !== trailers[name]) fail('ChecksumMismatch', `The ${name} trailer does not match the payload.`);
    }
    return { trailers, verifiedChecksums: [...this.checksums.keys()] };
  }

  private checkSignature(signing: ChunkSigningContext, previousSignature: string): void {
    if (this.signature === undefined) fail('Malformed', 'The signed trailers carry no x-amz-trailer-signature.');
    const expected = trailerSignatureBytes(signing, previousSignature, canonicalTrailers(this.received));
    if (!timingSafeEqual(expected, Buffer.from(this.signature, 'hex'))) fail('BadSignature', 'The trailer signature does not match.');
  }
}
