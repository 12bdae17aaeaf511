/** StringEquals, StringNotEquals, StringEqualsIgnoreCase, StringNotEqualsIgnoreCase, StringLike, StringNotLike. */
import type { PolicyVersion } from '../model.js';
import { patternSyntaxProblem } from '../patternTokens.js';
import { operatorPair, type ConditionOperator } from './types.js';

function checkString(value: string, version: PolicyVersion): string | undefined {
  return patternSyntaxProblem(value, { wildcards: false, variables: version === '2012-10-17' });
}

const shared = { kind: 'value', variables: true, check: checkString } as const;

export const STRING_OPERATORS: readonly ConditionOperator[] = [
  ...operatorPair(['StringEquals', 'StringNotEquals'], shared),
  ...operatorPair(['StringEqualsIgnoreCase', 'StringNotEqualsIgnoreCase'], shared),
  ...operatorPair(['StringLike', 'StringNotLike'], shared),
];
