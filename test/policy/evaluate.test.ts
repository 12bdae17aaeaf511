import assert from 'node:assert/strict';
import { evaluate, evaluateOne, type AuthorizationRequest } from '../../src/policy/index.js';
import { compile } from './policyHelpers.js';

const V = '2012-10-17';
const request = (action: string, resource: string, context: AuthorizationRequest['context'] = {}): AuthorizationRequest => ({
  action, resource, context,
});
const get = request('s3:GetObject', 'arn:aws:s3:::bucket/key');

const readBucket = compile({ Version: V, Statement: [
  { Sid: 'Read', Effect: 'Allow', Action: ['s3:GetObject', 's3:List*'], Resource: ['arn:aws:s3:::bucket', 'arn:aws:s3:::bucket/*'] },
] }, 'user');
const denySecret = compile({ Version: V, Statement: [
  { Effect: 'Allow', Action: '*', Resource: '*' },
  { Sid: 'NoSecret', Effect: 'Deny', Action: 's3:*', Resource: 'arn:aws:s3:::bucket/secret/*' },
] }, 'session');
const putOnly = compile({ Version: V, Statement: { Effect: 'Allow', Action: 's3:PutObject', Resource: '*' } }, 'put');

describe('policy/evaluateOne', () => {
  const cases: [string, AuthorizationRequest, 'Allow' | 'Deny' | 'NoDecision', number | undefined][] = [
    ['allowed action and resource', get, 'Allow', 0],
    ['action is case-insensitive', request('S3:GETOBJECT', 'arn:aws:s3:::bucket/key'), 'Allow', 0],
    ['action wildcard', request('s3:ListBucket', 'arn:aws:s3:::bucket'), 'Allow', 0],
    ['resource is case-sensitive', request('s3:GetObject', 'arn:aws:s3:::Bucket/key'), 'NoDecision', undefined],
    ['other action', request('s3:PutObject', 'arn:aws:s3:::bucket/key'), 'NoDecision', undefined],
    ['other bucket', request('s3:GetObject', 'arn:aws:s3:::other/key'), 'NoDecision', undefined],
  ];
  for (const [name, input, want, index] of cases) {
    it(name, () => {
      const outcome = evaluateOne(readBucket, input);
      assert.equal(outcome.decision, want);
      assert.equal(outcome.statement?.index, index);
    });
  }

  it('checks Deny statements before Allow statements', () => {
    const outcome = evaluateOne(denySecret, request('s3:GetObject', 'arn:aws:s3:::bucket/secret/x'));
    assert.deepEqual(outcome, { decision: 'Deny', statement: { policy: 'session', sid: 'NoSecret', index: 1 } });
  });

  it('handles NotAction and NotResource', () => {
    const policy = compile({ Version: V, Statement: [
      { Effect: 'Allow', NotAction: 's3:Delete*', NotResource: 'arn:aws:s3:::locked/*' },
    ] });
    assert.equal(evaluateOne(policy, get).decision, 'Allow');
    assert.equal(evaluateOne(policy, request('s3:DeleteObject', 'arn:aws:s3:::bucket/key')).decision, 'NoDecision');
    assert.equal(evaluateOne(policy, request('s3:GetObject', 'arn:aws:s3:::locked/key')).decision, 'NoDecision');
  });

  it('substitutes variables in resources and refuses when they are unresolved', () => {
    const policy = compile({ Version: V, Statement: { Effect: 'Allow', Action: 's3:*', Resource: 'arn:aws:s3:::home/${aws:username}/*' } });
    const home = request('s3:GetObject', 'arn:aws:s3:::home/bob/a', { 'aws:username': 'bob' });
    assert.equal(evaluateOne(policy, home).decision, 'Allow');
    assert.equal(evaluateOne(policy, { ...home, context: { 'aws:username': 'ann' } }).decision, 'NoDecision');
    assert.equal(evaluateOne(policy, { ...home, context: {} }).decision, 'NoDecision');
  });

  it('leaves ${...} literal under Version 2008-10-17', () => {
    const policy = compile({ Version: '2008-10-17', Statement: { Effect: 'Allow', Action: 's3:*', Resource: 'arn:aws:s3:::home/${aws:username}/*' } });
    assert.equal(evaluateOne(policy, request('s3:GetObject', 'arn:aws:s3:::home/bob/a', { 'aws:username': 'bob' })).decision, 'NoDecision');
    assert.equal(evaluateOne(policy, request('s3:GetObject', 'arn:aws:s3:::home/${aws:username}/a')).decision, 'Allow');
  });
});

describe('policy/evaluate', () => {
  it('allows nothing with no policies', () => {
    assert.deepEqual(evaluate([], get), { decision: 'Deny', reason: 'ImplicitDeny' });
  });

  it('reports the allowing statement of the first policy', () => {
    assert.deepEqual(evaluate([readBucket, denySecret], get), {
      decision: 'Allow', reason: 'Allowed', statement: { policy: 'user', sid: 'Read', index: 0 },
    });
  });

  it('lets an explicit deny in any policy win', () => {
    const secret = request('s3:GetObject', 'arn:aws:s3:::bucket/secret/x');
    assert.deepEqual(evaluate([readBucket, denySecret], secret), {
      decision: 'Deny', reason: 'ExplicitDeny', statement: { policy: 'session', sid: 'NoSecret', index: 1 },
    });
  });

  it('finds a later explicit deny after a policy that does not allow', () => {
    const secret = request('s3:PutObject', 'arn:aws:s3:::bucket/secret/x');
    assert.equal(evaluate([readBucket, denySecret], secret).reason, 'ExplicitDeny');
  });

  it('needs every policy to allow (user policy AND session policy)', () => {
    assert.equal(evaluate([readBucket, putOnly], get).reason, 'ImplicitDeny');
    assert.equal(evaluate([putOnly, readBucket], get).reason, 'ImplicitDeny');
    assert.equal(evaluate([readBucket, denySecret], get).reason, 'Allowed');
  });

  it('returns frozen, shared results', () => {
    const result = evaluate([readBucket], get);
    assert.ok(Object.isFrozen(result));
    assert.equal(result, evaluate([readBucket], get));
  });
});
