/** The single percent-decoding step, against decodeURIComponent. */
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { decodeComponent } from '../../src/s3/decodeComponent.js';

function reference(raw: string, plusIsSpace: boolean): string | undefined {
  try {
    return decodeURIComponent(plusIsSpace ? raw.replaceAll('+', ' ') : raw);
  } catch {
    return undefined;
  }
}

describe('s3/decodeComponent', () => {
  const cases: [string, boolean, string | undefined][] = [
    ['plain', false, 'plain'],
    ['a%20b', false, 'a b'],
    ['a+b', false, 'a+b'],
    ['a+b', true, 'a b'],
    ['a%2Bb', true, 'a+b'],
    ['%2f%2F', false, '//'],
    ['%E2%82%AC', false, '€'],
    ['%2520', false, '%20'],
    ['%', false, undefined],
    ['%2', false, undefined],
    ['%g0', false, undefined],
    ['%C3%28', false, undefined],
    ['%FF', false, undefined],
    ['%ED%A0%80', false, undefined],
  ];
  for (const [raw, plusIsSpace, want] of cases) {
    it(`${raw}${plusIsSpace ? ' (query)' : ''} -> ${String(want)}`, () => assert.equal(decodeComponent(raw, plusIsSpace), want));
  }

  it('agrees with decodeURIComponent on random escapes', () => {
    const piece = fc.oneof(
      fc.constantFrom('%', '+', 'a', '/', '%2', '%zz', '%C3', '%A9', '%e2%82%ac', '%F0%9F%98%80', '%ED%A0%80'),
      fc.integer({ min: 0, max: 255 }).map((byte) => `%${byte.toString(16).padStart(2, '0')}`),
      fc.string({ maxLength: 3 }),
    );
    fc.assert(fc.property(fc.array(piece, { maxLength: 8 }), fc.boolean(), (pieces, plusIsSpace) => {
      const raw = pieces.join('');
      assert.equal(decodeComponent(raw, plusIsSpace), reference(raw, plusIsSpace));
    }), { numRuns: 5000 });
  });
});
