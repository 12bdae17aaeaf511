import assert from 'node:assert/strict';
import fc from 'fast-check';
import { evaluate, evaluateOne, type AuthorizationRequest } from '../../src/policy/index.js';
import { compile } from './policyHelpers.js';

const actions = ['s3:GetObject', 's3:Get*', 's3:*', 's3:Put?bject', '*', 's3:ListBucket', 'iam:*'];
const resources = ['*', 'arn:aws:s3:::*', 'arn:aws:s3:::a/*', 'arn:aws:s3:::a', 'arn:aws:s3:::home/${aws:username}/*', 'arn:aws:s3:::?/x*'];
const conditions = [
  undefined,
  { StringEquals: { 'aws:username': 'bob' } },
  { StringNotLike: { 's3:prefix': 'tmp/*' } },
  { IpAddress: { 'aws:SourceIp': '10.0.0.0/8' } },
  { NumericLessThanIfExists: { 's3:max-keys': 100 } },
  { 'ForAllValues:StringEquals': { 'aws:TagKeys': ['a', 'b'] } },
  { Null: { 'aws:TokenIssueTime': true } },
];

const list = <T>(pool: readonly T[]) => fc.array(fc.constantFrom(...pool), { minLength: 1, maxLength: 3 });
const statement = (effect: fc.Arbitrary<'Allow' | 'Deny'>) =>
  fc.record({
    effect, notAction: fc.boolean(), notResource: fc.boolean(),
    actions: list(actions), resources: list(resources), condition: fc.constantFrom(...conditions),
  }).map((s) => ({
    Effect: s.effect,
    [s.notAction ? 'NotAction' : 'Action']: s.actions,
    [s.notResource ? 'NotResource' : 'Resource']: s.resources,
    ...(s.condition === undefined ? {} : { Condition: s.condition }),
  }));
const anyStatement = statement(fc.constantFrom('Allow', 'Deny'));
const statements = fc.array(anyStatement, { minLength: 1, maxLength: 4 });
const document = (list: Record<string, unknown>[]) => ({ Version: '2012-10-17', Statement: list });

const requestArb: fc.Arbitrary<AuthorizationRequest> = fc.record({
  action: fc.constantFrom('s3:GetObject', 's3:PutObject', 's3:listbucket', 'iam:CreateUser', 'ec2:RunInstances'),
  resource: fc.constantFrom('arn:aws:s3:::a', 'arn:aws:s3:::a/k', 'arn:aws:s3:::home/bob/k', 'arn:aws:s3:::b/x1', 'arn:aws:iam::1:user/x'),
  context: fc.record({
    'aws:username': fc.constantFrom('bob', 'ann'),
    'aws:SourceIp': fc.constantFrom('10.1.2.3', '192.0.2.1', '::ffff:10.0.0.1'),
    's3:prefix': fc.constantFrom('tmp/x', 'home/'),
    's3:max-keys': fc.constantFrom('10', '1000'),
    'aws:TagKeys': fc.constantFrom<string[]>([], ['a'], ['a', 'c']),
  }, { requiredKeys: [] }),
});

/** A deliberately naive evaluator for condition-free, variable-free policies: the reference. */
function naiveDecision(document: { Statement: Record<string, unknown>[] }, request: AuthorizationRequest): string {
  const glob = (pattern: string, flags: string) =>
    new RegExp(`^${pattern.replace(/[.+^${}()|[\]\\/-]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.')}$`, `s${flags}`);
  const matches = (statement: Record<string, unknown>, name: string, text: string, flags: string) => {
    const patterns = (statement[name] ?? statement[`Not${name}`]) as string[];
    const any = patterns.some((pattern) => glob(pattern, flags).test(text));
    return statement[name] !== undefined ? any : !any;
  };
  const applying = document.Statement.filter((statement) =>
    matches(statement, 'Action', request.action, 'i') && matches(statement, 'Resource', request.resource, ''));
  if (applying.some((statement) => statement.Effect === 'Deny')) return 'Deny';
  return applying.length > 0 ? 'Allow' : 'NoDecision';
}

describe('policy: properties', () => {
  it('agrees with a naive evaluator on condition-free policies', () => {
    const plain = fc.record({
      effect: fc.constantFrom('Allow', 'Deny'), notAction: fc.boolean(), notResource: fc.boolean(),
      actions: list([...actions, 's3:getobject', 'S3:PUTOBJECT', 's3:List*', 'iam:CreateUser']),
      resources: list(resources.filter((resource) => !resource.includes('$'))),
    }).map((s) => ({
      Effect: s.effect,
      [s.notAction ? 'NotAction' : 'Action']: s.actions,
      [s.notResource ? 'NotResource' : 'Resource']: s.resources,
    }));
    fc.assert(fc.property(fc.array(plain, { minLength: 1, maxLength: 5 }), requestArb, (list, request) => {
      const doc = document(list);
      assert.equal(evaluateOne(compile(doc), request).decision, naiveDecision(doc, request));
    }), { numRuns: 1000 });
  });

  it('adding a Deny statement never turns a Deny into an Allow', () => {
    fc.assert(fc.property(statements, statement(fc.constant('Deny')), requestArb, (base, deny, request) => {
      const before = evaluate([compile(document(base))], request);
      const after = evaluate([compile(document([...base, deny]))], request);
      if (before.decision === 'Deny') assert.equal(after.decision, 'Deny');
    }), { numRuns: 500 });
  });

  it('adding a session policy never widens what is allowed', () => {
    fc.assert(fc.property(statements, statements, requestArb, (user, session, request) => {
      const alone = evaluate([compile(document(user))], request);
      const both = evaluate([compile(document(user)), compile(document(session))], request);
      if (both.decision === 'Allow') assert.equal(alone.decision, 'Allow');
      if (alone.reason === 'ExplicitDeny') assert.equal(both.reason, 'ExplicitDeny');
    }), { numRuns: 500 });
  });

  it('the order of policies does not change the decision', () => {
    fc.assert(fc.property(statements, statements, requestArb, (first, second, request) => {
      const a = compile(document(first));
      const b = compile(document(second));
      assert.equal(evaluate([a, b], request).decision, evaluate([b, a], request).decision);
    }), { numRuns: 300 });
  });

  it('Allow */* without conditions allows any action on any resource', () => {
    const all = compile(document([{ Effect: 'Allow', Action: '*', Resource: '*' }]));
    const text = fc.string({ minLength: 1, maxLength: 30 });
    fc.assert(fc.property(text, text, (service, name) => {
      const result = evaluate([all], { action: `${service}:${name}`, resource: `arn:aws:${service}:::${name}`, context: {} });
      assert.equal(result.decision, 'Allow');
    }), { numRuns: 500 });
  });
});
