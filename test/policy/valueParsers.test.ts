import assert from 'node:assert/strict';
import { parseDateValue } from '../../src/policy/conditions/dateValue.js';
import { cidrContains, parseCidr, parseIp } from '../../src/policy/conditions/ipAddress.js';
import { tokenizePattern, STAR, ANY_CHAR } from '../../src/policy/patternTokens.js';

describe('policy/conditions/dateValue', () => {
  const cases: [string, number | undefined][] = [
    ['2024-06-01T12:00:00Z', Date.UTC(2024, 5, 1, 12)],
    ['2024-06-01T12:00:00.250Z', Date.UTC(2024, 5, 1, 12, 0, 0, 250)],
    ['2024-06-01T12:00Z', Date.UTC(2024, 5, 1, 12)],
    ['2024-06-01T14:00:00+02:00', Date.UTC(2024, 5, 1, 12)],
    ['2024-06-01T07:00:00-0500', Date.UTC(2024, 5, 1, 12)],
    ['2024-06-01T12:00:00', Date.UTC(2024, 5, 1, 12)],
    ['2024-06-01', Date.UTC(2024, 5, 1)],
    ['1717243200', Date.UTC(2024, 5, 1, 12)],
    ['2024-13-01', undefined],
    ['2023-02-29', undefined],
    ['2024-06-01T24:00:00Z', undefined],
    ['June 1 2024', undefined],
    ['', undefined],
  ];
  for (const [text, want] of cases) it(`parses ${JSON.stringify(text)}`, () => assert.equal(parseDateValue(text), want));
});

describe('policy/conditions/ipAddress', () => {
  const addresses: [string, boolean][] = [
    ['1.2.3.4', true], ['255.255.255.255', true], ['256.1.1.1', false], ['01.2.3.4', false], ['1.2.3', false],
    ['::', true], ['::1', true], ['2001:db8::1', true], ['1:2:3:4:5:6:7:8', true], ['1:2:3:4:5:6:7:8:9', false],
    ['1::2::3', false], ['::ffff:1.2.3.4', true], ['1.2.3.4::', false], ['12345::', false], ['fe80::1%eth0', false],
    ['1:2:3:4:5:6:7::', true], ['::2:3:4:5:6:7:8', true], ['1:2:3:4:5:6:7:8::', false],
  ];
  for (const [text, valid] of addresses) {
    it(`${valid ? 'accepts' : 'refuses'} ${text}`, () => assert.equal(parseIp(text) !== undefined, valid));
  }

  it('treats IPv4 and IPv4-mapped IPv6 as one address', () => {
    assert.deepEqual(parseIp('::ffff:10.0.0.1'), parseIp('10.0.0.1'));
    assert.ok(cidrContains(parseCidr('10.0.0.0/8')!, parseIp('::ffff:10.9.9.9')!));
  });

  it('refuses bad prefixes', () => {
    for (const text of ['10.0.0.0/33', '::/129', '10.0.0.0/', '10.0.0.0/-1', '10.0.0.0/a']) {
      assert.equal(parseCidr(text), undefined, text);
    }
  });
});

describe('policy/patternTokens', () => {
  it('splits literals, wildcards and variables', () => {
    assert.deepEqual(tokenizePattern("a*b?${aws:UserName, 'x y'}${*}", { wildcards: true, variables: true }), [
      'a', STAR, 'b', ANY_CHAR, { key: 'aws:UserName', keyLower: 'aws:username', fallback: 'x y' }, '*',
    ]);
  });
  it('keeps everything literal when asked', () => {
    assert.deepEqual(tokenizePattern('a*${k}', { wildcards: false, variables: false }), ['a*${k}']);
  });
  it('treats ${constructor} as a variable, not an escape', () => {
    assert.deepEqual(tokenizePattern('${constructor}', { wildcards: true, variables: true }), [
      { key: 'constructor', keyLower: 'constructor', fallback: undefined },
    ]);
  });
});
