/**
 * The canonical query string against two real signers, on raw query strings as a server receives
 * them: botocore (one python3 process for the whole run) and aws-sdk-js-v3's @smithy/signature-v4.
 *
 * Clients send every name and value in AWS's UriEncode form, so on such "canonical" wire
 * queries all three must agree. Other encodings of the same parameters (lower-case hex, `%7E`,
 * raw `*` or UTF-8, `+` for a space) must canonicalise to the same string: AWS's server decodes
 * and re-encodes, as the suite's get-vanilla-utf8-query shows. Where the references disagree,
 * DISAGREEMENTS (in canonicalQueryCases.ts) records each one's answer and the one we follow.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { HttpRequest } from '@smithy/protocol-http';
import { getCanonicalQuery } from '@smithy/signature-v4';
import { canonicalQuery } from '../../src/sigv4/canonicalQuery.js';
import { signRequest } from '../../src/sigv4/index.js';
import { parseQueryPairs } from '../../src/sigv4/queryPairs.js';
import { CASES, DISAGREEMENTS, hasKeyless, RUNS, type Case } from './canonicalQueryCases.js';
import { CREDS, NOW, REGION } from './crossCases.js';
import { smithySign } from './smithy.js';

const SCRIPT = join(dirname(fileURLToPath(import.meta.url)), 'botocoreCanonicalQuery.py');

function ours(wire: string): string {
  return canonicalQuery(parseQueryPairs(wire));
}

/** The query object smithy builds from a URL (@smithy/core's parseQueryString), split at the first '='. */
function smithyQuery(wire: string): Record<string, string | string[] | null> {
  const query: Record<string, string | string[] | null> = Object.create(null);
  for (const piece of wire.split('&')) {
    const eq = piece.indexOf('=');
    const key = decodeURIComponent(eq < 0 ? piece : piece.slice(0, eq));
    const raw = eq < 0 ? null : piece.slice(eq + 1);
    const value = raw ? decodeURIComponent(raw) : raw;
    const before = query[key];
    if (!(key in query)) query[key] = value;
    else if (Array.isArray(before)) before.push(value as string);
    else query[key] = [before as string, value as string];
  }
  return query;
}

function smithy(wire: string): string {
  return getCanonicalQuery(new HttpRequest({ query: wire === '' ? {} : smithyQuery(wire) }));
}

/** botocore's canonical query string for each wire query, from one python3 process. */
function botocore(wires: readonly string[]): string[] {
  const run = spawnSync('python3', [SCRIPT], { input: wires.map((wire) => JSON.stringify(wire)).join('\n') + '\n', encoding: 'utf8' });
  if (run.error || run.status !== 0) {
    throw new Error(`The botocore cross-check needs python3 with botocore on PATH (pip install botocore): ${run.error?.message ?? run.stderr}`);
  }
  return run.stdout.trimEnd().split('\n').map((line) => JSON.parse(line) as string);
}

interface Mismatch {
  wire: string;
  ours: string;
  reference: string;
}

function mismatches(cases: readonly Case[], wireOf: (c: Case) => string, reference: (c: Case, index: number) => string): Mismatch[] {
  return cases
    .map((c, index) => ({ wire: wireOf(c), ours: ours(wireOf(c)), reference: reference(c, index) }))
    .filter((m) => m.ours !== m.reference)
    .slice(0, 5);
}

describe('sigv4: canonical query strings against botocore and @smithy/signature-v4', () => {
  let fromBotocore: string[] = [];
  let disagreementsFromBotocore: string[] = [];

  before(function () {
    this.timeout(30_000);
    const answers = botocore([...CASES.map((c) => c.canonicalWire), ...DISAGREEMENTS.map((d) => d.wire)]);
    fromBotocore = answers.slice(0, CASES.length);
    disagreementsFromBotocore = answers.slice(CASES.length);
  });

  it(`generates ${RUNS} cases with repeated names, valueless names and every kind of character`, () => {
    assert.equal(CASES.length, RUNS);
    assert.ok(CASES.filter((c) => new Set(c.pairs.map(([key]) => key)).size < c.pairs.length).length > RUNS / 4, 'repeated names');
    assert.ok(CASES.filter(hasKeyless).length > RUNS / 10, 'names without =');
    assert.ok(CASES.filter((c) => c.pairs.some(([, value]) => value === '')).length > RUNS / 10, 'empty values');
    assert.ok(CASES.filter((c) => c.variantWire !== c.canonicalWire).length > RUNS / 2, 'other wire encodings');
    const prefixed = (c: Case): boolean => c.pairs.some(([a]) => c.pairs.some(([b]) => a !== b && b.startsWith(a)));
    assert.ok(CASES.filter(prefixed).length > RUNS / 10, 'a name that is a prefix of another');
  });

  it('matches botocore on every query as an SDK sends it', () => {
    assert.deepEqual(mismatches(CASES, (c) => c.canonicalWire, (_c, index) => fromBotocore[index] ?? ''), []);
  });

  it('matches smithy on every query as an SDK sends it (valueless names aside, see below)', () => {
    const cases = CASES.filter((c) => !hasKeyless(c));
    assert.deepEqual(mismatches(cases, (c) => c.canonicalWire, (c) => smithy(c.canonicalWire)), []);
  });

  it('gives any other wire encoding of the same parameters the same canonical query', () => {
    assert.deepEqual(mismatches(CASES, (c) => c.variantWire, (c) => ours(c.canonicalWire)), []);
  });

  it("matches smithy on the other wire encodings (but for '+' and valueless names)", () => {
    const cases = CASES.filter((c) => !hasKeyless(c) && !c.plusForSpace);
    assert.ok(cases.length > RUNS / 4);
    assert.deepEqual(mismatches(cases, (c) => c.variantWire, (c) => smithy(c.variantWire)), []);
  });

  it('signs like smithy: the same Authorization for the first 40 queries', async () => {
    const cases = CASES.filter((c) => !hasKeyless(c)).slice(0, 40);
    const host = 'service.example.test';
    for (const c of cases) {
      const query = smithyQuery(c.canonicalWire) as Record<string, string | string[]>;
      const theirs = await smithySign({ method: 'GET', path: '/', query, headers: { host } }, { service: 'service', region: REGION, creds: CREDS, now: NOW, applyChecksum: false });
      const mine = signRequest({ method: 'GET', path: '/', query: c.canonicalWire, headers: { host } }, CREDS, { service: 'service', region: REGION, now: NOW });
      assert.equal(mine.headers['authorization'], theirs.headers['authorization'], c.canonicalWire);
    }
  });

  for (const [index, d] of DISAGREEMENTS.entries()) {
    it(`where the references disagree, ${d.name}: ${d.why}`, () => {
      assert.deepEqual(
        { ours: ours(d.wire), botocore: disagreementsFromBotocore[index], smithy: smithy(d.wire) },
        { ours: d.ours, botocore: d.botocore, smithy: d.smithy },
      );
    });
  }
});
