import assert from 'node:assert/strict';
import { canonicalQuery } from '../../src/sigv4/canonicalQuery.js';
import { trimAll } from '../../src/sigv4/canonicalHeaders.js';
import { parseQueryPairs } from '../../src/sigv4/queryPairs.js';
import { canonicalUri, formatAmzDate, parseAmzDate, uriDecode, uriEncode } from '../../src/sigv4/index.js';

describe('sigv4: canonicalisation steps', () => {
  const encodings: Array<[string, string, boolean, string]> = [
    ['unreserved characters', '-._~AZaz09', false, '-._~AZaz09'],
    ["characters encodeURIComponent keeps but AWS encodes", "!'()*", false, '%21%27%28%29%2A'],
    ['space and plus', 'a b+c', false, 'a%20b%2Bc'],
    ['UTF-8 bytes in upper-case hex', 'ሴé', false, '%E1%88%B4%C3%A9'],
    ['slash encoded in a value', 'a/b', false, 'a%2Fb'],
    ['slash kept in a path', 'a/b c', true, 'a/b%20c'],
    ['a lone surrogate, as the UTF-8 replacement character', '\uD800', false, '%EF%BF%BD'],
  ];
  for (const [name, input, keepSlash, want] of encodings) {
    it(`uriEncode: ${name}`, () => assert.equal(uriEncode(input, keepSlash), want));
  }

  const decodings: Array<[string, string, string]> = [
    ['plain text', 'abc', 'abc'],
    ['escapes', '%E1%88%B4%20', 'ሴ '],
    ['a malformed escape kept literally', '100%zz%20', '100%zz '],
  ];
  for (const [name, input, want] of decodings) {
    it(`uriDecode: ${name}`, () => assert.equal(uriDecode(input), want));
  }

  const uris: Array<[string, string, string, string]> = [
    ['sts: empty path', '', 'sts', '/'],
    ['sts: dot segments and double slashes removed', '//a/./b/../c//', 'sts', '/a/c/'],
    ['sts: the received escapes are encoded again', '/a%20b/%C3%BC', 'sts', '/a%2520b/%25C3%25BC'],
    ['sts: raw characters encoded once', '/a b/ሴ', 'sts', '/a%20b/%E1%88%B4'],
    ['s3: no normalisation', '/bucket//a/./b/../c', 's3', '/bucket//a/./b/../c'],
    ['s3: encoded once whatever the client escaped', '/bucket/a%20b/%7e/c~', 's3', '/bucket/a%20b/~/c~'],
    ['s3: lower-case escapes canonicalised', '/bucket/%c3%bc', 's3', '/bucket/%C3%BC'],
    ['s3: an escaped slash in a key stays escaped', '/bucket/a%2Fb', 's3', '/bucket/a%2Fb'],
    ['s3: raw unicode and plus encoded', '/bucket/ü+x', 's3', '/bucket/%C3%BC%2Bx'],
    ['s3: empty path', '', 's3', '/'],
  ];
  for (const [name, path, service, want] of uris) {
    it(`canonicalUri ${name}`, () => assert.equal(canonicalUri(path, service), want));
  }

  const queries: Array<[string, string, string]> = [
    ['empty', '', ''],
    ['sorted by name then value', 'b=2&a=2&a=1&A=3', 'A=3&a=1&a=2&b=2'],
    ['a name without value keeps =', 'acl&a=', 'a=&acl='],
    ['plus read as space', 'prefix=a+b', 'prefix=a%20b'],
    ['escapes normalised', 'k=%7e%2b%20', 'k=~%2B%20'],
    ['empty pieces ignored', '&a=1&&b=2&', 'a=1&b=2'],
    ['sorted by encoded bytes (% before letters)', 'ü=1&z=2&Z=3', '%C3%BC=1&Z=3&z=2'],
  ];
  for (const [name, query, want] of queries) {
    it(`canonicalQuery: ${name}`, () => assert.equal(canonicalQuery(parseQueryPairs(query)), want));
  }

  it('canonicalQuery leaves out the excluded name only', () => {
    assert.equal(canonicalQuery(parseQueryPairs('X-Amz-Signature=ab&x-amz-signature=cd&a=1'), 'X-Amz-Signature'), 'a=1&x-amz-signature=cd');
  });

  const trims: Array<[string, string]> = [
    ['  a   b  ', 'a b'],
    ['"a   b   c"', '"a b c"'],
    ['a\t\tb', 'a b'],
    ['a\r\n  b', 'a b'],
  ];
  for (const [input, want] of trims) {
    it(`trimAll ${JSON.stringify(input)}`, () => assert.equal(trimAll(input), want));
  }

  const dates: Array<[string, number | undefined]> = [
    ['20150830T123600Z', Date.UTC(2015, 7, 30, 12, 36, 0)],
    ['20240229T000000Z', Date.UTC(2024, 1, 29)],
    ['20230229T000000Z', undefined],
    ['20150830T123600', undefined],
    ['2015-08-30T12:36:00Z', undefined],
    ['20150830T246000Z', undefined],
  ];
  for (const [input, want] of dates) {
    it(`parseAmzDate ${input}`, () => {
      assert.equal(parseAmzDate(input), want);
      if (want !== undefined) assert.equal(formatAmzDate(want), input);
    });
  }
});
