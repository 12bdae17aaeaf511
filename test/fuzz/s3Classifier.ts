/**
 * The S3 request classifier, called directly (it has no HTTP endpoint yet): generated methods,
 * paths, queries and headers. It must never throw and must answer a named operation with its
 * checks, or `unknown-operation` with a reason.
 */
import { classifyS3Request, S3_OPERATIONS, type S3Classification, type S3RequestInput } from '../../src/s3/index.js';
import { abbreviate, type FuzzParser, type Outcome } from './parser.js';
import { alnum, huge, maybeMutate, mutate, nasty, unicode, type Rng } from './rng.js';

const OPTIONS = { baseDomains: ['s3.example.com'] };
const OPERATIONS = new Set(S3_OPERATIONS.map((row) => row.operation));
const SUBRESOURCES = [...new Set(S3_OPERATIONS.map((row) => row.subresource).filter((name) => name !== ''))];
const PARAMETERS = [...SUBRESOURCES, 'versionId', 'uploadId', 'partNumber', 'prefix', 'delimiter', 'max-keys', 'list-type', 'x-id',
  'X-Amz-Algorithm', 'X-Amz-Credential', 'response-content-type', 'continuation-token', 'select-type', 'unknown', '%zz', ''];
const HEADERS = ['host', 'authorization', 'content-type', 'x-amz-copy-source', 'x-amz-acl', 'x-amz-tagging', 'x-amz-grant-read',
  'x-amz-grant-full-control', 'x-amz-object-lock-mode', 'x-amz-object-lock-retain-until-date', 'x-amz-object-lock-legal-hold',
  'x-amz-bypass-governance-retention', 'x-amz-server-side-encryption', 'x-amz-server-side-encryption-aws-kms-key-id',
  'x-amz-metadata-directive', 'x-amz-object-ownership', 'x-amz-bucket-object-lock-enabled', 'x-amz-content-sha256', 'user-agent',
  'referer', 'x-amz-copy-source-range', 'x-amz-storage-class', 'x-amz-website-redirect-location', 'x-amz-checksum-algorithm'];
const METHODS = ['GET', 'GET', 'GET', 'HEAD', 'PUT', 'PUT', 'PUT', 'POST', 'DELETE', 'DELETE'];
const ODD_METHODS = ['OPTIONS', 'PATCH', 'get', '', 'CONNECT', 'GET '];
const HOSTS = ['s3.example.com', 'bucket.s3.example.com', 'BUCKET.s3.example.com', 'a.b.s3.example.com', '.s3.example.com', 's3.example.com:443',
  'bucket.s3.example.com.', 'xn--bcher-kva.s3.example.com', '127.0.0.1', ''];
const SEGMENTS = ['bucket', 'my.bucket', 'Bucket', 'b', 'bu', 'a'.repeat(64), '192.168.0.1', 'xn--x', 'key', 'a%2Fb', '%', '%zz', '..', '.',
  '', 'k%00', '%C0%AF', 'é', '%E2%82%AC', '?', '+', ' '];

function path(rng: Rng): string {
  if (rng.chance(0.1)) return rng.chance(0.5) ? nasty(rng) : unicode(rng, 30);
  const segments = Array.from({ length: rng.int(5) }, (_, i) => (rng.chance(0.6) ? (i === 0 ? 'bucket' : alnum(rng, 8, 1)) : rng.chance(0.85) ? rng.pick(SEGMENTS) : alnum(rng, 12)));
  let text = `/${segments.join('/')}`;
  if (rng.chance(0.03)) text += huge(rng).slice(0, rng.pick([1100, 5000]));
  return rng.chance(0.1) ? mutate(rng, text) : text;
}

function query(rng: Rng): string {
  if (rng.chance(0.35)) return '';
  const pairs = Array.from({ length: 1 + rng.int(3) }, () => {
    const key = maybeMutate(rng, rng.pick(PARAMETERS), 0.05, 0.05);
    return rng.chance(0.3) ? key : `${key}=${rng.chance(0.7) ? rng.pick(['', '1', '2', '10000', 'true', 'a%20b', '%', 'src/k']) : nasty(rng)}`;
  });
  return rng.chance(0.05) ? unicode(rng, 30) : pairs.join(rng.chance(0.05) ? '&&' : '&');
}

