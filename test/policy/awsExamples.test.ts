import assert from 'node:assert/strict';
import { evaluate, evaluateOne } from '../../src/policy/index.js';
import { AWS_EXAMPLES } from './fixtures/awsExamples.js';
import { compile } from './policyHelpers.js';

describe('policy: AWS-documented examples', () => {
  for (const example of AWS_EXAMPLES) {
    describe(example.title, () => {
      const policy = compile(example.document);
      for (const check of example.checks) {
        it(check.name, () => {
          assert.equal(evaluateOne(policy, check).decision, check.want);
          const combined = evaluate([policy], check).decision;
          assert.equal(combined, check.want === 'Allow' ? 'Allow' : 'Deny');
        });
      }
    });
  }

  describe('session policies (policy evaluation logic)', () => {
    const user = compile({ Version: '2012-10-17', Statement: { Effect: 'Allow', Action: 's3:*', Resource: '*' } });
    const session = compile({ Version: '2012-10-17', Statement: { Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::a/*' } });
    const cases: [string, string, string, string][] = [
      ['allowed by both', 's3:GetObject', 'arn:aws:s3:::a/x', 'Allowed'],
      ['allowed by the user only', 's3:PutObject', 'arn:aws:s3:::a/x', 'ImplicitDeny'],
      ['outside the session resources', 's3:GetObject', 'arn:aws:s3:::b/x', 'ImplicitDeny'],
    ];
    for (const [name, action, resource, reason] of cases) {
      it(name, () => assert.equal(evaluate([user, session], { action, resource, context: {} }).reason, reason));
    }
  });
});
