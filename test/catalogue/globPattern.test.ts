import assert from 'node:assert/strict';
import { globsIntersect, literalElements, tokenElements } from '../../src/catalogue/globPattern.js';
import { formatGlob } from '../../src/catalogue/s3Catalogue.js';
import { tokenizePattern } from '../../src/policy/patternTokens.js';

const policyGlob = (pattern: string) => tokenElements(tokenizePattern(pattern, { wildcards: true, variables: true }));
const BUCKET = 'arn:${Partition}:s3:::${BucketName}';
const OBJECT = 'arn:${Partition}:s3:::${BucketName}/${ObjectName}';
const ACCESS_POINT = 'arn:${Partition}:s3:${Region}:${Account}:accesspoint/${AccessPointName}';

/** name, policy resource, catalogue ARN format, whether some ARN fits both. */
const cases: [string, string, string, boolean][] = [
  ['a bucket ARN is a bucket', 'arn:aws:s3:::b', BUCKET, true],
  ['a bucket ARN is no object', 'arn:aws:s3:::b', OBJECT, false],
  ['an object ARN is an object', 'arn:aws:s3:::b/k/x', OBJECT, true],
  ['an object ARN is no bucket', 'arn:aws:s3:::b/*', BUCKET, false],
  ['b* may be a bucket', 'arn:aws:s3:::b*', BUCKET, true],
  ['b* may be an object', 'arn:aws:s3:::b*', OBJECT, true],
  ['an empty object name is no object', 'arn:aws:s3:::b/', OBJECT, false],
  ['? is one character', 'arn:aws:s3:::b/?', OBJECT, true],
  ['a region is no bucket', 'arn:aws:s3:us-east-1::b', BUCKET, false],
  ['an access point', 'arn:aws:s3:us-east-1:123456789012:accesspoint/ap', ACCESS_POINT, true],
  ['an access point is no bucket', 'arn:aws:s3:us-east-1:123456789012:accesspoint/ap', BUCKET, false],
  ['* segments reach an access point', 'arn:aws:s3:*:*:accesspoint/*', ACCESS_POINT, true],
  ['another service', 'arn:aws:iam::123456789012:user/x', BUCKET, false],
  ['a variable may be a bucket name', 'arn:aws:s3:::${aws:username}', BUCKET, true],
  ['a variable may hold a slash', 'arn:aws:s3:::${aws:username}', OBJECT, true],
  ['a bucket name has no colon', 'arn:aws:s3:::a:b', BUCKET, false],
  ['an object name may have a colon', 'arn:aws:s3:::a/b:c', OBJECT, true],
  ['* is everything', '*', OBJECT, true],
  ['an ARN is not the resource "*"', 'arn:aws:s3:::*', '*', false],
  ['* is the resource "*"', '*', '*', true],
];

describe('catalogue: globsIntersect', () => {
  for (const [name, resource, format, want] of cases) {
    it(name, () => {
      const glob = format === '*' ? literalElements('*') : formatGlob(format);
      assert.equal(globsIntersect(policyGlob(resource), glob), want);
      assert.equal(globsIntersect(glob, policyGlob(resource)), want, 'symmetric');
    });
  }

  it('stays linear-ish on long runs of stars', () => {
    const pattern = policyGlob(`arn:aws:s3:::${'a*'.repeat(200)}b`);
    const started = performance.now();
    assert.equal(globsIntersect(pattern, formatGlob(BUCKET)), true);
    assert.ok(performance.now() - started < 50);
  });
});
