/** Whatever the classifier cannot name exactly is `unknown-operation`, with a reason. */
import assert from 'node:assert/strict';
import { classifyS3Request, type S3Headers } from '../../src/s3/index.js';
import { classify, OPTIONS, reasonOf } from './s3Helpers.js';

describe('s3/unknown operations', () => {
  const cases: [name: string, method: string, target: string, headers: S3Headers, reason: string][] = [
    ['OPTIONS (CORS preflight)', 'OPTIONS', '/bkt/k', {}, 'unsupported-method'],
    ['PATCH', 'PATCH', '/bkt/k', {}, 'unsupported-method'],
    ['lower-case method', 'get', '/bkt/k', {}, 'unsupported-method'],
    ['unknown subresource', 'GET', '/bkt?frobnicate', {}, 'unknown-parameter'],
    ['subresource in another case', 'GET', '/bkt/k?ACL', {}, 'unknown-parameter'],
    ['directory-bucket session', 'GET', '/bkt?session', {}, 'unknown-parameter'],
    ['rename (directory buckets)', 'PUT', '/bkt/k?renameObject', {}, 'unknown-parameter'],
    ['SigV2 presigned parameters', 'GET', '/bkt/k?AWSAccessKeyId=a&Signature=b&Expires=1', {}, 'unknown-parameter'],
    ['two subresources', 'GET', '/bkt?acl&policy', {}, 'ambiguous-query'],
    ['a subresource twice', 'GET', '/bkt/k?tagging&tagging', {}, 'ambiguous-query'],
    ['versionId twice', 'GET', '/bkt/k?versionId=a&versionId=b', {}, 'ambiguous-query'],
    ['prefix twice', 'GET', '/bkt?prefix=a&prefix=b', {}, 'ambiguous-query'],
    ['an x-amz parameter twice', 'PUT', '/bkt/k?x-amz-acl=private&X-Amz-Acl=public-read', {}, 'ambiguous-query'],
    ['bucket subresource on an object', 'GET', '/bkt/k?policy', {}, 'no-matching-operation'],
    ['object subresource on a bucket', 'GET', '/bkt?retention', {}, 'no-matching-operation'],
    ['subresource on the service', 'GET', '/?acl', {}, 'no-matching-operation'],
    ['PUT on the service', 'PUT', '/', {}, 'no-matching-operation'],
    ['DELETE on the service', 'DELETE', '/', {}, 'no-matching-operation'],
    ['HEAD on the service', 'HEAD', '/', {}, 'no-matching-operation'],
    ['POST on an object without subresource', 'POST', '/bkt/k', {}, 'no-matching-operation'],
    ['POST on a bucket that is not a form upload', 'POST', '/bkt', { 'content-type': 'application/xml' }, 'no-matching-operation'],
    ['uploads and uploadId together', 'GET', '/bkt?uploads&uploadId=1', {}, 'ambiguous-query'],
    ['list-type other than 2', 'GET', '/bkt?list-type=1', {}, 'no-matching-operation'],
    ['select without select-type=2', 'POST', '/bkt/k?select', {}, 'no-matching-operation'],
    ['select-type=1', 'POST', '/bkt/k?select&select-type=1', {}, 'no-matching-operation'],
    ['select-type without select', 'POST', '/bkt/k?restore&select-type=2', {}, 'no-matching-operation'],
    ['UploadPart without partNumber', 'PUT', '/bkt/k?uploadId=u', {}, 'no-matching-operation'],
    ['partNumber on a bucket', 'GET', '/bkt?partNumber=1', {}, 'no-matching-operation'],
    ['partNumber on a tagging request', 'GET', '/bkt/k?tagging&partNumber=1', {}, 'no-matching-operation'],
    ['versionId on a bucket', 'GET', '/bkt?versionId=1', {}, 'no-matching-operation'],
    ['id without a subresource that takes it', 'GET', '/bkt?acl&id=1', {}, 'no-matching-operation'],
    ['PUT analytics without id', 'PUT', '/bkt?analytics', {}, 'no-matching-operation'],
    ['annotationName on analytics', 'GET', '/bkt?analytics&annotationName=n', {}, 'no-matching-operation'],
    ['UploadPartCopy without partNumber', 'PUT', '/bkt/k?uploadId=u', { 'x-amz-copy-source': 'a/b' }, 'no-matching-operation'],
    ['path without leading /', 'GET', 'bkt/k', {}, 'malformed-path'],
    ['empty path', 'GET', '', {}, 'malformed-path'],
    ['stray % in the key', 'GET', '/bkt/a%', {}, 'malformed-path'],
    ['bad hex in the key', 'GET', '/bkt/a%zz', {}, 'malformed-path'],
    ['invalid UTF-8 in the key', 'GET', '/bkt/a%C3%28', {}, 'malformed-path'],
    ['lone surrogate bytes in the key', 'GET', '/bkt/%ED%A0%80', {}, 'malformed-path'],
    ['space in the raw path', 'GET', '/bkt/a b', {}, 'malformed-path'],
    ['# in the raw path', 'GET', '/bkt/a#b', {}, 'malformed-path'],
    ['non-ASCII in the raw path', 'GET', '/bkt/é', {}, 'malformed-path'],
    ['invalid bucket name', 'GET', '/Bucket_1/k', {}, 'malformed-bucket'],
    ['encoded bucket name', 'GET', '/b%6Bt/k', {}, 'malformed-bucket'],
    ['short bucket name', 'GET', '/ab', {}, 'malformed-bucket'],
    ['virtual-hosted invalid bucket', 'GET', '/k', { host: 'a_b.s3.example.com' }, 'malformed-bucket'],
    ['broken encoding in a query key', 'GET', '/bkt/k?%zz', {}, 'malformed-query'],
    ['broken encoding in a query value', 'GET', '/bkt/k?versionId=%E0%A4%A', {}, 'malformed-query'],
    
    ['key over 1024 bytes', 'PUT', `/bkt/${'%C3%A9'.repeat(513)}`, {}, 'key-too-long'],
  ];
  for (const [name, method, target, headers, reason] of cases) {
    it(`${name}: ${reason}`, () => assert.equal(reasonOf(classify(method, target, headers)), reason));
  }

  it('a key of exactly 1024 bytes is accepted', () => {
    assert.equal(classify('PUT', `/bkt/${'%C3%A9'.repeat(512)}`).kind, 'operation');
  });

  it('values of parameters the classifier does not read are not decoded', () => {
    const result = classify('GET', '/bkt/k?response-content-type=%&X-Amz-Signature=%zz');
    assert.equal(result.kind === 'operation' ? result.operation : result.reason, 'GetObject');
  });

  it('empty query pieces and x-id are ignored', () => {
    const result = classify('GET', '/bkt/k?&x-id=GetObject&&');
    assert.equal(result.kind === 'operation' ? result.operation : result.reason, 'GetObject');
  });

  it('decoded pairs give the same answer as the raw query', () => {
    const result = classifyS3Request({ method: 'GET', path: '/bkt', query: [{ key: 'list-type', value: '2' }, { key: 'prefix', value: 'a b' }], headers: { host: 's3.example.com' } }, OPTIONS);
    assert.equal(result.kind === 'operation' ? result.context['s3:prefix'] : result.reason, 'a b');
    const twice = classifyS3Request({ method: 'GET', path: '/bkt', query: [{ key: 'acl', value: '' }, { key: 'acl', value: '' }], headers: { host: 's3.example.com' } }, OPTIONS);
    assert.equal(reasonOf(twice), 'ambiguous-query');
  });

  it('unknown answers are frozen and carry nothing but the reason', () => {
    const result = classify('OPTIONS', '/bkt');
    assert.ok(Object.isFrozen(result));
    assert.deepEqual(Object.keys(result).sort(), ['kind', 'reason']);
  });
});

describe('s3/repeated single-valued headers', () => {
  const repeated: [string, string, string, Record<string, string[]>][] = [
    ['bypass-governance on a delete', 'DELETE', '/bkt/k', { 'x-amz-bypass-governance-retention': ['true', 'true'] }],
    ['a copy source', 'PUT', '/bkt/k', { 'x-amz-copy-source': ['/src/a', '/src/b'] }],
    ['a canned ACL', 'PUT', '/bkt/k', { 'x-amz-acl': ['private', 'public-read'] }],
    ['the payload hash', 'PUT', '/bkt/k', { 'x-amz-content-sha256': ['UNSIGNED-PAYLOAD', 'STREAMING-AWS4-HMAC-SHA256-PAYLOAD'] }],
  ];
  for (const [name, method, path, headers] of repeated) {
    it(`refuses ${name} given on two lines, which servers read differently`, () => {
      assert.equal(reasonOf(classify(method, path, headers)), 'malformed-header');
      const once = Object.fromEntries(Object.entries(headers).map(([header, lines]) => [header, lines[0] as string]));
      assert.equal(classify(method, path, once).kind, 'operation');
    });
  }
});
