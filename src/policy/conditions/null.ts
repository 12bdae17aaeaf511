/**
 * Null: `true` holds when the key is absent from the request, `false` when it is present.
 * `compileCondition` passes `"true"` (absent) or `"false"` (present) as the request value.
 */
import { checkBool, compileBool } from './bool.js';
import type { ConditionOperator } from './types.js';

export const NULL_OPERATORS: readonly ConditionOperator[] = [
  { name: 'Null', kind: 'null', negated: false, variables: false, check: checkBool, compile: compileBool },
];
