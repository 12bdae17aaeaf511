/**
 * The registry of condition operators, and the grammar of an operator name as written:
 * `[ForAllValues:|ForAnyValue:]<Operator>[IfExists]`.
 */
import { ARN_OPERATORS } from './arn.js';
import { BINARY_OPERATORS } from './binary.js';
import { BOOL_OPERATORS } from './bool.js';
import { DATE_OPERATORS } from './date.js';
import { IP_OPERATORS } from './ip.js';
import { NULL_OPERATORS } from './null.js';
import { NUMERIC_OPERATORS } from './numeric.js';
import { STRING_OPERATORS } from './string.js';
import type { ConditionOperator } from './types.js';

export const CONDITION_OPERATORS: ReadonlyMap<string, ConditionOperator> = new Map(
  [
    ...STRING_OPERATORS, ...NUMERIC_OPERATORS, ...DATE_OPERATORS, ...BOOL_OPERATORS,
    ...BINARY_OPERATORS, ...IP_OPERATORS, ...ARN_OPERATORS, ...NULL_OPERATORS,
  ].map((operator) => [operator.name, operator]),
);

export type SetQualifier = 'ForAllValues' | 'ForAnyValue';

export interface OperatorName {
  readonly operator: ConditionOperator;
  /** How a multi-valued request key is compared; undefined for the plain operator. */
  readonly qualifier: SetQualifier | undefined;
  /** `...IfExists`: the clause holds when the key is missing. */
  readonly ifExists: boolean;
}

const QUALIFIERS: readonly SetQualifier[] = ['ForAllValues', 'ForAnyValue'];
const IF_EXISTS = 'IfExists';

/** The parsed operator name, or the reason it is refused. Names are case-sensitive, as in AWS. */
export function parseOperatorName(written: string): OperatorName | string {
  let rest = written;
  const qualifier = QUALIFIERS.find((prefix) => rest.startsWith(`${prefix}:`));
  if (qualifier !== undefined) rest = rest.slice(qualifier.length + 1);
  const ifExists = rest.endsWith(IF_EXISTS) && !CONDITION_OPERATORS.has(rest);
  if (ifExists) rest = rest.slice(0, -IF_EXISTS.length);
  const operator = CONDITION_OPERATORS.get(rest);
  if (operator === undefined) return `${JSON.stringify(written)} is not a condition operator`;
  if (operator.kind === 'null' && (ifExists || qualifier !== undefined)) {
    return `${JSON.stringify(written)}: Null takes neither IfExists nor a ForAllValues:/ForAnyValue: prefix`;
  }
  return { operator, qualifier, ifExists };
}
