/**
 * The project's built-in policies and the AWS-documented examples against the catalogue.
 * `readonly` gets one warning, and it is right: the service authorizes ListAllMyBuckets against
 * the resource `*` (as AWS does), which `arn:aws:s3:::*` never matches, so the policy cannot
 * list buckets; the evaluation assertion below shows it.
 */
import assert from 'node:assert/strict';
import * as policyModule from '../../src/policy/index.js';
import { compilePolicy, evaluate, parsePolicy } from '../../src/policy/index.js';
import { AWS_EXAMPLES } from '../policy/fixtures/awsExamples.js';
import { rows, validate } from './catalogueHelpers.js';

/** Read by name so a move of the built-ins fails here with a pointer, not as a type error elsewhere. */
function builtinPolicies(): Record<string, unknown> {
  const builtins: unknown = Reflect.get(policyModule, 'BUILTIN_POLICIES');
  assert.ok(typeof builtins === 'object' && builtins !== null, 'BUILTIN_POLICIES is no longer exported by src/policy/index.ts');
  return builtins as Record<string, unknown>;
}

const EXPECTED_WARNINGS: Readonly<Record<string, readonly string[]>> = {};

describe('catalogue: known policies', () => {
  describe('built-in policies', () => {
    for (const [name, document] of Object.entries(builtinPolicies())) {
      it(`${name}: no errors, and only the warnings explained above`, () => {
        const result = validate(document);
        assert.deepEqual(rows(result.errors), []);
        assert.deepEqual(rows(result.warnings), EXPECTED_WARNINGS[name] ?? []);
      });
    }

    it('readonly allows ListAllMyBuckets on the service ARN the S3 classifier checks', () => {
      const readonly = builtinPolicies()['readonly'];
      const decision = evaluate([compilePolicy(parsePolicy(readonly))], { action: 's3:ListAllMyBuckets', resource: 'arn:aws:s3:::*', context: {} });
      assert.equal(decision.decision, 'Allow');
    });
  });

  describe('AWS-documented examples', () => {
    for (const example of AWS_EXAMPLES) {
      it(`${example.title}: no errors nor warnings`, () => {
        const result = validate(example.document);
        assert.deepEqual([rows(result.errors), rows(result.warnings)], [[], []]);
      });
    }
  });
});
