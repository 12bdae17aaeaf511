/**
 * A condition operator is a descriptor in the registry (`registry.ts`), one file per family.
 * A family only says whether one request value matches any of the policy values; the clause
 * logic shared by all (missing keys, `IfExists`, `ForAllValues:` / `ForAnyValue:`, negation)
 * lives in `compileCondition.ts`.
 */
import type { PolicyVersion } from '../model.js';
import type { VariableSource } from '../wildcardMatcher.js';

/** True when `requestValue` matches at least one of the clause's policy values. */
export type ValueTest = (requestValue: string, vars: VariableSource) => boolean;

export interface ConditionOperator {
  readonly name: string;
  /** `value`: compares request values; `null`: tests whether the key is present (`Null`). */
  readonly kind: 'value' | 'null';
  /** Negated operators (`StringNotEquals`, ...) hold when no policy value matches. */
  readonly negated: boolean;
  /** Policy variables are substituted in this operator's values (String* and Arn*). */
  readonly variables: boolean;
  /** Why one policy value is refused, or undefined when it is acceptable. */
  check(value: string, version: PolicyVersion): string | undefined;
  /** Builds the test for a clause's (already checked) policy values. */
  compile(values: readonly string[], version: PolicyVersion): ValueTest;
}

/** Builds a positive and a negated descriptor sharing one value check and test. */
export function operatorPair(
  names: readonly [string, string],
  shared: Omit<ConditionOperator, 'name' | 'negated'>,
): ConditionOperator[] {
  return [
    { ...shared, name: names[0], negated: false },
    { ...shared, name: names[1], negated: true },
  ];
}
