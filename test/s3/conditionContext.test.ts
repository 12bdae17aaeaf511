/** Condition keys the classifier puts in the request context. */
import assert from 'node:assert/strict';
import { classify, known } from './s3Helpers.js';

describe('s3/condition keys', () => {
  it('global keys and signature keys for a header-signed request', () => {
    const result = known(classify('GET', '/bkt/k', {
      authorization: 'AWS4-HMAC-SHA256 Credential=AKID/20240101/us-east-1/s3/aws4_request, SignedHeaders=host, Signature=ab',
      'x-amz-content-sha256': 'UNSIGNED-PAYLOAD', 'user-agent': ['aws-cli/2', 'extra'], referer: 'https://example.com/',
    }, { sourceIp: '203.0.113.9', secureTransport: false, signatureAgeMs: 1500 }));
    assert.deepEqual(result.context, {
      'aws:SourceIp': '203.0.113.9',
      'aws:SecureTransport': 'false',
      'aws:UserAgent': 'aws-cli/2,extra',
      'aws:Referer': 'https://example.com/',
      's3:signatureAge': '1500',
      's3:authType': 'REST-HEADER',
      's3:signatureversion': 'AWS4-HMAC-SHA256',
      's3:x-amz-content-sha256': 'UNSIGNED-PAYLOAD',
    });
  });

  it('presigned: REST-QUERY-STRING and the algorithm from the query', () => {
    const result = known(classify('GET', '/bkt/k?X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=a&X-Amz-Signature=b&X-Amz-Date=20240101T000000Z'));
    assert.equal(result.context['s3:authType'], 'REST-QUERY-STRING');
    assert.equal(result.context['s3:signatureversion'], 'AWS4-HMAC-SHA256');
  });

  it('browser form upload: POST', () => {
    assert.equal(known(classify('POST', '/bkt', { 'content-type': 'multipart/form-data; boundary=x' })).context['s3:authType'], 'POST');
  });

  it('anonymous: no authType, no signatureversion', () => {
    const context = known(classify('GET', '/bkt/k')).context;
    assert.equal(context['s3:authType'], undefined);
    assert.equal(context['s3:signatureversion'], undefined);
  });

  it('list keys, present only when sent (an empty prefix is sent)', () => {
    const context = known(classify('GET', '/bkt?list-type=2&prefix=&delimiter=%2F&max-keys=10')).context;
    assert.equal(context['s3:prefix'], '');
    assert.equal(context['s3:delimiter'], '/');
    assert.equal(context['s3:max-keys'], '10');
    assert.equal(Object.hasOwn(known(classify('GET', '/bkt?list-type=2')).context, 's3:prefix'), false);
  });

  it('list keys for ListObjects and ListObjectVersions too; + in the query is a space', () => {
    assert.equal(known(classify('GET', '/bkt?prefix=a+b%2B')).context['s3:prefix'], 'a b+');
    assert.equal(known(classify('GET', '/bkt?versions&prefix=p')).context['s3:prefix'], 'p');
  });

  it('list keys are not emitted for other operations', () => {
    assert.equal(known(classify('GET', '/bkt?uploads&prefix=p')).context['s3:prefix'], undefined);
  });

  it('object creation keys', () => {
    const context = known(classify('PUT', '/bkt/k', {
      'x-amz-acl': 'bucket-owner-full-control', 'x-amz-grant-read': 'id=1', 'x-amz-server-side-encryption': 'aws:kms',
      'x-amz-server-side-encryption-aws-kms-key-id': 'arn:aws:kms:us-east-1:1:key/k', 'x-amz-storage-class': 'GLACIER',
      'x-amz-object-lock-mode': 'GOVERNANCE', 'x-amz-object-lock-retain-until-date': '2030-01-01T00:00:00Z',
      'x-amz-object-lock-legal-hold': 'ON', 'x-amz-tagging': 'team=blue&cost%20center=a%2Bb', 'if-none-match': '*',
    })).context;
    assert.equal(context['s3:x-amz-acl'], 'bucket-owner-full-control');
    assert.equal(context['s3:x-amz-grant-read'], 'id=1');
    assert.equal(context['s3:x-amz-server-side-encryption'], 'aws:kms');
    assert.equal(context['s3:x-amz-server-side-encryption-aws-kms-key-id'], 'arn:aws:kms:us-east-1:1:key/k');
    assert.equal(context['s3:x-amz-storage-class'], 'GLACIER');
    assert.equal(context['s3:object-lock-mode'], 'GOVERNANCE');
    assert.equal(context['s3:object-lock-retain-until-date'], '2030-01-01T00:00:00Z');
    assert.equal(context['s3:object-lock-legal-hold'], 'ON');
    assert.equal(context['s3:RequestObjectTag/team'], 'blue');
    assert.equal(context['s3:RequestObjectTag/cost center'], 'a+b');
    assert.deepEqual(context['s3:RequestObjectTagKeys'], ['team', 'cost center']);
    assert.equal(context['s3:if-none-match'], '*');
  });

  it('copy keys: decoded source and the metadata directive', () => {
    const context = known(classify('PUT', '/bkt/k', { 'x-amz-copy-source': '/src/a%20b?versionId=1', 'x-amz-metadata-directive': 'REPLACE' })).context;
    assert.equal(context['s3:x-amz-copy-source'], 'src/a b');
    assert.equal(context['s3:x-amz-metadata-directive'], 'REPLACE');
  });

  it('object creation keys are not emitted for reads', () => {
    const context = known(classify('GET', '/bkt/k', { 'x-amz-acl': 'private', 'x-amz-server-side-encryption': 'AES256' })).context;
    assert.equal(context['s3:x-amz-acl'], undefined);
    assert.equal(context['s3:x-amz-server-side-encryption'], undefined);
  });

  it('ACL keys for PutObjectAcl and PutBucketAcl', () => {
    assert.equal(known(classify('PUT', '/bkt/k?acl', { 'x-amz-acl': 'private' })).context['s3:x-amz-acl'], 'private');
    assert.equal(known(classify('PUT', '/bkt?acl', { 'x-amz-grant-write': 'id=2' })).context['s3:x-amz-grant-write'], 'id=2');
  });

  it('s3:VersionId from the query', () => {
    assert.equal(known(classify('GET', '/bkt/k?versionId=abc%3D')).context['s3:VersionId'], 'abc=');
  });

  it('CreateBucket: s3:x-amz-object-ownership', () => {
    assert.equal(known(classify('PUT', '/bkt', { 'x-amz-object-ownership': 'ObjectWriter' })).context['s3:x-amz-object-ownership'], 'ObjectWriter');
  });

  it('a presigned x-amz-* query parameter supplies the key when the header is absent, the header wins otherwise', () => {
    assert.equal(known(classify('PUT', '/bkt/k?X-Amz-Storage-Class=STANDARD_IA')).context['s3:x-amz-storage-class'], 'STANDARD_IA');
    assert.equal(known(classify('PUT', '/bkt/k?x-amz-storage-class=A', { 'x-amz-storage-class': 'B' })).context['s3:x-amz-storage-class'], 'B');
  });
});
