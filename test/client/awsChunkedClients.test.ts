import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { Agent } from 'node:https';
import { dirname, join } from 'node:path';
import { Readable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { PutObjectCommand, S3Client, type ChecksumAlgorithm } from '@aws-sdk/client-s3';
import { AwsChunkedVerifier, awsChunkedOptionsFromHeaders, isAwsChunkedError, type AwsChunkedErrorCode } from '../../src/client/index.js';
import { verifySigV4, parseSigV4, type HttpRequestParts } from '../../src/sigv4/index.js';
import { patternPayload, startCaptureServer, type CaptureServer, type CapturedRequest } from '../clients/chunkedCapture.js';

const ACCESS_KEY = 'AKIDCHUNKEDEXAMPLE';
const SECRET = 'chunked/upload/test/secret/key/EXAMPLEKEY';
const BOTOCORE_SCRIPT = join(dirname(fileURLToPath(import.meta.url)), '..', 'clients', 'botocore_chunked_put.py');

interface Upload {
  key: string;
  size: number;
  checksum?: ChecksumAlgorithm;
}

/** What a frontend does with a captured request: check the seed signature, then stream the body through the verifier. */
function verifyCaptured(request: CapturedRequest, pieceSize = 16384): { payload: Buffer; trailers: Record<string, string>; checked: string[] } {
  const [path = '', query = ''] = request.url.split('?');
  const parts: HttpRequestParts = { method: request.method, path, query, headers: request.headers, payloadHash: String(request.headers['x-amz-content-sha256']) };
  verifySigV4(parts, parseSigV4(parts), SECRET, { now: Date.now(), service: 's3', region: 'us-east-1' });
  const verifier = new AwsChunkedVerifier(awsChunkedOptionsFromHeaders(request.headers));
  const out: Buffer[] = [];
  for (let i = 0; i < request.body.length; i += pieceSize) out.push(...verifier.push(request.body.subarray(i, i + pieceSize)));
  const result = verifier.end();
  return { payload: Buffer.concat(out), trailers: result.trailers, checked: result.verifiedChecksums };
}

function refusal(request: CapturedRequest, body: Buffer, maxChunkBytes?: number): AwsChunkedErrorCode | undefined {
  try {
    const verifier = new AwsChunkedVerifier(awsChunkedOptionsFromHeaders(request.headers, undefined, maxChunkBytes === undefined ? {} : { maxChunkBytes }));
    verifier.push(body);
    verifier.end();
    return undefined;
  } catch (err) {
    if (isAwsChunkedError(err)) return err.code;
    throw err;
  }
}

function byKey(capture: CaptureServer, key: string): CapturedRequest {
  const found = capture.requests.find((request) => request.url.split('?')[0]?.endsWith(`/${key}`));
  assert.ok(found, `a request for ${key} was captured`);
  return found;
}

/** The checks every captured aws-chunked upload goes through: intact, then tampered, truncated, mis-sized. */
function checkUpload(capture: CaptureServer, upload: Upload): void {
  const request = byKey(capture, upload.key);
  assert.equal(request.headers['content-encoding'], 'aws-chunked');
  assert.equal(request.headers['x-amz-content-sha256'], 'STREAMING-UNSIGNED-PAYLOAD-TRAILER');
  const trailerName = `x-amz-checksum-${(upload.checksum ?? 'CRC32').toLowerCase()}`;
  assert.equal(request.headers['x-amz-trailer'], trailerName);
  const got = verifyCaptured(request);
  assert.ok(got.payload.equals(patternPayload(upload.size)));
  assert.deepEqual(got.checked, [trailerName]);
  for (const pieceSize of [1, 13, 70001]) assert.ok(verifyCaptured(request, pieceSize).payload.equals(got.payload));

  const dataStart = request.body.indexOf('\r\n') + 2;
  const flipped = Buffer.from(request.body);
  flipped[dataStart] = (flipped[dataStart] as number) ^ 0x20;
  assert.equal(refusal(request, flipped), 'ChecksumMismatch');
  for (const cut of [1, dataStart - 1, dataStart + 1, request.body.length - 3, request.body.length - 1]) {
    assert.equal(refusal(request, request.body.subarray(0, cut)), 'Truncated', `cut at ${cut}`);
  }
  const lying = { ...request, headers: { ...request.headers, 'x-amz-decoded-content-length': String(upload.size + 1) } };
  assert.equal(refusal(lying, request.body), 'LengthMismatch');
  if (upload.size > 1) assert.equal(refusal(request, request.body, Math.min(upload.size, 1000) - 1), 'TooLarge');
}

describe('client: aws-chunked bodies sent by real clients', function () {
  this.timeout(60_000);
  let capture: CaptureServer;
  before(async () => {
    capture = await startCaptureServer();
  });
  after(async () => {
    await capture?.close();
  });

  describe('@aws-sdk/client-s3 PutObject with a stream body', () => {
    const uploads: Upload[] = [
      { key: 'js-crc32-default', size: 70_010 },
      { key: 'js-crc32c', size: 200_003, checksum: 'CRC32C' },
      { key: 'js-sha256', size: 5, checksum: 'SHA256' },
      { key: 'js-sha1', size: 65_536, checksum: 'SHA1' },
    ];
    before(async () => {
      const saved = process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED;
      process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';
      const s3 = new S3Client({
        endpoint: capture.httpUrl, region: 'us-east-1', forcePathStyle: true,
        credentials: { accessKeyId: ACCESS_KEY, secretAccessKey: SECRET },
        requestHandler: { httpsAgent: new Agent({ rejectUnauthorized: false }) },
      });
      try {
        for (const upload of uploads) {
          const payload = patternPayload(upload.size);
          // Uneven pieces, so the SDK writes chunks of several sizes.
          const pieces = [payload.subarray(0, 1000), payload.subarray(1000, 66_000), payload.subarray(66_000)].filter((p) => p.length > 0);
          await s3.send(new PutObjectCommand({
            Bucket: 'bucket', Key: upload.key, Body: Readable.from(pieces), ContentLength: upload.size,
            ...(upload.checksum === undefined ? {} : { ChecksumAlgorithm: upload.checksum }),
          }));
        }
      } finally {
        s3.destroy();
        if (saved === undefined) delete process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED;
        else process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = saved;
      }
    });
    for (const upload of uploads) it(`${upload.key}: verified, and refused once tampered or truncated`, () => checkUpload(capture, upload));
  });

  describe('boto3/botocore PutObject over HTTPS', () => {
    const uploads: Array<Upload & { how: 'put' | 'upload' }> = [
      { key: 'py-crc32-default', size: 70_000, how: 'put' },
      { key: 'py-sha256', size: 1, how: 'put', checksum: 'SHA256' },
      { key: 'py-sha1', size: 300_007, how: 'put', checksum: 'SHA1' },
      { key: 'py-upload-fileobj', size: 100, how: 'upload' },
    ];
    before(async () => {
      if (capture.httpsUrl === undefined) throw new Error('botocore streams aws-chunked bodies only over HTTPS, which needs the openssl command');
      const env = Object.fromEntries(Object.entries(process.env).filter(([name]) => !name.startsWith('AWS_')));
      const plan = uploads.map(({ key, size, how, checksum }) => ({ key, size, how, checksum: checksum ?? null }));
      // Asynchronously: the capture server answers from this very process.
      const child = promisify(execFile)('python3', [BOTOCORE_SCRIPT, capture.httpsUrl, ACCESS_KEY, SECRET, JSON.stringify(plan)], { env });
      await child;
    });
    for (const upload of uploads) it(`${upload.key}: verified, and refused once tampered or truncated`, () => checkUpload(capture, upload));
  });
});
