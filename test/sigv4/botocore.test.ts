import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { HttpRequestParts } from '../../src/sigv4/index.js';
import { NOW, REGION } from './crossCases.js';
import { matches, outcome, tamperings } from './tamper.js';

interface BotocoreCase {
  name: string;
  service: string;
  secretKey: string;
  method: string;
  path: string;
  query: string;
  headers: Record<string, string>;
  /** Base64. */
  body: string;
}

const SCRIPT = join(dirname(fileURLToPath(import.meta.url)), 'botocoreSign.py');

/** Runs botocore's signers (python3 + botocore, as boto3 and the AWS CLI use them). */
function botocoreCases(): BotocoreCase[] {
  try {
    return JSON.parse(execFileSync('python3', [SCRIPT], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] })) as BotocoreCase[];
  } catch (err) {
    const detail = err instanceof Error ? err.message : String(err);
    throw new Error(`The botocore cross-check needs python3 with botocore on PATH (pip install botocore): ${detail}`);
  }
}

function received(c: BotocoreCase): HttpRequestParts {
  return { method: c.method, path: c.path, query: c.query, headers: { ...c.headers }, body: Buffer.from(c.body, 'base64') };
}

let cases: BotocoreCase[] = [];
let loadError: unknown;
try {
  cases = botocoreCases();
} catch (err) {
  loadError = err;
}

describe('sigv4: requests signed by botocore', () => {
  it('botocore produced every request', () => {
    if (loadError !== undefined) throw loadError;
    assert.equal(cases.length, 9);
  });

  for (const c of cases) {
    describe(c.name, () => {
      const options = { now: NOW + 60_000, service: c.service, region: REGION };

      it('verifies as received', () => {
        assert.equal(outcome(received(c), c.secretKey, options), 'ok');
      });

      it('rejects every change to a signed part', () => {
        const failures = tamperings(received(c))
          .map((t) => ({ part: t.part, want: t.want, got: outcome(t.request, c.secretKey, options) }))
          .filter(({ got, want }) => !matches(got, want));
        assert.deepEqual(failures, []);
      });

      it('rejects the wrong secret and the wrong service', () => {
        assert.equal(outcome(received(c), `${c.secretKey}x`, options), 'SignatureDoesNotMatch');
        const otherService = c.service === 's3' ? 'sts' : 's3';
        assert.equal(outcome(received(c), c.secretKey, { ...options, service: otherService }), 'SignatureDoesNotMatch');
      });
    });
  }
});
