import assert from 'node:assert/strict';
import fc from 'fast-check';
import { PARTITIONS, s3Catalogue, validateAgainstCatalogue } from '../../src/catalogue/index.js';
import { MAX_POLICY_BYTES, minifyPolicy, parsePolicy } from '../../src/policy/index.js';
import { rows, validate } from './catalogueHelpers.js';

const catalogue = s3Catalogue();
const actionNames = catalogue.actions.map((action) => `s3:${action.name}`);

const name = fc.stringMatching(/^[a-z0-9][a-z0-9.-]{0,10}$/);
const key = fc.stringMatching(/^[A-Za-z0-9!_.*'()/-]{1,12}$/);
const action = fc.oneof(
  fc.constantFrom(...actionNames),
  fc.constantFrom(...actionNames).map((text) => text.toUpperCase()),
  fc.constantFrom('*', 's3:*', 's3:Get*', 's3:List*', 's3:*Object', 's3:Put?bject'),
);
const arn = fc.oneof(
  fc.constant('*'),
  fc.tuple(fc.constantFrom(...PARTITIONS, 'aws*', '*'), name).map(([partition, bucket]) => `arn:${partition}:s3:::${bucket}`),
  fc.tuple(fc.constantFrom(...PARTITIONS), name, key).map(([partition, bucket, object]) => `arn:${partition}:s3:::${bucket}/${object}`),
  fc.tuple(name, fc.constantFrom('', 'us-east-1', '*'), fc.constantFrom('', '123456789012', '*'))
    .map(([point, region, account]) => `arn:aws:s3:${region}:${account}:accesspoint/${point}`),
  name.map((bucket) => `arn:aws:s3:::${bucket}/home/\${aws:username}/*`),
);
const condition = fc.constantFrom(
  { StringLike: { 's3:prefix': 'home/*' } },
  { IpAddress: { 'aws:SourceIp': '10.0.0.0/8' } },
  { Bool: { 'aws:SecureTransport': 'true' } },
  { StringEquals: { 's3:ExistingObjectTag/env': 'prod', 'aws:PrincipalTag/team': 'a' } },
  { NumericLessThanEquals: { 's3:max-keys': 100 } },
);
const statement = fc.record(
  {
    Effect: fc.constantFrom('Allow', 'Deny'),
    negateAction: fc.boolean(),
    negateResource: fc.boolean(),
    actions: fc.array(action, { minLength: 1, maxLength: 4 }),
    resources: fc.array(arn, { minLength: 1, maxLength: 3 }),
    Condition: condition,
  },
  { requiredKeys: ['Effect', 'negateAction', 'negateResource', 'actions', 'resources'] },
).map(({ negateAction, negateResource, actions, resources, ...rest }) => ({
  ...rest,
  [negateAction ? 'NotAction' : 'Action']: actions,
  [negateResource ? 'NotResource' : 'Resource']: resources,
}));
const document = fc.array(statement, { minLength: 1, maxLength: 4 })
  .map((list) => ({ Version: '2012-10-17', Statement: list }))
  .filter((doc) => Buffer.byteLength(minifyPolicy(doc)) <= MAX_POLICY_BYTES);

/** An ARN of each resource type an action takes, its placeholders filled in; `*` when it takes none. */
function arnsFor(index: number): string[] {
  const wanted = catalogue.actions[index]?.resourceTypes ?? 0;
  return catalogue.resourceTypes
    .filter((_, bit) => (wanted & (1 << bit)) !== 0)
    .map((type) => type.format.replace(/\$\{([^}]+)\}/g, (_, placeholder: string) => FILL[placeholder] ?? 'name1'));
}
const FILL: Readonly<Record<string, string>> = { Partition: 'aws', Region: 'us-east-1', Account: '123456789012', ObjectName: 'dir/key.txt' };

describe('catalogue: properties', () => {
  it('documents of real actions and well-formed ARNs have no errors', () => {
    fc.assert(fc.property(document, (doc) => {
      const result = validate(doc);
      assert.deepEqual(rows(result.errors), []);
    }), { numRuns: 300 });
  });

  it('the same document gives the same findings', () => {
    fc.assert(fc.property(document, (doc) => {
      const policy = parsePolicy(doc);
      assert.deepEqual(validateAgainstCatalogue(policy), validateAgainstCatalogue(policy));
    }), { numRuns: 50 });
  });

  it('every action on an ARN of each of its own resource types draws no warning', () => {
    catalogue.actions.forEach((entry, index) => {
      for (const resource of arnsFor(index)) {
        const result = validate({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: `s3:${entry.name}`, Resource: resource }] });
        assert.deepEqual([rows(result.errors), rows(result.warnings)], [[], []], `s3:${entry.name} on ${resource}`);
      }
    });
  });
});
