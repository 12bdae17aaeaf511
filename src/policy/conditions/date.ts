/** DateEquals, DateNotEquals, DateLessThan(Equals), DateGreaterThan(Equals), to the millisecond. */
import { parseDateValue } from './dateValue.js';
import { COMPARISONS, comparisonTest, memoizeLast, type Comparison } from './comparison.js';
import type { ConditionOperator } from './types.js';

function checkDate(value: string): string | undefined {
  return parseDateValue(value) === undefined
    ? `${JSON.stringify(value)} is not an ISO-8601 date or epoch seconds`
    : undefined;
}

export const DATE_OPERATORS: readonly ConditionOperator[] = Object.entries(COMPARISONS).map(
  ([suffix, compare]: [string, Comparison]) => ({
    name: `Date${suffix}`,
    kind: 'value',
    negated: suffix === 'NotEquals',
    variables: false,
    check: checkDate,
    compile: (values) =>
      comparisonTest(values.map((value) => parseDateValue(value) as number), memoizeLast(parseDateValue), compare),
  }),
);
