/** NumericEquals, NumericNotEquals, NumericLessThan(Equals), NumericGreaterThan(Equals). */
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

const NAMES = [
  'NumericEquals', 'NumericNotEquals', 'NumericLessThan',
  'NumericLessThanEquals', 'NumericGreaterThan', 'NumericGreaterThanEquals',
] as const;

export const NUMERIC_OPERATORS: readonly ConditionOperator[] = NAMES.map((name) => ({
  name,
  kind: 'value',
  negated: name === 'NumericNotEquals',
  variables: false,
  check: checkNumber,
}));