function headerValue(rng: Rng, name: string): string | string[] {
  const typical: Record<string, string[]> = {
    host: HOSTS,
    'x-amz-copy-source': ['src/k', '/src/k', 'src/k?versionId=1', 'src', '%zz', 'arn:aws:s3:us-east-1:1:accesspoint/ap/object/k'],
    'x-amz-tagging': ['a=b', 'a=b&a=c', '%', 'a', '=&='],
    'x-amz-object-lock-retain-until-date': ['2030-01-01T00:00:00Z', 'never'],
  };
  const value = rng.chance(0.7) ? rng.pick(typical[name] ?? ['', 'true', 'private', 'GOVERNANCE', 'ON', 'aws:kms', 'id=1']) : nasty(rng);
  return rng.chance(0.05) ? [value, nasty(rng)] : value;
}

function input(rng: Rng): S3RequestInput {
  const headers: Record<string, string | string[]> = {};
  for (let n = rng.int(6); n > 0; n--) {
    const name = rng.chance(0.9) ? rng.pick(HEADERS) : nasty(rng);
    headers[name] = headerValue(rng, name);
  }
  // Real requests name a Host: mostly the base domain or a bucket under it, so operations are reached.
  if (!('host' in headers) && rng.chance(0.9)) headers.host = rng.pick(['s3.example.com', 'bucket.s3.example.com']);
  return {
    method: rng.chance(0.9) ? rng.pick(METHODS) : rng.chance(0.7) ? rng.pick(ODD_METHODS) : nasty(rng),
    path: path(rng),
    query: query(rng),
    headers,
    ...(rng.chance(0.3) ? { sourceIp: rng.pick(['10.0.0.1', '::1', '', 'x', nasty(rng)]) } : {}),
    ...(rng.chance(0.3) ? { secureTransport: rng.chance(0.5) } : {}),
    ...(rng.chance(0.2) ? { signatureAgeMs: rng.pick([0, -1, 1e12, Number.NaN, 1.5]) } : {}),
  };
}

function problemsOf(result: S3Classification): string[] {
  if (result.kind === 'unknown-operation') return typeof result.reason === 'string' ? [] : ['unknown-operation without a reason'];
  if (result.kind !== 'operation') return [`kind ${String((result as { kind: unknown }).kind)}`];
  const problems: string[] = [];
  if (!OPERATIONS.has(result.operation)) problems.push(`operation ${result.operation} is not in the table`);
  if (result.authorizations.length === 0) problems.push('an operation without checks');
  for (const check of result.authorizations) {
    if (!/^s3:[A-Za-z]+$/.test(check.action)) problems.push(`check action ${check.action}`);
    if (check.resource !== '*' && !check.resource.startsWith('arn:aws:s3:::')) problems.push(`check resource ${check.resource}`);
  }
  return problems;
}

export const s3ClassifierParser: FuzzParser = {
  name: 's3-classifier',
  surface: 'classifyS3Request (src/s3), called directly: no HTTP endpoint yet',
  run(rng): Outcome {
    const request = input(rng);
    const started = performance.now();
    let result: S3Classification;
    try {
      result = classifyS3Request(request, OPTIONS);
    } catch (err) {
      return { status: 'threw', problems: [`threw ${String(err)}`], input: abbreviate(JSON.stringify(request)), output: '', ms: performance.now() - started };
    }
    const ms = performance.now() - started;
    const problems = problemsOf(result);
    if (ms > 100) problems.push(`took ${Math.round(ms)} ms`);
    const status = result.kind === 'operation' ? 'operation' : `unknown:${result.reason}`;
    return { status, problems, input: problems.length === 0 ? '' : abbreviate(JSON.stringify(request)), output: problems.length === 0 ? '' : abbreviate(JSON.stringify(result)), ms };
  },
};
