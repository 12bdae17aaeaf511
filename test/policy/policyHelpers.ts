/** Shared by the policy tests: build, compile and ask small policies. */
import {
  compilePolicy,
  evaluateOne,
  parsePolicy,
  type CompiledPolicy,
  type PolicyVersion,
  type RequestContext,
} from '../../src/policy/index.js';

export const ANY_ACTION = 's3:GetObject';
export const ANY_RESOURCE = 'arn:aws:s3:::bucket/key';

export function compile(document: unknown, name?: string): CompiledPolicy {
  return compilePolicy(parsePolicy(document), { name });
}

export function allowWith(condition: unknown, version: PolicyVersion = '2012-10-17'): CompiledPolicy {
  return compile({ Version: version, Statement: [{ Effect: 'Allow', Action: '*', Resource: '*', Condition: condition }] });
}

/** True when a `Condition` block holds for `context`. */
export function conditionHolds(condition: unknown, context: RequestContext, version?: PolicyVersion): boolean {
  const policy = allowWith(condition, version);
  return evaluateOne(policy, { action: ANY_ACTION, resource: ANY_RESOURCE, context }).decision === 'Allow';
}

/** A table row: name, condition block, request context, whether the condition holds. */
export type ConditionCase = readonly [string, Record<string, unknown>, RequestContext, boolean];

export function runConditionCases(cases: readonly ConditionCase[]): void {
  for (const [name, condition, context, want] of cases) {
    it(name, () => {
      if (conditionHolds(condition, context) !== want) {
        throw new Error(`expected ${JSON.stringify(condition)} with ${JSON.stringify(context)} to be ${want}`);
      }
    });
  }
}
