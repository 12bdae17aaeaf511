/** DateEquals, DateNotEquals, DateLessThan(Equals), DateGreaterThan(Equals). */
import { parseDateValue } from './dateValue.js';
import type { ConditionOperator } from './types.js';

function checkDate(value: string): string | undefined {
  return parseDateValue(value) === undefined
    ? `${JSON.stringify(value)} is not an ISO-8601 date or epoch seconds`
    : undefined;
}

const NAMES = [
  'DateEquals', 'DateNotEquals', 'DateLessThan',
  'DateLessThanEquals', 'DateGreaterThan', 'DateGreaterThanEquals',
] as const;

export const DATE_OPERATORS: readonly ConditionOperator[] = NAMES.map((name) => ({
  name,
  kind: 'value',
  negated: name === 'DateNotEquals',
  variables: false,
  check: checkDate,
}));
