/** Real S3 signers (botocore, @aws-sdk/client-s3, @smithy/signature-v4) producing what a frontend receives. */
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { GetObjectCommand, ListObjectsV2Command, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import type { HttpRequest } from '@smithy/protocol-http';
import type { SignedRequest } from '../../../src/sidecar/index.js';
import type { SigningCredentials } from '../../../src/sigv4/index.js';
import { receivedParts, s3Path, smithySign } from '../../sigv4/smithy.js';

export const S3_HOST = 's3.example.test:9000';
export const UNICODE_KEY = 'photos/été 2024/a+b.jpg';

export interface SignedCase {
  readonly name: string;
  readonly request: SignedRequest;
  /** Presigned URL lifetime, when presigned. */
  readonly expiresSeconds?: number;
}

interface BotocoreOutput {
  name: string;
  method: string;
  path: string;
  query: string;
  headers: Record<string, string>;
  body: string;
}

const BOTOCORE_SCRIPT = new URL('../botocoreS3.py', import.meta.url);

function sha256Hex(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

/** botocore's S3SigV4Auth / S3SigV4QueryAuth, run in python3 at the current time. */
export function botocoreCases(creds: SigningCredentials, region: string): SignedCase[] {
  let output: string;
  try {
    output = execFileSync('python3', [BOTOCORE_SCRIPT.pathname], {
      input: JSON.stringify({ region, host: S3_HOST, accessKey: creds.accessKeyId, secretKey: creds.secretAccessKey, sessionToken: creds.sessionToken }),
      encoding: 'utf8',
      stdio: ['pipe', 'pipe', 'pipe'],
    });
  } catch (err) {
    throw new Error(`these tests need python3 with botocore (pip install botocore): ${err instanceof Error ? err.message : String(err)}`);
  }
  return (JSON.parse(output) as BotocoreOutput[]).map((c) => ({
    name: `botocore ${c.name}`,
    request: {
      method: c.method,
      path: c.path,
      query: c.query,
      headers: c.headers,
      ...(c.body === '' ? {} : { payloadHash: sha256Hex(c.body) }),
    },
    ...(/X-Amz-Expires=(\d+)/.exec(c.query) ? { expiresSeconds: Number(/X-Amz-Expires=(\d+)/.exec(c.query)?.[1]) } : {}),
  }));
}

/** The request @aws-sdk/client-s3 would put on the wire, captured by a request handler that never sends. */
async function captureS3(creds: SigningCredentials, region: string, command: GetObjectCommand | PutObjectCommand | ListObjectsV2Command): Promise<HttpRequest> {
  let captured: HttpRequest | undefined;
  const client = new S3Client({
    region,
    endpoint: `http://${S3_HOST}`,
    forcePathStyle: true,
    maxAttempts: 1,
    credentials: {
      accessKeyId: creds.accessKeyId,
      secretAccessKey: creds.secretAccessKey,
      ...(creds.sessionToken === undefined ? {} : { sessionToken: creds.sessionToken }),
    },
    requestHandler: {
      handle: async (request: HttpRequest) => {
        captured = request;
        throw new Error('captured, not sent');
      },
    },
  });
  const failure = await client.send(command as never).then(() => undefined, (err: unknown) => err);
  client.destroy();
  if (captured === undefined) throw new Error(`@aws-sdk/client-s3 sent nothing: ${String(failure)}`);
  return captured;
}

function asSignedRequest(request: HttpRequest, body?: string): SignedRequest {
  const parts = receivedParts(request);
  return {
    method: parts.method,
    path: parts.path,
    query: parts.query,
    headers: parts.headers as Record<string, string>,
    ...(body === undefined ? {} : { payloadHash: sha256Hex(body) }),
  };
}

/** @aws-sdk/client-s3 commands, and an S3 presign with @smithy/signature-v4 as the SDK presigner does it. */
export async function smithyCases(creds: SigningCredentials, region: string, now: number): Promise<SignedCase[]> {
  const get = await captureS3(creds, region, new GetObjectCommand({ Bucket: 'bucket', Key: UNICODE_KEY }));
  const body = 'hello from the JS SDK\n';
  const put = await captureS3(creds, region, new PutObjectCommand({ Bucket: 'bucket', Key: 'notes/a b+c.txt', Body: body }));
  const list = await captureS3(creds, region, new ListObjectsV2Command({ Bucket: 'bucket', Prefix: 'photos/été 2024/', Delimiter: '/' }));
  const presigned = await smithySign(
    { method: 'GET', path: s3Path('bucket', UNICODE_KEY), headers: { host: S3_HOST, 'x-amz-content-sha256': 'UNSIGNED-PAYLOAD' } },
    { service: 's3', region, creds: { accessKeyId: creds.accessKeyId, secretAccessKey: creds.secretAccessKey, ...(creds.sessionToken === undefined ? {} : { sessionToken: creds.sessionToken }) }, now, presignExpires: 300, uriEscapePath: false, applyChecksum: false },
  );
  return [
    { name: '@aws-sdk/client-s3 GetObject, key with spaces and unicode', request: asSignedRequest(get) },
    { name: '@aws-sdk/client-s3 PutObject with a body', request: asSignedRequest(put, body) },
    { name: '@aws-sdk/client-s3 ListObjectsV2 with an encoded prefix', request: asSignedRequest(list) },
    { name: '@smithy/signature-v4 presigned GET', request: asSignedRequest(presigned), expiresSeconds: 300 },
  ];
}
