import assert from 'node:assert/strict';
import {
  SigV4Error,
  formatAmzDate,
  parseSigV4,
  signRequest,
  verifySigV4,
  type HttpRequestParts,
  type VerifyOptions,
} from '../../src/sigv4/index.js';

const NOW = Date.UTC(2024, 4, 6, 7, 8, 9);
const MINUTE = 60_000;
const CREDS = { accessKeyId: 'alice.s3', secretAccessKey: 'aliceSecret/Key+1', sessionToken: 'session-token-value-0123456789' };
const BASE_OPTIONS: VerifyOptions = { now: NOW, service: 'sts', region: 'us-east-1' };
const BODY = 'Action=GetCallerIdentity&Version=2011-06-15';

function stsRequest(at = NOW): HttpRequestParts {
  const req = { method: 'POST', path: '/', query: '', headers: { host: 'sts.test', 'content-type': 'application/x-www-form-urlencoded' }, body: Buffer.from(BODY) };
  const signed = signRequest(req, CREDS, { region: 'us-east-1', service: 'sts', now: at });
  return { ...req, headers: signed.headers };
}

function presigned(expiresSeconds = 900, at = NOW): HttpRequestParts {
  const req = { method: 'GET', path: '/', query: 'Action=GetCallerIdentity&Version=2011-06-15', headers: { host: 'sts.test' } };
  const signed = signRequest(req, CREDS, { region: 'us-east-1', service: 'sts', now: at, presign: { expiresSeconds } });
  return { ...req, headers: signed.headers, query: signed.query };
}

function withHeader(req: HttpRequestParts, name: string, value: string | undefined): HttpRequestParts {
  return { ...req, headers: { ...req.headers, [name]: value } };
}

function authorization(req: HttpRequestParts): string {
  return String(req.headers['authorization']);
}

function editAuth(req: HttpRequestParts, edit: (value: string) => string): HttpRequestParts {
  return withHeader(req, 'authorization', edit(authorization(req)));
}

function editQuery(req: HttpRequestParts, edit: (query: string) => string): HttpRequestParts {
  return { ...req, query: edit(req.query) };
}

function attempt(req: HttpRequestParts, options: Partial<VerifyOptions> = {}): string {
  try {
    verifySigV4(req, parseSigV4(req), CREDS.secretAccessKey, { ...BASE_OPTIONS, ...options });
    return 'ok';
  } catch (err) {
    if (!(err instanceof SigV4Error)) throw err;
    for (const secret of [CREDS.secretAccessKey, CREDS.sessionToken]) assert.ok(!err.message.includes(secret), `message leaks: ${err.message}`);
    assert.ok(!/[0-9a-f]{64}/.test(err.message), `message leaks a signature: ${err.message}`);
    return err.code;
  }
}

type Case = [name: string, request: () => HttpRequestParts, options: Partial<VerifyOptions>, want: string];

