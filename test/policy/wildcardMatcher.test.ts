import assert from 'node:assert/strict';
import fc from 'fast-check';
import { tokenizePattern, type VariableToken } from '../../src/policy/patternTokens.js';
import { compileMatcher, type VariableSource } from '../../src/policy/wildcardMatcher.js';

const vars = (values: Record<string, string>): VariableSource => ({
  variable: (token: VariableToken) => values[token.key] ?? token.fallback,
});
const none = vars({});
const match = (pattern: string, text: string, source = none, ignoreCase = false): boolean =>
  compileMatcher(tokenizePattern(pattern, { wildcards: true, variables: true }), ignoreCase)(text, source);

/** The reference: a RegExp built naively from the pattern. */
function naive(pattern: string, text: string): boolean {
  const body = [...pattern].map((ch) => (ch === '*' ? '[\\s\\S]*' : ch === '?' ? '[\\s\\S]' : ch.replace(/[.*+?^${}()|[\]\\/-]/g, '\\$&'))).join('');
  return new RegExp(`^${body}$`).test(text);
}

const cases: [string, string, string, boolean][] = [
  ['exact', 'abc', 'abc', true],
  ['exact mismatch', 'abc', 'abd', false],
  ['empty pattern', '', '', true],
  ['star alone', '*', 'anything/at:all', true],
  ['star matches empty', 'a*', 'a', true],
  ['prefix', 'arn:aws:s3:::b/*', 'arn:aws:s3:::b/x/y:z', true],
  ['prefix mismatch', 'arn:aws:s3:::b/*', 'arn:aws:s3:::bb/x', false],
  ['suffix', '*.txt', 'a/b.txt', true],
  ['middle', 'a*b*c', 'aXbYc', true],
  ['middle overlapping', 'ab*ba', 'aba', false],
  ['middle needs room for the tail', 'a*bc*c', 'abc', false],
  ['double star', 'a**c', 'ac', true],
  ['question mark', 'a?c', 'abc', true],
  ['question mark needs a character', 'a?c', 'ac', false],
  ['question mark and star', '?*?', 'ab', true],
  ['question marks in the middle', '*a?c*', 'xxabcxx', true],
  ['question mark matches slash', 'a?b', 'a/b', true],
];

describe('policy/wildcardMatcher', () => {
  for (const [name, pattern, text, want] of cases) {
    it(name, () => assert.equal(match(pattern, text), want));
  }

  it('substitutes variables as literal text', () => {
    assert.equal(match('home/${aws:username}/*', 'home/bob/x', vars({ 'aws:username': 'bob' })), true);
    assert.equal(match('home/${aws:username}/*', 'home/bo/x', vars({ 'aws:username': 'b?' })), false);
    assert.equal(match('home/${aws:username}', 'home/b*', vars({ 'aws:username': 'b*' })), true);
    assert.equal(match('*${k}*', 'xxabxx', vars({ k: 'ab' })), true);
  });

  it('uses defaults and makes unresolved patterns match nothing', () => {
    assert.equal(match("home/${aws:username, 'anon'}/*", 'home/anon/x'), true);
    assert.equal(match('home/${aws:username}/*', 'home//x'), false);
    assert.equal(match('*${aws:username}*', 'anything'), false);
    assert.equal(match('*', 'x', none), true);
  });

  it('compares lower-cased text when ignoring case', () => {
    assert.equal(match('S3:Get*', 's3:getobject', none, true), true);
    assert.equal(match('${k}', 'bob', vars({ k: 'BOB' }), true), true);
  });

  it('agrees with a naive RegExp on random patterns and strings', () => {
    const alphabet = fc.constantFrom('a', 'b', '/', ':', '*', '?', '.');
    const text = fc.string({ unit: fc.constantFrom('a', 'b', '/', ':', '.', '*'), maxLength: 12 });
    fc.assert(
      fc.property(fc.string({ unit: alphabet, maxLength: 8 }), text, (pattern, subject) => {
        assert.equal(match(pattern, subject), naive(pattern, subject), `${pattern} vs ${subject}`);
      }),
      { numRuns: 5000 },
    );
  });

  it('agrees with the naive RegExp when a pattern starts from a real text', () => {
    const word = fc.string({ unit: fc.constantFrom('a', 'b', 'c', '/'), maxLength: 10 });
    fc.assert(
      fc.property(word, fc.array(fc.nat(), { maxLength: 4 }), (subject, cuts) => {
        let pattern = subject;
        for (const cut of cuts) {
          const i = pattern.length === 0 ? 0 : cut % pattern.length;
          pattern = pattern.slice(0, i) + (cut % 2 === 0 ? '*' : '?') + pattern.slice(i + 1);
        }
        assert.equal(match(pattern, subject), naive(pattern, subject), `${pattern} vs ${subject}`);
      }),
      { numRuns: 3000 },
    );
  });
});

describe('policy/wildcardMatcher cost', () => {
  /** Calls to the String methods the matcher compares with, during `run`: its work, counted. */
  function stringCalls(run: () => void): number {
    const methods = ['charCodeAt', 'endsWith', 'indexOf', 'startsWith'] as const;
    const originals = methods.map((name) => String.prototype[name]);
    let calls = 0;
    methods.forEach((name, i) => {
      const original = originals[i] as (...args: unknown[]) => unknown;
      (String.prototype as unknown as Record<string, unknown>)[name] = function (this: string, ...args: unknown[]) {
        calls++;
        return original.apply(this, args);
      };
    });
    try {
      run();
    } finally {
      methods.forEach((name, i) => ((String.prototype as unknown as Record<string, unknown>)[name] = originals[i]));
    }
    return calls;
  }

  // Shapes a session policy can carry: `?` runs and `?`-led segments between stars, against a
  // 4,000-character resource that almost matches everywhere.
  const text = 'a'.repeat(4000);
  // The expected answers are plain: the text has no 'b' or 'c' (a RegExp reference would
  // backtrack for minutes on these).
  const worst: Array<[string, string, boolean]> = [
    ['a ?-led segment of 1,000 units', `*${'?a'.repeat(500)}b*`, false],
    ['1,000 question marks', `*${'?'.repeat(1000)}b*`, false],
    ['many short ?-segments', `*${'a?*'.repeat(60)}b`, false],
    ['a ?-led segment that matches', `*${'?a'.repeat(500)}*`, true],
    ['a segment of a? pairs', `*${'a?'.repeat(300)}*${'a?'.repeat(300)}c`, false],
  ];
  for (const [name, pattern, expected] of worst) {
    it(`stays linear in the text for ${name}`, () => {
      const matcher = compileMatcher(tokenizePattern(pattern, { wildcards: true, variables: true }));
      let result = true;
      const calls = stringCalls(() => {
        result = matcher(text, none);
      });
      assert.equal(result, expected);
      assert.ok(calls <= 3 * text.length + pattern.length, `${calls} string calls for a ${text.length}-character text`);
    });
  }
});
