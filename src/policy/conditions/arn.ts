/**
 * ArnEquals, ArnNotEquals, ArnLike, ArnNotLike. As AWS documents, both Equals and Like accept
 * wildcards and match each of the six colon-separated segments separately (a `*` does not
 * cross a colon here, unlike the Resource element). A value that is only a variable
 * (`${aws:PrincipalArn}`) is compared with the whole request value instead.
 */
import { ARN_SEGMENT_COUNT, splitArn, splitArnSegments } from '../arnSegments.js';
import type { PolicyVersion } from '../model.js';
import { patternSyntaxProblem, tokenizePattern } from '../patternTokens.js';
import { compileMatcher, type Matcher, type VariableSource } from '../wildcardMatcher.js';
import { operatorPair, type ConditionOperator, type ValueTest } from './types.js';

function checkArn(value: string, version: PolicyVersion): string | undefined {
  const variables = version === '2012-10-17';
  const syntax = patternSyntaxProblem(value, { wildcards: true, variables });
  if (syntax !== undefined) return syntax;
  if (value === '*' || (variables && value.startsWith('${'))) return undefined;
  const colons = value.split(':').length - 1;
  return value.startsWith('arn:') && colons >= ARN_SEGMENT_COUNT - 1
    ? undefined
    : `${JSON.stringify(value)} is not an ARN`;
}

type ArnTest = (requestValue: string, parts: readonly string[] | undefined, vars: VariableSource) => boolean;

function compileArnValue(value: string, version: PolicyVersion): ArnTest {
  const tokens = tokenizePattern(value, { wildcards: true, variables: version === '2012-10-17' });
  const segments = splitArnSegments(tokens);
  if (value === '*') return () => true;
  if (segments.length < ARN_SEGMENT_COUNT) {
    const whole = compileMatcher(tokens);
    return (requestValue, _parts, vars) => whole(requestValue, vars);
  }
  const matchers: Matcher[] = segments.map((segment) => compileMatcher(segment));
  return (_requestValue, parts, vars) =>
    parts !== undefined && matchers.every((matcher, i) => matcher(parts[i] as string, vars));
}

function compileArns(values: readonly string[], version: PolicyVersion): ValueTest {
  const tests = values.map((value) => compileArnValue(value, version));
  const parts: string[] = [];
  return (requestValue, vars) => {
    const split = splitArn(requestValue, parts) ? parts : undefined;
    for (const test of tests) if (test(requestValue, split, vars)) return true;
    return false;
  };
}

const shared = { kind: 'value', variables: true, check: checkArn, compile: compileArns } as const;

export const ARN_OPERATORS: readonly ConditionOperator[] = [
  ...operatorPair(['ArnEquals', 'ArnNotEquals'], shared),
  ...operatorPair(['ArnLike', 'ArnNotLike'], shared),
];
