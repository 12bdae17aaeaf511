/** NumericEquals, NumericNotEquals, NumericLessThan(Equals), NumericGreaterThan(Equals). */
import { COMPARISONS, comparisonTest, type Comparison } from './comparison.js';
import type { ConditionOperator } from './types.js';

const NUMBER = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;

/** A finite number, or undefined when the text is not one. */
export function parseNumberValue(text: string): number | undefined {
  if (!NUMBER.test(text)) return undefined;
  const value = Number(text);
  return Number.isFinite(value) ? value : undefined;
}

function checkNumber(value: string): string | undefined {
  return parseNumberValue(value) === undefined ? `${JSON.stringify(value)} is not a number` : undefined;
}

export const NUMERIC_OPERATORS: readonly ConditionOperator[] = Object.entries(COMPARISONS).map(
  ([suffix, compare]: [string, Comparison]) => ({
    name: `Numeric${suffix}`,
    kind: 'value',
    negated: suffix === 'NotEquals',
    variables: false,
    check: checkNumber,
    compile: (values) => comparisonTest(values.map((value) => Number(value)), parseNumberValue, compare),
  }),
);
