/** Bool. */
import type { ConditionOperator, ValueTest } from './types.js';

/** `true`/`false` in any case; undefined for anything else. */
export function parseBoolValue(text: string): boolean | undefined {
  if (text === 'true') return true;
  if (text === 'false') return false;
  const lower = text.toLowerCase();
  return lower === 'true' ? true : lower === 'false' ? false : undefined;
}

export function checkBool(value: string): string | undefined {
  return parseBoolValue(value) === undefined ? `${JSON.stringify(value)} is not true or false` : undefined;
}

export function compileBool(values: readonly string[]): ValueTest {
  const wanted = new Set(values.map(parseBoolValue));
  return (requestValue) => {
    const value = parseBoolValue(requestValue);
    return value !== undefined && wanted.has(value);
  };
}

export const BOOL_OPERATORS: readonly ConditionOperator[] = [
  { name: 'Bool', kind: 'value', negated: false, variables: false, check: checkBool, compile: compileBool },
];
