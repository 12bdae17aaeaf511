import assert from 'node:assert/strict';
import { rows, validate, validateStatement } from './catalogueHelpers.js';

const BUCKET = 'arn:aws:s3:::bucket';
const OBJECTS = 'arn:aws:s3:::bucket/*';

/** name, statement (Effect Allow), the errors and the warnings wanted, as `code field value`. */
type Case = readonly [string, Record<string, unknown>, readonly string[], readonly string[]];

const actionCases: Case[] = [
  ['a misspelt S3 action', { Action: 's3:GetObjcet', Resource: '*' }, ['UnknownAction Action s3:GetObjcet'], []],
  ['the action spelt right', { Action: 's3:GetObject', Resource: '*' }, [], []],
  ['actions compare without case', { Action: 'S3:getobject', Resource: '*' }, [], []],
  ['a misspelt action under NotAction', { NotAction: 's3:PutObjekt', Resource: '*' }, ['UnknownAction NotAction s3:PutObjekt'], []],
  ['an unknown service', { Action: 's4:GetObject', Resource: '*' }, ['UnknownService Action s4:GetObject'], []],
  ['an unknown service under NotAction', { NotAction: 'nosuch:Thing', Resource: '*' }, ['UnknownService NotAction nosuch:Thing'], []],
  ['a wildcard matching nothing', { Action: 's3:Get*Foo', Resource: '*' }, [], ['ActionMatchesNothing Action s3:Get*Foo']],
  ['a wildcard matching something', { Action: ['s3:Get*Tagging', 's3:Put?bject'], Resource: '*' }, [], []],
  ['a wildcard matching nothing under NotAction', { NotAction: 's3:Zap*', Resource: '*' }, [], ['ActionMatchesNothing NotAction s3:Zap*']],
  ['an action of another service', { Action: 'ec2:RunInstances', Resource: '*' }, [], ['ActionNotForS3 Action ec2:RunInstances']],
  ['another service under NotAction', { NotAction: 'iam:ChangePassword', Resource: '*' }, [], []],
  ['every action', { Action: '*', Resource: '*' }, [], []],
];

const resourceCases: Case[] = [
  ['not an ARN', { Action: 's3:GetObject', Resource: 'arn:aws-xyz:s3:::bucket/*' }, ['MalformedArn Resource arn:aws-xyz:s3:::bucket/*'], []],
  ['the China partition', { Action: 's3:GetObject', Resource: 'arn:aws-cn:s3:::bucket/*' }, [], []],
  ['a partition wildcard that can be aws', { Action: 's3:GetObject', Resource: 'arn:aws*:s3:::bucket/*' }, [], []],
  ['a partition wildcard that cannot', { Action: 's3:GetObject', Resource: 'arn:gcp*:s3:::bucket/*' }, ['MalformedArn Resource arn:gcp*:s3:::bucket/*'], []],
  ['a bad partition under NotResource', { Action: 's3:GetObject', NotResource: 'arn:azure:s3:::b' }, ['MalformedArn NotResource arn:azure:s3:::b'], []],
  ['an object action on a bucket ARN', { Action: 's3:GetObject', Resource: BUCKET }, [], ['ResourceNeverMatches Resource s3:GetObject']],
  ['an object action on object ARNs', { Action: 's3:GetObject', Resource: OBJECTS }, [], []],
  ['a bucket action on object ARNs', { Action: 's3:ListBucket', Resource: OBJECTS }, [], ['ResourceNeverMatches Resource s3:ListBucket']],
  ['a bucket action on a bucket ARN', { Action: 's3:ListBucket', Resource: BUCKET }, [], []],
  ['ListAllMyBuckets on the service ARN', { Action: 's3:ListAllMyBuckets', Resource: 'arn:aws:s3:::*' }, [], []],
  ['ListAllMyBuckets on one bucket', { Action: 's3:ListAllMyBuckets', Resource: BUCKET }, [], ['ResourceNeverMatches Resource s3:ListAllMyBuckets']],
  ['ListAllMyBuckets on *', { Action: 's3:ListAllMyBuckets', Resource: '*' }, [], []],
  ['a pattern that may be a bucket or an object', { Action: ['s3:GetObject', 's3:ListBucket'], Resource: 'arn:aws:s3:::bucket*' }, [], []],
  ['one resource of several is enough', { Action: ['s3:GetObject', 's3:ListBucket'], Resource: [BUCKET, OBJECTS] }, [], []],
  ['a variable may hold a slash', { Action: 's3:GetObject', Resource: 'arn:aws:s3:::${aws:username}' }, [], []],
  ['another service\'s ARN', { Action: 's3:GetObject', Resource: 'arn:aws:iam::123456789012:user/x' }, [], ['ResourceNeverMatches Resource s3:GetObject']],
  ['a wildcard action none of whose actions fits', { Action: 's3:*Object', Resource: BUCKET }, [], ['ResourceNeverMatches Resource s3:*Object']],
  ['a wildcard action one of whose actions fits', { Action: 's3:Get*', Resource: BUCKET }, [], []],
  ['NotResource never warns', { Action: 's3:GetObject', NotResource: BUCKET }, [], []],
  ['NotAction never warns', { NotAction: 's3:GetObject', Resource: BUCKET }, [], []],
];

