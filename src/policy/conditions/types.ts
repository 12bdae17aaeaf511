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

/**
 * Caches the last parse: a compiled clause often sees the same request value many times in a
 * row (`aws:CurrentTime` across a burst of requests), so parsing once is enough.
 */
export function memoizeLast<T>(parse: (text: string) => T): (text: string) => T {
  let lastText: string | undefined;
  let lastValue = undefined as T;
  return (text) => {
    if (text !== lastText) {
      lastValue = parse(text);
      lastText = text;
    }
    return lastValue;
  };
}

export type Comparison = (request: number, policy: number) => boolean;

/** Numeric and date comparisons by operator suffix; `NotEquals` is `Equals`, negated outside. */
export const COMPARISONS: Readonly<Record<string, Comparison>> = {
  Equals: (a, b) => a === b,
  NotEquals: (a, b) => a === b,
  LessThan: (a, b) => a < b,
  LessThanEquals: (a, b) => a <= b,
  GreaterThan: (a, b) => a > b,
  GreaterThanEquals: (a, b) => a >= b,
};

/** A test comparing a parsed request value against parsed policy values. */
export function comparisonTest(
  policyValues: readonly number[],
  parseRequest: (text: string) => number | undefined,
  compare: Comparison,
): ValueTest {
  return (requestValue) => {
    const value = parseRequest(requestValue);
    if (value === undefined) return false;
    for (const policyValue of policyValues) if (compare(value, policyValue)) return true;
    return false;
  };
}
