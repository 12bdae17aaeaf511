import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import type { HttpRequestParts } from '../../src/sigv4/index.js';
import { CROSS_CASES, NOW, REGION, type CrossCase } from './crossCases.js';
import { receivedParts, smithySign } from './smithy.js';
import { matches, outcome, tamperings } from './tamper.js';

async function signed(c: CrossCase): Promise<HttpRequestParts> {
  const request = await smithySign(c.input, {
    service: c.service,
    region: REGION,
    creds: c.creds,
    now: NOW,
    ...(c.presignExpires !== undefined ? { presignExpires: c.presignExpires } : {}),
    ...(c.applyChecksum !== undefined ? { applyChecksum: c.applyChecksum } : {}),
  });
  return receivedParts(request);
}

/** An S3 frontend forwards the hash of the body it streams, not the body. */
function asFrontendSees(req: HttpRequestParts): HttpRequestParts {
  const { body, ...rest } = req;
  return body === undefined ? rest : { ...rest, payloadHash: createHash('sha256').update(body).digest('hex') };
}

const options = (c: CrossCase) => ({ now: NOW + 60_000, service: c.service, region: REGION });

describe('sigv4: requests signed by @smithy/signature-v4', () => {
  for (const c of CROSS_CASES) {
    describe(c.name, () => {
      let req: HttpRequestParts;
      before(async () => {
        req = await signed(c);
      });

      it('verifies as received', () => {
        assert.equal(outcome(req, c.creds.secretAccessKey, options(c)), 'ok');
      });

      it('verifies with a payload hash instead of the body (S3 frontend)', () => {
        assert.equal(outcome(asFrontendSees(req), c.creds.secretAccessKey, options(c)), 'ok');
      });

      it('rejects every change to a signed part', () => {
        const failures = tamperings(req)
          .map((t) => ({ part: t.part, want: t.want, got: outcome(t.request, c.creds.secretAccessKey, options(c)) }))
          .filter(({ got, want }) => !matches(got, want));
        assert.deepEqual(failures, []);
      });

      it('rejects the wrong secret', () => {
        assert.equal(outcome(req, `${c.creds.secretAccessKey}x`, options(c)), 'SignatureDoesNotMatch');
      });
    });
  }
});
