/** Bool. */
import type { ConditionOperator } from './types.js';

/** `true`/`false` in any case; undefined for anything else. */
export function parseBoolValue(text: string): boolean | undefined {
  const lower = text.toLowerCase();
  return lower === 'true' ? true : lower === 'false' ? false : undefined;
}

export function checkBool(value: string): string | undefined {
  return parseBoolValue(value) === undefined ? `${JSON.stringify(value)} is not true or false` : undefined;
}

export const BOOL_OPERATORS: readonly ConditionOperator[] = [
  { name: 'Bool', kind: 'value', negated: false, variables: false, check: checkBool },
];
