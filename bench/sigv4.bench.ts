/**
 * SigV4 hot path: what the sidecar pays per S3 request and the STS router per call.
 * Run: npx tsx bench/sigv4.bench.ts   (prints ops/s and ratios against the uncached verify)
 */
import { pathToFileURL } from 'node:url';
import { SigningKeyCache, parseSigV4, signRequest, verifySigV4, type HttpRequestParts } from '../src/sigv4/index.js';

const NOW = Date.UTC(2024, 4, 6, 7, 8, 9);
const CREDS = { accessKeyId: 'alice.s3', secretAccessKey: 'aliceSecret/Key+1', sessionToken: 'x'.repeat(600) };

function s3Request(presign: boolean): HttpRequestParts {
  const req = {
    method: 'GET',
    path: '/bucket/photos%202024/%C3%A9t%C3%A9/img.jpg',
    query: 'versionId=3&response-content-type=image%2Fjpeg',
    headers: { host: 's3.example.test', 'x-amz-content-sha256': 'UNSIGNED-PAYLOAD', 'user-agent': 'bench' },
  };
  const signed = signRequest(req, CREDS, { region: 'us-east-1', service: 's3', now: NOW, ...(presign ? { presign: { expiresSeconds: 900 } } : {}) });
  return { ...req, headers: signed.headers, query: signed.query, payloadHash: 'UNSIGNED-PAYLOAD' };
}

export interface BenchRow {
  name: string;
  opsPerSecond: number;
}

function measure(name: string, fn: () => void, minMs = 400): BenchRow {
  for (let i = 0; i < 2000; i++) fn();
  let ops = 0;
  const start = process.hrtime.bigint();
  let elapsedMs = 0;
  while (elapsedMs < minMs) {
    for (let i = 0; i < 500; i++) fn();
    ops += 500;
    elapsedMs = Number(process.hrtime.bigint() - start) / 1e6;
  }
  return { name, opsPerSecond: (ops * 1000) / elapsedMs };
}

export function runSigV4Bench(): BenchRow[] {
  const header = s3Request(false);
  const presigned = s3Request(true);
  const cache = new SigningKeyCache(1024);
  const options = { now: NOW, service: 's3', region: 'us-east-1' };
  return [
    measure('verify header, no key cache', () => verifySigV4(header, parseSigV4(header), CREDS.secretAccessKey, options)),
    measure('verify header, key cache', () => verifySigV4(header, parseSigV4(header), CREDS.secretAccessKey, { ...options, signingKeyCache: cache })),
    measure('verify presigned, key cache', () => verifySigV4(presigned, parseSigV4(presigned), CREDS.secretAccessKey, { ...options, signingKeyCache: cache })),
    measure('parse only', () => parseSigV4(header)),
    measure('sign header', () => signRequest(header, CREDS, { region: 'us-east-1', service: 's3', now: NOW, signingKeyCache: cache })),
  ];
}

function print(rows: BenchRow[]): void {
  const base = rows[0]?.opsPerSecond ?? 1;
  for (const row of rows) {
    console.log(`${row.name.padEnd(32)} ${Math.round(row.opsPerSecond).toString().padStart(9)} ops/s  x${(row.opsPerSecond / base).toFixed(2)}`);
  }
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) print(runSigV4Bench());
