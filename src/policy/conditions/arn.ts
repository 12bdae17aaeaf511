/** ArnEquals, ArnNotEquals, ArnLike, ArnNotLike: per-segment matching with wildcards. */
import type { PolicyVersion } from '../model.js';
import { patternSyntaxProblem } from '../patternTokens.js';
import { operatorPair, type ConditionOperator } from './types.js';

/** Colons that separate the six ARN segments; the resource segment may hold more. */
export const ARN_SEPARATORS = 5;

function checkArn(value: string, version: PolicyVersion): string | undefined {
  const variables = version === '2012-10-17';
  const syntax = patternSyntaxProblem(value, { wildcards: true, variables });
  if (syntax !== undefined) return syntax;
  if (value === '*' || (variables && value.startsWith('${'))) return undefined;
  const colons = value.split(':').length - 1;
  return value.startsWith('arn:') && colons >= ARN_SEPARATORS
    ? undefined
    : `${JSON.stringify(value)} is not an ARN`;
}

const shared = { kind: 'value', variables: true, check: checkArn } as const;

export const ARN_OPERATORS: readonly ConditionOperator[] = [
  ...operatorPair(['ArnEquals', 'ArnNotEquals'], shared),
  ...operatorPair(['ArnLike', 'ArnNotLike'], shared),
];
