import assert from 'node:assert/strict';
import { createHmac } from 'node:crypto';
import {
  deriveSigningKey,
  hasSigV4,
  parseSigV4,
  signRequest,
  signingStrings,
  verifySigV4,
  type HttpRequestParts,
  type ParsedSigV4,
} from '../../src/sigv4/index.js';

const NOW = Date.UTC(2024, 4, 6, 7, 8, 9);
const CREDS = { accessKeyId: 'alice.s3', secretAccessKey: 'aliceSecret/Key+1' };
const OPTIONS = { now: NOW, service: 's3', region: 'us-east-1' };

function s3Get(headers: Record<string, string>): HttpRequestParts {
  const req = { method: 'GET', path: '/bucket/key', query: '', headers };
  return { ...req, headers: signRequest(req, CREDS, { region: 'us-east-1', service: 's3', now: NOW }).headers };
}

/** Signs with whatever parsed says, so requests our own signer cannot produce can be checked. */
function signAs(req: HttpRequestParts, parsed: Omit<ParsedSigV4, 'signature'>): string {
  const [first] = signingStrings(req, { ...parsed, signature: '' });
  const key = deriveSigningKey(CREDS.secretAccessKey, parsed.date, parsed.region, parsed.service);
  return createHmac('sha256', key).update(first?.stringToSign ?? '').digest('hex');
}

describe('sigv4: parsing', () => {
  const detection: Array<[string, HttpRequestParts, boolean]> = [
    ['nothing', { method: 'GET', path: '/', query: 'a=1', headers: { host: 'h' } }, false],
    ['an Authorization header in any case', { method: 'GET', path: '/', query: '', headers: { AUTHORIZATION: 'x' } }, true],
    ['X-Amz-Credential in the query', { method: 'GET', path: '/', query: 'X-Amz-Credential=x', headers: {} }, true],
    ['X-Amz-Signature in the query', { method: 'GET', path: '/', query: 'X-Amz-Signature=x', headers: {} }, true],
  ];
  for (const [name, req, want] of detection) {
    it(`hasSigV4 with ${name}: ${want}`, () => assert.equal(hasSigV4(req), want));
  }

  it('reads every field of the header form', () => {
    const parsed = parseSigV4(s3Get({ host: 's3.test' }));
    assert.deepEqual(
      { ...parsed, signature: parsed.signature.length },
      { form: 'header', accessKeyId: 'alice.s3', date: '20240506', region: 'us-east-1', service: 's3', signedHeaders: ['host', 'x-amz-content-sha256', 'x-amz-date'], signature: 64, requestTime: NOW },
    );
  });

  it('accepts an Authorization header without spaces after commas, and upper-case hex', () => {
    const req = s3Get({ host: 's3.test' });
    const compact = String(req.headers['authorization']).replace(/, /g, ',').replace(/Signature=(\w+)/, (_, sig: string) => `Signature=${sig.toUpperCase()}`);
    const changed = { ...req, headers: { ...req.headers, authorization: compact } };
    verifySigV4(changed, parseSigV4(changed), CREDS.secretAccessKey, OPTIONS);
  });

  it('accepts header names in any case and repeated values as an array or joined by commas', () => {
    const req = s3Get({ Host: 's3.test', 'X-Amz-Meta-Tags': 'a,b' });
    const asArray = { ...req, headers: { ...req.headers, 'X-Amz-Meta-Tags': ['a', ' b '] } };
    for (const variant of [req, asArray]) verifySigV4(variant, parseSigV4(variant), CREDS.secretAccessKey, OPTIONS);
  });

  it('takes the time from a signed Date header when there is no X-Amz-Date', () => {
    const req: HttpRequestParts = { method: 'GET', path: '/bucket/key', query: '', headers: { host: 's3.test', date: new Date(NOW).toUTCString(), 'x-amz-content-sha256': 'UNSIGNED-PAYLOAD' } };
    const scope = { form: 'header', accessKeyId: CREDS.accessKeyId, date: '20240506', region: 'us-east-1', service: 's3', signedHeaders: ['date', 'host', 'x-amz-content-sha256'], requestTime: NOW } as const;
    const signature = signAs(req, { ...scope, signedHeaders: [...scope.signedHeaders] });
    req.headers['authorization'] = `AWS4-HMAC-SHA256 Credential=${CREDS.accessKeyId}/20240506/us-east-1/s3/aws4_request, SignedHeaders=date;host;x-amz-content-sha256, Signature=${signature}`;
    const parsed = parseSigV4(req);
    assert.equal(parsed.requestTime, NOW);
    verifySigV4(req, parsed, CREDS.secretAccessKey, OPTIONS);
  });

  it('rejects a payload hash from the frontend that contradicts x-amz-content-sha256', () => {
    const req = s3Get({ host: 's3.test', 'x-amz-content-sha256': 'a'.repeat(64) });
    verifySigV4({ ...req, payloadHash: 'a'.repeat(64) }, parseSigV4(req), CREDS.secretAccessKey, OPTIONS);
    assert.throws(
      () => verifySigV4({ ...req, payloadHash: 'b'.repeat(64) }, parseSigV4(req), CREDS.secretAccessKey, OPTIONS),
      { code: 'SignatureDoesNotMatch' },
    );
  });
});
