import assert from 'node:assert/strict';
import { Readable, Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { crc32 } from 'node:zlib';
import fc from 'fast-check';
import {
  AwsChunkedVerifier, awsChunkedOptionsFromHeaders, createAwsChunkedVerifyStream, createAwsChunkedVerifyTransformStream, isAwsChunkedError,
  type AwsChunkedErrorCode, type AwsChunkedResult, type AwsChunkedVerifierOptions, type ChunkSigningContext,
} from '../../src/client/index.js';
import { deriveSigningKey, encodeAwsChunked, signRequest, STREAMING_PAYLOAD } from '../../src/sigv4/index.js';

const SECRET = 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY';
const BASE = {
  signingKey: deriveSigningKey(SECRET, '20130524', 'us-east-1', 's3'),
  amzDate: '20130524T000000Z',
  scope: '20130524/us-east-1/s3/aws4_request',
};
/** AWS's two documented examples: 64 KiB + 1 KiB of 'a', signed, the second with a signed CRC32C trailer. */
const AWS_SIGNED: ChunkSigningContext = { ...BASE, seedSignature: '4f232c4386841ef735655705268965c44a0e4690baa4adea153f7db9fa80a0a9' };
const AWS_TRAILER: ChunkSigningContext = { ...BASE, seedSignature: '106e2a8a18243abcf37539882f36619c00e2dfc72633413f02d3b74544bfeb8e' };
const AWS_PAYLOAD = Buffer.alloc(66560, 'a');
const AWS_CHUNKS = [AWS_PAYLOAD.subarray(0, 65536), AWS_PAYLOAD.subarray(65536)];

/** Three distinct 20-byte chunks, so that reordering them changes the payload but not its length. */
const SMALL_CHUNKS = ['first chunk of data.', 'second chunk, data..', 'third and last one!!'].map((s) => Buffer.from(s));
const SMALL_PAYLOAD = Buffer.concat(SMALL_CHUNKS);

function crc32Base64(data: Buffer): string {
  const out = Buffer.alloc(4);
  out.writeUInt32BE(crc32(data));
  return out.toString('base64');
}

interface Fixture {
  body: Buffer;
  payload: Buffer;
  options: AwsChunkedVerifierOptions;
}

const FIXTURES: Record<string, () => Fixture> = {
  'AWS example, signed chunks': () => ({
    body: encodeAwsChunked(AWS_CHUNKS, { signing: AWS_SIGNED }),
    payload: AWS_PAYLOAD,
    options: { contentSha256: STREAMING_PAYLOAD.signed, decodedContentLength: '66560', signing: AWS_SIGNED },
  }),
  'AWS example, signed chunks and signed CRC32C trailer': () => ({
    body: encodeAwsChunked(AWS_CHUNKS, { signing: AWS_TRAILER, trailers: [['x-amz-checksum-crc32c', 'sOO8/Q==']] }),
    payload: AWS_PAYLOAD,
    options: { contentSha256: STREAMING_PAYLOAD.signedTrailer, decodedContentLength: 66560, trailer: 'x-amz-checksum-crc32c', signing: AWS_TRAILER },
  }),
  'own signer, three small signed chunks, CRC32 trailer': () => ({
    body: encodeAwsChunked(SMALL_CHUNKS, { signing: AWS_TRAILER, trailers: [['x-amz-checksum-crc32', crc32Base64(SMALL_PAYLOAD)]] }),
    payload: SMALL_PAYLOAD,
    options: { contentSha256: STREAMING_PAYLOAD.signedTrailer, decodedContentLength: 60, trailer: 'x-amz-checksum-crc32', signing: AWS_TRAILER },
  }),
  'unsigned chunks, CRC32 trailer': () => ({
    body: encodeAwsChunked(SMALL_CHUNKS, { trailers: [['x-amz-checksum-crc32', crc32Base64(SMALL_PAYLOAD)]] }),
    payload: SMALL_PAYLOAD,
    options: { contentSha256: STREAMING_PAYLOAD.unsignedTrailer, decodedContentLength: 60, trailer: 'x-amz-checksum-crc32' },
  }),
  'empty payload, signed': () => ({
    body: encodeAwsChunked([], { signing: AWS_SIGNED }),
    payload: Buffer.alloc(0),
    options: { contentSha256: STREAMING_PAYLOAD.signed, decodedContentLength: 0, signing: AWS_SIGNED },
  }),
};

/** Feeds `pieces` and returns the released payload, or the error code and what was released before it. */
function run(options: AwsChunkedVerifierOptions, pieces: Buffer[]): { payload: Buffer; result?: AwsChunkedResult; code?: AwsChunkedErrorCode } {
  const released: Buffer[] = [];
  try {
    const verifier = new AwsChunkedVerifier(options);
    for (const piece of pieces) released.push(...verifier.push(piece));
    return { payload: Buffer.concat(released), result: verifier.end() };
  } catch (err) {
    if (!isAwsChunkedError(err)) throw err;
    return { payload: Buffer.concat(released), code: err.code };
  }
}

function splitEvery(body: Buffer, size: number): Buffer[] {
  const pieces: Buffer[] = [];
  for (let i = 0; i < body.length; i += size) pieces.push(body.subarray(i, i + size));
  return pieces;
}

function replaceOnce(body: Buffer, from: string, to: string): Buffer {
  const at = body.indexOf(from, 0, 'latin1');
  assert.ok(at >= 0, `${JSON.stringify(from)} is in the body`);
  return Buffer.concat([body.subarray(0, at), Buffer.from(to, 'latin1'), body.subarray(at + from.length)]);
}

describe('client: aws-chunked verifier', () => {
  for (const [name, make] of Object.entries(FIXTURES)) {
    it(`${name}: releases the payload whole, whatever the piece size`, () => {
      const { body, payload, options } = make();
      for (const size of [1, 2, 7, 87, 4096, 16384, body.length]) {
        const outcome = run(options, splitEvery(body, size));
        assert.equal(outcome.code, undefined, `piece size ${size}`);
        assert.ok(outcome.payload.equals(payload), `piece size ${size}`);
        assert.equal(outcome.result?.decodedLength, payload.length);
      }
    });
  }

  it('reports the trailers and which checksums it computed', () => {
    const { body, options } = FIXTURES['AWS example, signed chunks and signed CRC32C trailer']!();
    const { result } = run(options, [body]);
    assert.deepEqual(result?.trailers, { 'x-amz-checksum-crc32c': 'sOO8/Q==' });
    assert.deepEqual(result?.verifiedChecksums, ['x-amz-checksum-crc32c']);
  });

  const signed = FIXTURES['AWS example, signed chunks']!;
  const smallSigned = FIXTURES['own signer, three small signed chunks, CRC32 trailer']!;
  const unsigned = FIXTURES['unsigned chunks, CRC32 trailer']!;
  const tamperings: Array<[string, () => Fixture, (f: Fixture) => { body?: Buffer; options?: Partial<AwsChunkedVerifierOptions> }, AwsChunkedErrorCode]> = [
    ['a flipped payload byte in the second chunk', signed, (f) => ({ body: flipByte(f.body, 65536 + 200) }), 'BadSignature'],
    ['a changed hex digit of a chunk signature', signed, (f) => ({ body: replaceOnce(f.body, ';chunk-signature=ad80', ';chunk-signature=ad81') }), 'BadSignature'],
    ['an upper-case chunk signature', signed, (f) => ({ body: replaceOnce(f.body, 'ad80c730a21e5b8d', 'AD80C730A21E5B8D') }), 'Malformed'],
    ['the final chunk signature of another chain', signed, (f) => ({ body: replaceOnce(f.body, 'b6c6ea8a', 'b6c6ea8b') }), 'BadSignature'],
    ['another signing key', signed, (f) => ({ options: { signing: { ...AWS_SIGNED, signingKey: deriveSigningKey('other', '20130524', 'us-east-1', 's3') } } }), 'BadSignature'],
    ['another seed', signed, (f) => ({ options: { signing: { ...AWS_SIGNED, seedSignature: AWS_TRAILER.seedSignature } } }), 'BadSignature'],
    ['the first two chunks swapped', smallSigned, (f) => ({ body: reorder(f.body, [1, 0, 2]) }), 'BadSignature'],
    ['the last two chunks swapped', smallSigned, (f) => ({ body: reorder(f.body, [0, 2, 1]) }), 'BadSignature'],
    ['a chunk dropped', smallSigned, (f) => ({ body: reorder(f.body, [0, 2]) }), 'BadSignature'],
    ['a chunk repeated', smallSigned, (f) => ({ body: reorder(f.body, [0, 0, 1, 2]) }), 'BadSignature'],
    ['a changed signed trailer', smallSigned, (f) => ({ body: replaceOnce(f.body, 'x-amz-checksum-crc32:', 'x-amz-checksum-crc32:A') }), 'BadSignature'],
    ['no trailer signature', smallSigned, (f) => ({ body: cutTrailerSignature(f.body) }), 'Malformed'],
    ['an undeclared trailer', smallSigned, (f) => ({ options: { trailer: 'x-amz-checksum-sha256' } }), 'Malformed'],
    ['a wrong unsigned checksum trailer', unsigned, (f) => ({ body: flipByte(f.body, 5) }), 'ChecksumMismatch'],
    ['a trailer signature on unsigned trailers', unsigned, (f) => ({ body: replaceOnce(f.body, '\r\n\r\n', `\r\nx-amz-trailer-signature:${'0'.repeat(64)}\r\n\r\n`) }), 'Malformed'],
    ['a chunk signature in unsigned mode', unsigned, (f) => ({ body: replaceOnce(f.body, '14\r\n', `14;chunk-signature=${'0'.repeat(64)}\r\n`) }), 'Malformed'],
    ['decoded length one short', signed, () => ({ options: { decodedContentLength: 66559 } }), 'LengthMismatch'],
    ['decoded length one long', signed, () => ({ options: { decodedContentLength: 66561 } }), 'LengthMismatch'],
    ['decoded length not a number', signed, () => ({ options: { decodedContentLength: '12a' } }), 'Malformed'],
    ['a chunk over the size limit', signed, () => ({ options: { maxChunkBytes: 65535 } }), 'TooLarge'],
    ['bytes after the end', signed, (f) => ({ body: Buffer.concat([f.body, Buffer.from('0\r\n')]) }), 'Malformed'],
    ['a bare LF after a chunk header', signed, (f) => ({ body: replaceOnce(f.body, '8648\r\n', '8648\n') }), 'Malformed'],
    ['no CRLF after chunk data', signed, (f) => ({ body: replaceOnce(f.body, 'aaaa\r\n400;', 'aaaa\r400;') }), 'Malformed'],
    ['an oversized header line', signed, (f) => ({ body: Buffer.concat([Buffer.from('0'.repeat(200)), f.body]) }), 'Malformed'],
    ['an unsupported checksum trailer declared', unsigned, () => ({ options: { trailer: 'x-amz-checksum-crc64nvme' } }), 'UnsupportedChecksum'],
  ];
  for (const [name, make, tamper, want] of tamperings) {
    it(`refuses ${name}: ${want}`, () => {
      const fixture = make();
      const change = tamper(fixture);
      const outcome = run({ ...fixture.options, ...change.options }, splitEvery(change.body ?? fixture.body, 1000));
      assert.equal(outcome.code, want);
      assert.ok(fixture.payload.subarray(0, outcome.payload.length).equals(outcome.payload) || want === 'ChecksumMismatch');
    });
  }

  it('never releases a chunk whose signature fails, only the chunks before it', () => {
    const { body, options } = signed();
    // Pieces of 1000 bytes: the first chunk completes in an earlier push than the second fails in.
    const outcome = run(options, splitEvery(flipByte(body, 65536 + 200), 1000));
    assert.equal(outcome.code, 'BadSignature');
    assert.equal(outcome.payload.length, 65536);
  });

  for (const [name, make] of Object.entries(FIXTURES)) {
    it(`${name}: every truncation is refused as Truncated`, () => {
      const { body, options } = make();
      const step = body.length > 1000 ? 97 : 1;
      const boundaries = [...body.toString('latin1').matchAll(/\r\n/g)].flatMap((m) => [m.index, m.index + 1, m.index + 2]);
      const cuts = new Set([0, ...boundaries, ...Array.from({ length: Math.ceil(body.length / step) }, (_, i) => i * step)]);
      for (const cut of cuts) {
        if (cut >= body.length) continue;
        assert.equal(run(options, [body.subarray(0, cut)]).code, 'Truncated', `cut at ${cut}`);
      }
    });
  }

  it('options from the request headers and the day-scoped key verify the AWS example', () => {
    const { headers } = signRequest(
      {
        method: 'PUT', path: '/examplebucket/chunkObject.txt', query: '',
        headers: {
          host: 's3.amazonaws.com', 'x-amz-storage-class': 'REDUCED_REDUNDANCY', 'x-amz-content-sha256': STREAMING_PAYLOAD.signed,
          'content-encoding': 'aws-chunked', 'x-amz-decoded-content-length': '66560', 'content-length': '66824',
        },
      },
      { accessKeyId: 'AKIAIOSFODNN7EXAMPLE', secretAccessKey: SECRET },
      { region: 'us-east-1', service: 's3', now: Date.UTC(2013, 4, 24) },
    );
    const lower = Object.fromEntries(Object.entries(headers).map(([name, value]) => [name.toLowerCase(), value]));
    const options = awsChunkedOptionsFromHeaders(lower, BASE.signingKey);
    assert.deepEqual(options.signing, AWS_SIGNED);
    const { body, payload } = signed();
    assert.ok(run(options, [body]).payload.equals(payload));
  });

  it('stays failed after an error', () => {
    const { body, options } = signed();
    const verifier = new AwsChunkedVerifier(options);
    assert.throws(() => verifier.push(flipByte(body, 200)), { code: 'BadSignature' });
    assert.throws(() => verifier.push(Buffer.from('x')), { code: 'BadSignature' });
    assert.throws(() => verifier.end(), { code: 'BadSignature' });
  });

  it('property: any split of a valid stream releases the same payload and trailers', () => {
    const fixture = smallSigned();
    const whole = run(fixture.options, [fixture.body]);
    fc.assert(
      fc.property(fc.uniqueArray(fc.integer({ min: 1, max: fixture.body.length - 1 }), { maxLength: 40 }), (points) => {
        const cuts = [0, ...points.sort((a, b) => a - b), fixture.body.length];
        const pieces = cuts.slice(1).map((end, i) => fixture.body.subarray(cuts[i], end));
        const outcome = run(fixture.options, pieces);
        return outcome.code === undefined && outcome.payload.equals(whole.payload) &&
          JSON.stringify(outcome.result) === JSON.stringify(whole.result);
      }),
      { numRuns: 300 },
    );
  });

  it('Node Transform: pipes the verified payload and exposes the result', async () => {
    const { body, payload, options } = FIXTURES['AWS example, signed chunks and signed CRC32C trailer']!();
    const stream = createAwsChunkedVerifyStream(options);
    const out: Buffer[] = [];
    await pipeline(Readable.from(splitEvery(body, 5000)), stream, new Writable({ write: (c, _e, cb) => { out.push(c); cb(); } }));
    assert.ok(Buffer.concat(out).equals(payload));
    assert.deepEqual(stream.result?.trailers, { 'x-amz-checksum-crc32c': 'sOO8/Q==' });
  });

  it('Node Transform: errors the pipeline with the typed error', async () => {
    const { body, options } = signed();
    await assert.rejects(
      pipeline(Readable.from([body.subarray(0, 500)]), createAwsChunkedVerifyStream(options), new Writable({ write: (_c, _e, cb) => cb() })),
      { code: 'Truncated' },
    );
  });

  it('web TransformStream: same payload, result before close', async () => {
    const { body, payload, options } = unsigned();
    let result: AwsChunkedResult | undefined;
    const readable = new Blob([body]).stream().pipeThrough(createAwsChunkedVerifyTransformStream(options, (r) => (result = r)));
    const got = Buffer.from(await new Response(readable).arrayBuffer());
    assert.ok(got.equals(payload));
    assert.deepEqual(result?.verifiedChecksums, ['x-amz-checksum-crc32']);
  });
});

function flipByte(body: Buffer, at: number): Buffer {
  const copy = Buffer.from(body);
  copy[at] = (copy[at] as number) ^ 0x01;
  return copy;
}

/** Re-assembles the data chunks of a body in another order, the final chunk and trailers kept last. */
function reorder(body: Buffer, order: number[]): Buffer {
  const text = body.toString('latin1');
  const chunks: string[] = [];
  let pos = 0;
  for (;;) {
    const lineEnd = text.indexOf('\r\n', pos);
    const size = Number.parseInt(text.slice(pos, lineEnd).split(';')[0] as string, 16);
    if (size === 0) break;
    const end = lineEnd + 2 + size + 2;
    chunks.push(text.slice(pos, end));
    pos = end;
  }
  return Buffer.from(order.map((i) => chunks[i]).join('') + text.slice(pos), 'latin1');
}

function cutTrailerSignature(body: Buffer): Buffer {
  return Buffer.from(body.toString('latin1').replace(/x-amz-trailer-signature:[0-9a-f]{64}\r\n/, ''), 'latin1');
}
