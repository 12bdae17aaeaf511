import assert from 'node:assert/strict';
import { parseSigV4, signingStrings } from '../../src/sigv4/index.js';
import { ERRATA, SUITE, loadPublishedRequest, loadSuite, type SuiteCase } from './suite.fixture.js';
import { matches, outcome, tamperings } from './tamper.js';

const options = { now: SUITE.now, service: SUITE.service, region: SUITE.region };

let cases: SuiteCase[] = [];
let loadError: unknown;
try {
  cases = loadSuite();
} catch (err) {
  loadError = err;
}

describe('sigv4: the AWS SigV4 test suite', () => {
  it('is present and complete', () => {
    if (loadError !== undefined) throw loadError;
    assert.ok(cases.length >= 31, `expected at least 31 cases, found ${cases.length}`);
    const names = cases.map((c) => c.name);
    for (const nested of ['normalize-path/get-space', 'post-sts-token/post-sts-header-before']) assert.ok(names.includes(nested), nested);
    for (const erratum of Object.keys(ERRATA)) assert.ok(names.includes(erratum), `erratum for a missing case: ${erratum}`);
  });

  for (const c of cases) {
    describe(c.name, () => {
      it('parses the published Authorization header', () => {
        const parsed = parseSigV4(c.request);
        const sent = c.request.headers['Authorization']?.[0]?.trim() ?? '';
        if (c.erratum === undefined) assert.equal(sent, c.authorization);
        assert.equal(parsed.signature, /Signature=([0-9a-f]{64})/.exec(c.authorization)?.[1]);
        assert.equal(parsed.accessKeyId, SUITE.accessKeyId);
        assert.equal(parsed.requestTime, SUITE.now);
      });

      it('accepts the signed request', () => {
        assert.equal(outcome(c.request, SUITE.secretKey, options), 'ok');
      });

      it(c.canonicalRequest === undefined ? `rebuilds the string to sign (no .creq: ${c.erratum?.reason})` : 'rebuilds the canonical request and string to sign', () => {
        const [first] = signingStrings(c.request, parseSigV4(c.request));
        if (c.canonicalRequest !== undefined) assert.equal(first?.canonicalRequest, c.canonicalRequest);
        assert.equal(first?.stringToSign, c.stringToSign);
      });

      it('rejects the wrong secret', () => {
        assert.equal(outcome(c.request, `${SUITE.secretKey}x`, options), 'SignatureDoesNotMatch');
      });

      for (const t of tamperings(c.request)) {
        it(`rejects a changed ${t.part}`, () => {
          const got = outcome(t.request, SUITE.secretKey, options);
          assert.ok(matches(got, t.want), `got ${got}, want ${t.want}`);
        });
      }
    });
  }

  it('rejects post-x-www-form-urlencoded-parameters as published (its signature is over charset=utf8)', () => {
    const published = loadPublishedRequest('post-x-www-form-urlencoded-parameters');
    assert.equal(outcome(published, SUITE.secretKey, options), 'SignatureDoesNotMatch');
  });
});
