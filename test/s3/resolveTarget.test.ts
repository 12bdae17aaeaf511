/** Path-style and virtual-hosted addressing, and how paths become bucket and key. */
import assert from 'node:assert/strict';
import { classifyS3Request, isValidBucketName } from '../../src/s3/index.js';
import { classify, known, OPTIONS, reasonOf } from './s3Helpers.js';

type Where = [operation: string, bucket: string | undefined, key: string | undefined, addressing: string];

describe('s3/addressing', () => {
  const cases: [name: string, method: string, target: string, host: string | undefined, want: Where][] = [
    ['path-style root lists buckets', 'GET', '/', 's3.example.com:9000', ['ListBuckets', undefined, undefined, 'path']],
    ['path-style bucket', 'GET', '/bkt', 's3.example.com', ['ListObjects', 'bkt', undefined, 'path']],
    ['path-style bucket, trailing slash', 'GET', '/bkt/', 's3.example.com', ['ListObjects', 'bkt', undefined, 'path']],
    ['path-style key with a trailing slash (a folder marker)', 'PUT', '/bkt/dir/', 's3.example.com', ['PutObject', 'bkt', 'dir/', 'path']],
    ['path-style key starting with /', 'GET', '/bkt//a', 's3.example.com', ['GetObject', 'bkt', '/a', 'path']],
    ['path-style key of one /', 'GET', '/bkt//', 's3.example.com', ['GetObject', 'bkt', '/', 'path']],
    ['path-style // inside a key', 'GET', '/bkt/a//b', 's3.example.com', ['GetObject', 'bkt', 'a//b', 'path']],
    ['dot segments are part of the key', 'GET', '/bkt/../other/k', 's3.example.com', ['GetObject', 'bkt', '../other/k', 'path']],
    ['%2F decodes to / in the key', 'GET', '/bkt/a%2Fb', 's3.example.com', ['GetObject', 'bkt', 'a/b', 'path']],
    ['decoded once: %2520 stays %20', 'GET', '/bkt/a%2520b', 's3.example.com', ['GetObject', 'bkt', 'a%20b', 'path']],
    ['+ in a path is a plus', 'GET', '/bkt/a+b', 's3.example.com', ['GetObject', 'bkt', 'a+b', 'path']],
    ['UTF-8 key', 'GET', '/bkt/%E2%82%AC%F0%9F%98%80', 's3.example.com', ['GetObject', 'bkt', '€😀', 'path']],
    ['virtual-hosted bucket', 'GET', '/', 'bkt.s3.example.com', ['ListObjects', 'bkt', undefined, 'virtual-hosted']],
    ['virtual-hosted key, port dropped', 'GET', '/a/b', 'bkt.s3.example.com:8443', ['GetObject', 'bkt', 'a/b', 'virtual-hosted']],
    ['virtual-hosted: first path segment is key, not bucket', 'GET', '/other/k', 'bkt.s3.example.com', ['GetObject', 'bkt', 'other/k', 'virtual-hosted']],
    ['virtual-hosted key starting with /', 'GET', '//a', 'bkt.s3.example.com', ['GetObject', 'bkt', '/a', 'virtual-hosted']],
    ['virtual-hosted dotted bucket', 'HEAD', '/', 'my.data.s3.example.com', ['HeadBucket', 'my.data', undefined, 'virtual-hosted']],
    ['base domain in another case', 'GET', '/k', 'bkt.S3.Example.COM', ['GetObject', 'bkt', 'k', 'virtual-hosted']],
    ['Host equal to the base domain is path-style', 'GET', '/bkt/k', 's3.example.com:80', ['GetObject', 'bkt', 'k', 'path']],
  ];
  for (const [name, method, target, host, [operation, bucket, key, addressing]] of cases) {
    it(name, () => {
      const result = known(classify(method, target, host === undefined ? {} : { host }));
      assert.deepEqual([result.operation, result.bucket, result.key, result.addressing], [operation, bucket, key, addressing]);
    });
  }

  // With base domains configured, a Host that is neither a base domain nor `<bucket>.<base>` could
  // be read by the backend as a virtual host this service never checked: it is refused.
  const foreignHosts: [string, string | undefined][] = [
    ['a host under another domain', 'bkt.s3.other.com'],
    ['a suffix that is not a label', 'bkts3.example.com'],
    ['an IPv6 host', '[::1]:9000'],
    ['localhost', 'localhost:9000'],
  ];
  for (const [name, host] of foreignHosts) {
    it(`refuses ${name} when base domains are configured`, () => {
      assert.equal(reasonOf(classify('GET', '/bkt/k', { host: host as string })), 'unknown-host');
    });
  }

  it('refuses a request without Host when base domains are configured', () => {
    assert.equal(reasonOf(classifyS3Request({ method: 'GET', path: '/bkt/k', query: '', headers: {} }, OPTIONS)), 'unknown-host');
  });

  it('without base domains every request is path-style, whatever its Host', () => {
    for (const host of ['bkt.s3.example.com', 'localhost:9000', '[::1]:9000']) {
      const result = known(classifyS3Request({ method: 'GET', path: '/bkt/k', query: '', headers: { host } }, { baseDomains: [] }));
      assert.deepEqual([result.bucket, result.key, result.addressing], ['bkt', 'k', 'path']);
    }
  });

  it('the object ARN carries the decoded key', () => {
    assert.equal(known(classify('GET', '/bkt/a%20b//c')).authorizations[0]?.resource, 'arn:aws:s3:::bkt/a b//c');
  });

  it('several base domains', () => {
    const result = classifyS3Request({ method: 'GET', path: '/k', query: '', headers: { host: 'bkt.s3.internal' } },
      { baseDomains: ['s3.example.com', 's3.internal'] });
    assert.equal(result.kind === 'operation' ? result.bucket : undefined, 'bkt');
  });

  it('a capitalised virtual-hosted bucket fails the naming rules', () => {
    assert.equal(reasonOf(classify('GET', '/k', { host: 'Bkt.s3.example.com' })), 'malformed-bucket');
  });

  it('the options object is not modified', () => {
    classify('GET', '/k', { host: 'bkt.s3.example.com' });
    assert.deepEqual(OPTIONS, { baseDomains: ['s3.example.com'] });
  });

  describe('bucket names', () => {
    const valid = ['abc', 'a-b.c1', '1bucket', 'a'.repeat(63), '192.168.5', 'a.b.c.d.e'];
    const invalid = ['ab', 'a'.repeat(64), 'Abc', 'a_b', '-ab', 'ab-', '.ab', 'ab.', 'a..b', '192.168.5.4', 'xn--abc',
      'sthree-abc', 'amzn-s3-demo-x', 'abc-s3alias', 'abc--ol-s3', 'abc.mrap', 'abc--x-s3', 'abc--table-s3', 'a%62c', 'a b'];
    for (const name of valid) it(`valid: ${name}`, () => assert.equal(isValidBucketName(name), true));
    for (const name of invalid) it(`invalid: ${name}`, () => assert.equal(isValidBucketName(name), false));
  });
});
