/**
 * aws-chunked verification throughput: a 64 MiB payload in 64 KiB signed chunks (and the same
 * with a signed CRC32 trailer, and unsigned with a CRC32 trailer), fed to AwsChunkedVerifier in
 * 16 KiB pieces as a socket would deliver them. Prints MB/s of payload and the ratio to plain
 * `crypto.createHash('sha256')` over the same bytes in the same run: SHA-256 of every chunk is
 * the floor of signed verification. Target: >= 500 MB/s. Run: `node --import tsx bench/awsChunked.bench.ts`.
 */
import { createHash } from 'node:crypto';
import { crc32 } from 'node:zlib';
import { AwsChunkedVerifier, type AwsChunkedVerifierOptions } from '../src/client/index.js';
import { deriveSigningKey, encodeAwsChunked, STREAMING_PAYLOAD } from '../src/sigv4/index.js';

const TARGET_MB_PER_S = 500;
const PAYLOAD_BYTES = 64 * 1024 * 1024;
const CHUNK_BYTES = 64 * 1024;
const PIECE_BYTES = 16 * 1024;
const ROUNDS = 5;

const payload = Buffer.allocUnsafe(PAYLOAD_BYTES);
for (let i = 0; i < PAYLOAD_BYTES; i += 4) payload.writeUInt32LE((i * 2654435761) >>> 0, i);
const chunks: Buffer[] = [];
for (let i = 0; i < PAYLOAD_BYTES; i += CHUNK_BYTES) chunks.push(payload.subarray(i, i + CHUNK_BYTES));
const signing = {
  signingKey: deriveSigningKey('bench-secret', '20240601', 'us-east-1', 's3'),
  amzDate: '20240601T120000Z',
  scope: '20240601/us-east-1/s3/aws4_request',
  seedSignature: 'f'.repeat(64),
};
const crc = Buffer.alloc(4);
crc.writeUInt32BE(crc32(payload));
const crcTrailer: Array<[string, string]> = [['x-amz-checksum-crc32', crc.toString('base64')]];

const scenarios: Array<[string, Buffer, AwsChunkedVerifierOptions]> = [
  ['signed chunks', encodeAwsChunked(chunks, { signing }),
    { contentSha256: STREAMING_PAYLOAD.signed, decodedContentLength: PAYLOAD_BYTES, signing }],
  ['signed chunks + signed CRC32 trailer', encodeAwsChunked(chunks, { signing, trailers: crcTrailer }),
    { contentSha256: STREAMING_PAYLOAD.signedTrailer, decodedContentLength: PAYLOAD_BYTES, signing, trailer: 'x-amz-checksum-crc32' }],
  ['unsigned chunks + CRC32 trailer', encodeAwsChunked(chunks, { trailers: crcTrailer }),
    { contentSha256: STREAMING_PAYLOAD.unsignedTrailer, decodedContentLength: PAYLOAD_BYTES, trailer: 'x-amz-checksum-crc32' }],
];

function pieces(body: Buffer): Buffer[] {
  const out: Buffer[] = [];
  for (let i = 0; i < body.length; i += PIECE_BYTES) out.push(body.subarray(i, i + PIECE_BYTES));
  return out;
}

/** Best of ROUNDS, in MB/s of payload (MB = 10^6 bytes). */
function bestMBps(run: () => void): number {
  let best = Infinity;
  for (let round = 0; round < ROUNDS; round++) {
    const start = process.hrtime.bigint();
    run();
    best = Math.min(best, Number(process.hrtime.bigint() - start) / 1e9);
  }
  return PAYLOAD_BYTES / 1e6 / best;
}

const sha256 = bestMBps(() => {
  for (const chunk of chunks) createHash('sha256').update(chunk).digest();
});
console.log(`baseline: sha256 of each 64 KiB chunk          ${sha256.toFixed(0).padStart(6)} MB/s`);
for (const [name, body, options] of scenarios) {
  const fed = pieces(body);
  let released = 0;
  const mbps = bestMBps(() => {
    const verifier = new AwsChunkedVerifier(options);
    released = 0;
    for (const piece of fed) for (const data of verifier.push(piece)) released += data.length;
    verifier.end();
  });
  if (released !== PAYLOAD_BYTES) throw new Error(`${name}: released ${released} bytes`);
  console.log(`${name.padEnd(44)} ${mbps.toFixed(0).padStart(6)} MB/s  x${(mbps / sha256).toFixed(2)} of sha256  x${(mbps / TARGET_MB_PER_S).toFixed(2)} of the ${TARGET_MB_PER_S} MB/s target`);
}