const conditionCases: Case[] = [
  ['a key no action of the statement has', { Action: 's3:GetObject', Resource: OBJECTS, Condition: { StringLike: { 's3:prefix': 'home/' } } },
    [], ['ConditionKeyNotApplicable Condition s3:prefix']],
  ['the key with its action', { Action: 's3:ListBucket', Resource: BUCKET, Condition: { StringLike: { 's3:prefix': 'home/' } } }, [], []],
  ['a key of a resource type of the action', { Action: 's3:ListBucket', Resource: BUCKET, Condition: { StringEquals: { 's3:BucketTag/team': 'a' } } }, [], []],
  ['an object tag key on a bucket action', { Action: 's3:ListBucket', Resource: BUCKET, Condition: { StringEquals: { 's3:ExistingObjectTag/team': 'a' } } },
    [], ['ConditionKeyNotApplicable Condition s3:ExistingObjectTag/team']],
  ['an object tag key on an object action', { Action: 's3:GetObject', Resource: OBJECTS, Condition: { StringEquals: { 's3:existingobjecttag/team': 'a' } } }, [], []],
  ['a tag pattern needs a tag name', { Action: 's3:GetObject', Resource: OBJECTS, Condition: { StringEquals: { 's3:ExistingObjectTag/': 'a' } } },
    [], ['UnknownConditionKey Condition s3:ExistingObjectTag/']],
  ['a misspelt S3 key', { Action: 's3:ListBucket', Resource: BUCKET, Condition: { StringLike: { 's3:prefixx': 'a' } } },
    [], ['UnknownConditionKey Condition s3:prefixx']],
  ['a misspelt global key', { Action: 's3:GetObject', Resource: OBJECTS, Condition: { IpAddress: { 'aws:SourceIpp': '10.0.0.0/8' } } },
    [], ['UnknownConditionKey Condition aws:SourceIpp']],
  ['global keys, any case', { Action: 's3:GetObject', Resource: OBJECTS,
    Condition: { IpAddress: { 'aws:sourceip': '10.0.0.0/8' }, StringEquals: { 'aws:PrincipalTag/team': 'a', 'AWS:RequestTag/x': 'y', 'aws:Referer': 'r' } } }, [], []],
  ['a key of another service', { Action: 's3:GetObject', Resource: OBJECTS, Condition: { StringEquals: { 'ec2:Region': 'x' } } },
    [], ['UnknownConditionKey Condition ec2:Region']],
  ['one key under two operators is one finding', { Action: 's3:GetObject', Resource: OBJECTS,
    Condition: { StringLike: { 's3:prefix': 'a' }, StringNotLike: { 's3:prefix': 'b' } } }, [], ['ConditionKeyNotApplicable Condition s3:prefix']],
  ['NotAction keeps the actions it does not exclude', { NotAction: 's3:ListBucket*', Resource: '*', Condition: { StringLike: { 's3:prefix': 'a' } } },
    [], ['ConditionKeyNotApplicable Condition s3:prefix']],
  ['NotAction of another action keeps ListBucket', { NotAction: 's3:GetObject', Resource: '*', Condition: { StringLike: { 's3:prefix': 'a' } } }, [], []],
];

describe('catalogue: validateAgainstCatalogue', () => {
  for (const [group, cases] of [['Action', actionCases], ['Resource', resourceCases], ['Condition', conditionCases]] as const) {
    describe(group, () => {
      for (const [name, statement, errors, warnings] of cases) {
        it(name, () => {
          const result = validateStatement(statement);
          assert.deepEqual({ errors: rows(result.errors), warnings: rows(result.warnings) }, { errors, warnings });
        });
      }
    });
  }

  it('names the statement by index and Sid, and the field, in the message', () => {
    const { errors } = validate({
      Version: '2012-10-17',
      Statement: [
        { Effect: 'Allow', Action: 's3:GetObject', Resource: '*' },
        { Sid: 'Read', Effect: 'Allow', Action: 's3:GetObjcet', Resource: '*' },
      ],
    });
    assert.equal(errors.length, 1);
    const [finding] = errors;
    assert.deepEqual([finding?.statement, finding?.sid, finding?.field], [1, 'Read', 'Action']);
    assert.match(finding?.message ?? '', /^Statement\[1\] \(Sid "Read"\): Action: "s3:GetObjcet" .*did you mean "s3:GetObject"/);
  });

  it('lists findings in document order: statement, then Action, Resource, Condition', () => {
    const result = validate({
      Version: '2012-10-17',
      Statement: [
        { Effect: 'Allow', Action: ['s3:Nope*', 'ec2:RunInstances', 's3:GetObject'], Resource: BUCKET, Condition: { StringLike: { 's3:prefix': 'a', 'x:y': 'b' } } },
        { Effect: 'Deny', Action: ['s3:GetObjcet', 'zz:Top'], Resource: ['arn:nope:s3:::b', '*'] },
      ],
    });
    assert.deepEqual(rows(result.errors), [
      'UnknownAction Action s3:GetObjcet', 'UnknownService Action zz:Top', 'MalformedArn Resource arn:nope:s3:::b',
    ]);
    assert.deepEqual(rows(result.warnings), [
      'ActionMatchesNothing Action s3:Nope*', 'ActionNotForS3 Action ec2:RunInstances', 'ResourceNeverMatches Resource s3:GetObject',
      'ConditionKeyNotApplicable Condition s3:prefix', 'UnknownConditionKey Condition x:y',
    ]);
    assert.deepEqual(result.errors.map((finding) => finding.statement), [1, 1, 1]);
  });

  it('skips "can never match" when a resource is malformed: the error says enough', () => {
    const result = validateStatement({ Action: 's3:GetObject', Resource: [BUCKET, 'arn:bad:s3:::x'] });
    assert.deepEqual([rows(result.errors), rows(result.warnings)], [['MalformedArn Resource arn:bad:s3:::x'], []]);
  });

  it('keeps ${...} literal under Version 2008-10-17', () => {
    const result = validate({ Version: '2008-10-17', Statement: [{ Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::${aws:username}' }] });
    assert.deepEqual(rows(result.warnings), ['ResourceNeverMatches Resource s3:GetObject']);
  });
});
