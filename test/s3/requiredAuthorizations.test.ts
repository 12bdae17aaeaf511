/** Requests that need more than one IAM check. */
import assert from 'node:assert/strict';
import type { S3Headers } from '../../src/s3/index.js';
import { BUCKET_ARN as B, OBJECT_ARN as O } from './fixtures/operationCases.js';
import { checksOf, classify, known, reasonOf } from './s3Helpers.js';

type Case = [name: string, method: string, target: string, headers: S3Headers, checks: [string, string][]];

const cases: Case[] = [
  ['copy: source URL-decoded, leading / dropped', 'PUT', '/bkt/k', { 'x-amz-copy-source': '/src/dir%2Fa%20b.txt' },
    [['s3:PutObject', O], ['s3:GetObject', 'arn:aws:s3:::src/dir/a b.txt']]],
  ['copy: source version', 'PUT', '/bkt/k', { 'x-amz-copy-source': 'src/a.txt?versionId=3%2B4' },
    [['s3:PutObject', O], ['s3:GetObjectVersion', 'arn:aws:s3:::src/a.txt']]],
  ['copy: whole source encoded, / included', 'PUT', '/bkt/k', { 'x-amz-copy-source': 'src%2Fa.txt' },
    [['s3:PutObject', O], ['s3:GetObject', 'arn:aws:s3:::src/a.txt']]],
  ['upload part copy: source version', 'PUT', '/bkt/k?partNumber=1&uploadId=u', { 'x-amz-copy-source': '/src/a?versionId=v' },
    [['s3:PutObject', O], ['s3:GetObjectVersion', 'arn:aws:s3:::src/a']]],
  ['put with canned ACL', 'PUT', '/bkt/k', { 'x-amz-acl': 'public-read' }, [['s3:PutObject', O], ['s3:PutObjectAcl', O]]],
  ['put with a grant header', 'PUT', '/bkt/k', { 'x-amz-grant-read': 'id=1' }, [['s3:PutObject', O], ['s3:PutObjectAcl', O]]],
  ['put with tagging', 'PUT', '/bkt/k', { 'x-amz-tagging': 'a=1' }, [['s3:PutObject', O], ['s3:PutObjectTagging', O]]],
  ['put with retention', 'PUT', '/bkt/k', { 'x-amz-object-lock-mode': 'GOVERNANCE', 'x-amz-object-lock-retain-until-date': '2030-01-01T00:00:00Z' },
    [['s3:PutObject', O], ['s3:PutObjectRetention', O]]],
  ['put with legal hold', 'PUT', '/bkt/k', { 'x-amz-object-lock-legal-hold': 'ON' }, [['s3:PutObject', O], ['s3:PutObjectLegalHold', O]]],
  ['copy with ACL, tagging, retention and legal hold', 'PUT', '/bkt/k', {
    'x-amz-copy-source': 'src/a', 'x-amz-acl': 'private', 'x-amz-tagging': 'a=1', 'x-amz-object-lock-mode': 'COMPLIANCE', 'x-amz-object-lock-legal-hold': 'OFF',
  }, [['s3:PutObject', O], ['s3:GetObject', 'arn:aws:s3:::src/a'], ['s3:PutObjectAcl', O], ['s3:PutObjectTagging', O],
    ['s3:PutObjectRetention', O], ['s3:PutObjectLegalHold', O]]],
  ['multipart upload with ACL and tagging', 'POST', '/bkt/k?uploads', { 'x-amz-grant-full-control': 'id=1', 'x-amz-tagging': '' },
    [['s3:PutObject', O], ['s3:PutObjectAcl', O], ['s3:PutObjectTagging', O]]],
  ['upload part ignores ACL headers', 'PUT', '/bkt/k?partNumber=1&uploadId=u', { 'x-amz-acl': 'private' }, [['s3:PutObject', O]]],
  ['delete bypassing governance', 'DELETE', '/bkt/k?versionId=v', { 'x-amz-bypass-governance-retention': 'TRUE' },
    [['s3:DeleteObjectVersion', O], ['s3:BypassGovernanceRetention', O]]],
  ['delete, bypass false', 'DELETE', '/bkt/k', { 'x-amz-bypass-governance-retention': 'false' }, [['s3:DeleteObject', O]]],
  ['delete objects bypassing governance', 'POST', '/bkt?delete', { 'x-amz-bypass-governance-retention': 'true' },
    [['s3:DeleteObject', `${B}/*`], ['s3:BypassGovernanceRetention', `${B}/*`]]],
  ['retention bypassing governance', 'PUT', '/bkt/k?retention', { 'x-amz-bypass-governance-retention': 'true' },
    [['s3:PutObjectRetention', O], ['s3:BypassGovernanceRetention', O]]],
  ['get attributes of a version', 'GET', '/bkt/k?attributes&versionId=v', {},
    [['s3:GetObjectVersionAttributes', O], ['s3:GetObjectVersion', O]]],
  ['create bucket with ACL, ownership and object lock', 'PUT', '/bkt', {
    'x-amz-acl': 'private', 'x-amz-object-ownership': 'BucketOwnerPreferred', 'x-amz-bucket-object-lock-enabled': 'true',
  }, [['s3:CreateBucket', B], ['s3:PutBucketAcl', B], ['s3:PutBucketOwnershipControls', B],
    ['s3:PutBucketObjectLockConfiguration', B], ['s3:PutBucketVersioning', B]]],
  ['presigned put: ACL in the query counts as the header', 'PUT', '/bkt/k?X-Amz-Algorithm=AWS4-HMAC-SHA256&x-amz-acl=public-read', {},
    [['s3:PutObject', O], ['s3:PutObjectAcl', O]]],
];

describe('s3/requests needing several checks', () => {
  for (const [name, method, target, headers, checks] of cases) {
    it(name, () => assert.deepEqual(checksOf(classify(method, target, headers)), checks));
  }

  it('DeleteObjects and PostObject say the keys are in the body', () => {
    assert.equal(known(classify('POST', '/bkt?delete')).keysInBody, true);
    assert.equal(known(classify('POST', '/bkt', { 'content-type': 'multipart/form-data' })).keysInBody, true);
    assert.equal(known(classify('PUT', '/bkt/k')).keysInBody, false);
  });

  const malformed: [string, string, S3Headers][] = [
    ['copy source without a key', '/bkt/k', { 'x-amz-copy-source': 'src' }],
    ['copy source with an empty key', '/bkt/k', { 'x-amz-copy-source': '/src/' }],
    ['copy source with a bad bucket', '/bkt/k', { 'x-amz-copy-source': 'Src_Bucket/a' }],
    ['copy source with broken encoding', '/bkt/k', { 'x-amz-copy-source': 'src/a%zz' }],
    ['copy source with another parameter', '/bkt/k', { 'x-amz-copy-source': 'src/a?versionId=1&x=2' }],
    ['copy source with an empty version', '/bkt/k', { 'x-amz-copy-source': 'src/a?versionId=' }],
    ['copy source is an access point ARN', '/bkt/k', { 'x-amz-copy-source': 'arn:aws:s3:us-east-1:123456789012:accesspoint/ap/object/a' }],
    ['tagging with broken encoding', '/bkt/k', { 'x-amz-tagging': 'a=%E0%A4%A' }],
    ['tagging with a repeated key', '/bkt/k', { 'x-amz-tagging': 'a=1&a=2' }],
  ];
  for (const [name, target, headers] of malformed) {
    it(`${name}: malformed-header`, () => assert.equal(reasonOf(classify('PUT', target, headers)), 'malformed-header'));
  }
});
