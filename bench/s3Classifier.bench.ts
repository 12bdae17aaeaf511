/**
 * S3 request classification throughput over a mix of common requests: reads and writes,
 * path-style and virtual-hosted, lists with a prefix, multipart, copy, versioned deletes,
 * presigned GETs and subresources. Run: `node --import tsx bench/s3Classifier.bench.ts`.
 * Prints classifications per CPU-second, its ratio to the 1M/s target, and the ratio to a
 * baseline measured in the same run: `new URLSearchParams(query)` walked once per request.
 */
import { classifyS3Request, type S3RequestInput } from '../src/s3/index.js';

const TARGET_PER_SECOND = 1_000_000;
const options = { baseDomains: ['s3.example.com'] };
const signed = { authorization: 'AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20240601/us-east-1/s3/aws4_request, SignedHeaders=host;x-amz-content-sha256;x-amz-date, Signature=abc', 'x-amz-content-sha256': 'UNSIGNED-PAYLOAD', 'user-agent': 'aws-sdk-js/3' };
const at = (host: string) => ({ ...signed, host });

const requests: S3RequestInput[] = [
  { method: 'GET', path: '/data/home/bob/photos/2024/IMG_0001.jpg', query: 'x-id=GetObject', headers: at('s3.example.com') },
  { method: 'GET', path: '/home/ann/report%20final.pdf', query: '', headers: at('data.s3.example.com') },
  { method: 'HEAD', path: '/data/home/bob/notes.txt', query: '', headers: at('s3.example.com') },
  { method: 'PUT', path: '/data/home/bob/upload.bin', query: 'x-id=PutObject', headers: { ...at('s3.example.com'), 'x-amz-server-side-encryption': 'AES256', 'x-amz-storage-class': 'STANDARD' } },
  { method: 'GET', path: '/data', query: 'list-type=2&prefix=home%2Fbob%2F&delimiter=%2F&max-keys=1000', headers: at('s3.example.com') },
  { method: 'PUT', path: '/big.iso', query: 'partNumber=7&uploadId=2~abcdefghijklmnopqrstuvwxyz&x-id=UploadPart', headers: at('media.s3.example.com') },
  { method: 'PUT', path: '/data/copy.txt', query: 'x-id=CopyObject', headers: { ...at('s3.example.com'), 'x-amz-copy-source': 'data%2Fhome%2Fbob%2Fnotes.txt', 'x-amz-tagging': 'team=blue' } },
  { method: 'DELETE', path: '/data/old.log', query: 'versionId=3HL4kqtJlcpXroDTDmJ%2BrmSpXd3dIbrHY&x-id=DeleteObject', headers: at('s3.example.com') },
  { method: 'GET', path: '/shared/a.txt', query: 'X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=AKIDEXAMPLE%2F20240601%2Fus-east-1%2Fs3%2Faws4_request&X-Amz-Date=20240601T120000Z&X-Amz-Expires=900&X-Amz-SignedHeaders=host&X-Amz-Signature=abc', headers: { host: 's3.example.com' } },
  { method: 'GET', path: '/data', query: 'tagging', headers: at('s3.example.com') },
];

const only = process.argv[2];

function measure(name: string, run: (request: S3RequestInput) => number): number {
  if (only !== undefined && !name.includes(only)) return 0;
  const iterations = 2_000_000;
  let sink = 0;
  for (let i = 0; i < 200_000; i++) sink += run(requests[i % requests.length] as S3RequestInput);
  // CPU time, not wall time: the figure should not depend on what else the machine runs.
  const start = process.cpuUsage();
  for (let i = 0; i < iterations; i++) sink += run(requests[i % requests.length] as S3RequestInput);
  const used = process.cpuUsage(start);
  const perSecond = iterations / ((used.user + used.system) / 1e6);
  const ratio = (perSecond / TARGET_PER_SECOND).toFixed(2);
  console.log(`${name.padEnd(40)} ${Math.round(perSecond).toLocaleString('en-US').padStart(12)} requests/CPU-s  x${ratio} of target${sink < 0 ? '!' : ''}`);
  return perSecond;
}

const baseline = measure('baseline: URLSearchParams walk', (request) => {
  let count = 0;
  for (const [key] of new URLSearchParams(request.query as string)) count += key.length;
  return count;
});
const classified = measure('classifyS3Request', (request) => {
  const result = classifyS3Request(request, options);
  return result.kind === 'operation' ? result.authorizations.length : 0;
});
if (baseline > 0 && classified > 0) console.log(`classifyS3Request / URLSearchParams baseline: x${(classified / baseline).toFixed(2)}`);
