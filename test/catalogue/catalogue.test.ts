import assert from 'node:assert/strict';
import { s3Catalogue } from '../../src/catalogue/index.js';
import { parsePolicy, PolicyValidationError } from '../../src/policy/index.js';

/** The keys AWS's "global condition context keys" page lists that a policy is likely to use. */
const GLOBAL_KEYS = [
  'aws:SourceIp', 'aws:SecureTransport', 'aws:CurrentTime', 'aws:EpochTime', 'aws:username', 'aws:userid',
  'aws:PrincipalArn', 'aws:PrincipalType', 'aws:PrincipalAccount', 'aws:PrincipalOrgID', 'aws:PrincipalTag/team',
  'aws:TokenIssueTime', 'aws:UserAgent', 'aws:Referer', 'aws:RequestTag/env', 'aws:TagKeys', 'aws:ResourceTag/env',
  'aws:MultiFactorAuthPresent', 'aws:MultiFactorAuthAge', 'aws:SourceVpc', 'aws:SourceVpce', 'aws:ViaAWSService',
  'aws:CalledVia', 'aws:CalledViaFirst', 'aws:CalledViaLast', 'aws:RequestedRegion', 'aws:SourceAccount',
  'aws:SourceArn', 'aws:FederatedProvider', 'aws:SourceIdentity', 'aws:ResourceAccount',
];

describe('catalogue: the S3 catalogue', () => {
  const catalogue = s3Catalogue();

  it('is read once', () => assert.equal(s3Catalogue(), catalogue));

  it('holds the S3 actions, indexed in lower case', () => {
    assert.ok(catalogue.actions.length > 150, `${catalogue.actions.length} actions`);
    for (const name of ['s3:getobject', 's3:putobject', 's3:listbucket', 's3:listallmybuckets', 's3:deleteobjectversion']) {
      assert.notEqual(catalogue.actionIndex.get(name), undefined, name);
    }
  });

  it('knows the service prefixes', () => {
    for (const service of ['s3', 'ec2', 'iam', 'sts', 's3-object-lambda']) assert.ok(catalogue.services.has(service), service);
  });

  for (const key of GLOBAL_KEYS) {
    it(`knows the global key ${key}`, () => assert.equal(catalogue.globalConditionKeys.get(key), true));
  }

  it('tag-key patterns need a tag name', () => {
    assert.equal(catalogue.globalConditionKeys.get('aws:PrincipalTag/'), undefined);
    assert.equal(catalogue.globalConditionKeys.get('aws:PrincipalTag'), undefined);
  });
});

/** What `parsePolicy` already refuses, so catalogue validation never sees it. */
const refusedByParser: [string, Record<string, unknown>, string][] = [
  ['an unknown condition operator', { Action: 's3:GetObject', Resource: '*', Condition: { StringEqualz: { 's3:prefix': 'a' } } }, 'Condition'],
  ['IfExists on Null', { Action: 's3:GetObject', Resource: '*', Condition: { NullIfExists: { 's3:prefix': 'true' } } }, 'Condition'],
  ['a resource with five parts', { Action: 's3:GetObject', Resource: 'arn:aws:s3::bucket' }, 'Resource'],
  ['a resource without "arn:"', { Action: 's3:GetObject', Resource: 'bucket/key' }, 'Resource'],
  ['an empty partition', { Action: 's3:GetObject', Resource: 'arn::s3:::bucket' }, 'Resource'],
  ['an empty resource part', { Action: 's3:GetObject', Resource: 'arn:aws:s3:::' }, 'Resource'],
  ['an action without a service', { Action: 'GetObject', Resource: '*' }, 'Action'],
];

describe('catalogue: left to parsePolicy', () => {
  for (const [name, statement, field] of refusedByParser) {
    it(`${name} is refused, naming ${field}`, () => {
      const document = { Version: '2012-10-17', Statement: [{ Sid: 'S', Effect: 'Allow', ...statement }] };
      assert.throws(() => parsePolicy(document), (err: unknown) =>
        err instanceof PolicyValidationError && err.code === 'MalformedPolicyDocument' && err.field === field && err.statement === 'S');
    });
  }
});