const cases: Case[] = [
  ['a correctly signed request', () => stsRequest(), {}, 'ok'],
  ['a correctly presigned request', () => presigned(), {}, 'ok'],
  ['no authentication at all', () => ({ method: 'GET', path: '/', query: 'Action=GetCallerIdentity', headers: { host: 'sts.test' } }), {}, 'MissingAuthenticationToken'],
  ['both an Authorization header and a presigned query', () => ({ ...presigned(), headers: stsRequest().headers }), {}, 'InvalidParameterValue'],
  ['a SigV2 Authorization header', () => withHeader(stsRequest(), 'authorization', 'AWS alice.s3:c2lnbmF0dXJl'), {}, 'IncompleteSignature'],
  ['another algorithm', () => editAuth(stsRequest(), (v) => v.replace('AWS4-HMAC-SHA256', 'AWS4-HMAC-SHA512')), {}, 'IncompleteSignature'],
  ['an empty Authorization header', () => withHeader(stsRequest(), 'authorization', ''), {}, 'IncompleteSignature'],
  ['no Credential', () => editAuth(stsRequest(), (v) => v.replace(/Credential=[^,]*, /, '')), {}, 'IncompleteSignature'],
  ['no SignedHeaders', () => editAuth(stsRequest(), (v) => v.replace(/SignedHeaders=[^,]*, /, '')), {}, 'IncompleteSignature'],
  ['no Signature', () => editAuth(stsRequest(), (v) => v.replace(/, Signature=.*/, '')), {}, 'IncompleteSignature'],
  ['a repeated Signature', () => editAuth(stsRequest(), (v) => `${v}, Signature=${'0'.repeat(64)}`), {}, 'IncompleteSignature'],
  ['a field without =', () => editAuth(stsRequest(), (v) => `${v}, garbage`), {}, 'IncompleteSignature'],
  ['a signature that is not 64 hex digits', () => editAuth(stsRequest(), (v) => v.replace(/Signature=(\w+)/, 'Signature=$1ff')), {}, 'IncompleteSignature'],
  ['a scope with four parts', () => editAuth(stsRequest(), (v) => v.replace('/us-east-1/', '/')), {}, 'IncompleteSignature'],
  ['a scope not ending in aws4_request', () => editAuth(stsRequest(), (v) => v.replace('aws4_request', 'aws5_request')), {}, 'IncompleteSignature'],
  ['a scope date that is not YYYYMMDD', () => editAuth(stsRequest(), (v) => v.replace('/20240506/', '/2024-05-06/')), {}, 'IncompleteSignature'],
  ['no access key', () => editAuth(stsRequest(), (v) => v.replace('Credential=alice.s3/', 'Credential=/')), {}, 'IncompleteSignature'],
  ['host not signed', () => editAuth(stsRequest(), (v) => v.replace('host;', '')), {}, 'IncompleteSignature'],
  ['x-amz-date not signed', () => editAuth(stsRequest(), (v) => v.replace(';x-amz-date', '')), {}, 'IncompleteSignature'],
  ['neither X-Amz-Date nor Date', () => withHeader(stsRequest(), 'x-amz-date', undefined), {}, 'IncompleteSignature'],
  ['a malformed X-Amz-Date', () => withHeader(stsRequest(), 'x-amz-date', '2024-05-06T07:08:09Z'), {}, 'IncompleteSignature'],
  ['an impossible X-Amz-Date', () => withHeader(stsRequest(), 'x-amz-date', '20240231T070809Z'), {}, 'IncompleteSignature'],
  ['presigned without X-Amz-Expires', () => editQuery(presigned(), (q) => q.replace(/&X-Amz-Expires=\d+/, '')), {}, 'IncompleteSignature'],
  ['presigned without X-Amz-SignedHeaders', () => editQuery(presigned(), (q) => q.replace(/&X-Amz-SignedHeaders=[^&]*/, '')), {}, 'IncompleteSignature'],
  ['presigned with another algorithm', () => editQuery(presigned(), (q) => q.replace('AWS4-HMAC-SHA256', 'AWS4-ECDSA-P256-SHA256')), {}, 'IncompleteSignature'],
  ['presigned with a repeated X-Amz-Signature', () => editQuery(presigned(), (q) => `${q}&X-Amz-Signature=${'0'.repeat(64)}`), {}, 'IncompleteSignature'],
  ['presigned X-Amz-Expires not a number', () => editQuery(presigned(), (q) => q.replace(/X-Amz-Expires=\d+/, 'X-Amz-Expires=-5')), {}, 'InvalidParameterValue'],
  ['the wrong service', () => stsRequest(), { service: 's3' }, 'SignatureDoesNotMatch'],
  ['the wrong region', () => stsRequest(), { region: 'eu-west-1' }, 'SignatureDoesNotMatch'],
  ["any region with '*'", () => stsRequest(), { region: '*' }, 'ok'],
  ['a scope date other than the X-Amz-Date day', () => withHeader(stsRequest(NOW), 'x-amz-date', formatAmzDate(NOW + 24 * 60 * MINUTE)), { now: NOW + 24 * 60 * MINUTE }, 'SignatureDoesNotMatch'],
  ['a request 14 minutes old', () => stsRequest(NOW - 14 * MINUTE), {}, 'ok'],
  ['a request 16 minutes old', () => stsRequest(NOW - 16 * MINUTE), {}, 'RequestExpired'],
  ['a request 14 minutes ahead', () => stsRequest(NOW + 14 * MINUTE), {}, 'ok'],
  ['a request 16 minutes ahead', () => stsRequest(NOW + 16 * MINUTE), {}, 'RequestExpired'],
  ['a request 16 minutes old with maxSkewMs of 20 minutes', () => stsRequest(NOW - 16 * MINUTE), { maxSkewMs: 20 * MINUTE }, 'ok'],
  ['a presigned request used in its last second', () => presigned(900, NOW - 900_000), {}, 'ok'],
  ['a presigned request used after it expired', () => presigned(900, NOW - 900_001), {}, 'RequestExpired'],
  ['a presigned request valid for a week, used after 6 days', () => presigned(604_800, NOW - 6 * 24 * 60 * MINUTE), {}, 'ok'],
  ['a presigned request dated 16 minutes ahead', () => presigned(900, NOW + 16 * MINUTE), {}, 'RequestExpired'],
  ['X-Amz-Expires over a week', () => editQuery(presigned(604_800), (q) => q.replace('X-Amz-Expires=604800', 'X-Amz-Expires=604801')), {}, 'RequestExpired'],
  ['a body that is not what x-amz-content-sha256 states', () => ({ ...withHeader(stsRequest(), 'x-amz-content-sha256', 'a'.repeat(64)) }), {}, 'SignatureDoesNotMatch'],
  ['the wrong body', () => ({ ...stsRequest(), body: Buffer.from(`${BODY}&x=1`) }), {}, 'SignatureDoesNotMatch'],
];

describe('sigv4: error codes', () => {
  for (const [name, request, options, want] of cases) {
    it(`${want === 'ok' ? 'accepts' : `answers ${want} to`} ${name}`, () => {
      assert.equal(attempt(request(), options), want);
    });
  }

  it('parses the session token from the header and from the presigned query', () => {
    assert.equal(parseSigV4(stsRequest()).securityToken, CREDS.sessionToken);
    assert.equal(parseSigV4(presigned()).securityToken, CREDS.sessionToken);
    assert.equal(parseSigV4(presigned()).expiresSeconds, 900);
  });

  it('SigV4Error is an AppError with the status of its code', () => {
    const err = new SigV4Error('SignatureDoesNotMatch', 'x');
    assert.equal(err.status, 403);
    assert.equal(new SigV4Error('IncompleteSignature', 'x').status, 400);
  });
});
