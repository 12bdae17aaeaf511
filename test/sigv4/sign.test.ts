import assert from 'node:assert/strict';
import { SigV4Error, signRequest, type HttpRequestParts, type SignableRequest } from '../../src/sigv4/index.js';
import { CROSS_CASES, NOW, REGION, type CrossCase } from './crossCases.js';
import { receivedParts, smithySign, wireQuery } from './smithy.js';
import { matches, outcome, tamperings } from './tamper.js';

function ourInput(c: CrossCase): SignableRequest {
  const req: SignableRequest = { method: c.input.method, path: c.input.path, query: wireQuery(c.input.query ?? {}), headers: { ...c.input.headers } };
  if (c.input.body !== undefined) req.body = c.input.body;
  return req;
}

function signedByUs(c: CrossCase): HttpRequestParts {
  const input = ourInput(c);
  const presign = c.presignExpires !== undefined ? { presign: { expiresSeconds: c.presignExpires } } : {};
  const signed = signRequest(input, c.creds, { region: REGION, service: c.service, now: NOW, ...presign });
  const parts: HttpRequestParts = { method: input.method, path: input.path, query: signed.query, headers: signed.headers };
  if (input.body !== undefined) parts.body = Buffer.from(input.body);
  return parts;
}

function queryMap(query: string): Map<string, string> {
  return new Map(query.split('&').map((piece) => piece.split('=') as [string, string]));
}

const options = (c: CrossCase) => ({ now: NOW, service: c.service, region: REGION });

describe('sigv4: signRequest', () => {
  for (const c of CROSS_CASES) {
    describe(c.name, () => {
      it('round-trips through verifySigV4', () => {
        assert.equal(outcome(signedByUs(c), c.creds.secretAccessKey, options(c)), 'ok');
      });

      it('signs every part it sends', () => {
        const req = signedByUs(c);
        const failures = tamperings(req)
          .map((t) => ({ part: t.part, want: t.want, got: outcome(t.request, c.creds.secretAccessKey, options(c)) }))
          .filter(({ got, want }) => !matches(got, want));
        assert.deepEqual(failures, []);
      });

      it('produces what @smithy/signature-v4 produces', async () => {
        // aws-sdk-js-v3 adds x-amz-content-sha256 only where the service needs it (S3); so do we.
        const smithy = receivedParts(
          await smithySign(c.input, {
            service: c.service,
            region: REGION,
            creds: c.creds,
            now: NOW,
            applyChecksum: c.service === 's3',
            ...(c.presignExpires !== undefined ? { presignExpires: c.presignExpires } : {}),
          }),
        );
        const ours = signedByUs(c);
        assert.deepEqual(queryMap(ours.query), queryMap(smithy.query));
        assert.deepEqual(ours.headers, smithy.headers);
      });
    });
  }

  const invalid: Array<[string, () => unknown]> = [
    ['a request without a host header', () => signRequest({ method: 'GET', path: '/', query: '', headers: {} }, CROSS_CASES[0]!.creds, { region: REGION, service: 'sts', now: NOW })],
    [
      'a presign longer than a week',
      () => signRequest({ method: 'GET', path: '/', query: '', headers: { host: 'h' } }, CROSS_CASES[0]!.creds, { region: REGION, service: 'sts', now: NOW, presign: { expiresSeconds: 604_801 } }),
    ],
  ];
  for (const [name, sign] of invalid) {
    it(`refuses ${name}`, () => {
      assert.throws(sign, (err: unknown) => err instanceof SigV4Error && err.code === 'InvalidParameterValue');
    });
  }

  it('replaces stale authentication headers of its input', () => {
    const input = { method: 'GET', path: '/', query: '', headers: { Host: 'h', Authorization: 'old', 'X-Amz-Date': '20000101T000000Z', Date: 'old' } };
    const signed = signRequest(input, CROSS_CASES[0]!.creds, { region: REGION, service: 'sts', now: NOW });
    assert.deepEqual(Object.keys(signed.headers).sort(), ['Host', 'authorization', 'x-amz-date']);
  });
});
