/** StringEquals, StringNotEquals, StringEqualsIgnoreCase, StringNotEqualsIgnoreCase, StringLike, StringNotLike. */
import type { PolicyVersion } from '../model.js';
import { literalOf, patternSyntaxProblem, tokenizePattern } from '../patternTokens.js';
import { compileMatcher, type Matcher } from '../wildcardMatcher.js';
import { operatorPair, type ConditionOperator, type ValueTest } from './types.js';

interface StringMode {
  readonly wildcards: boolean;
  readonly ignoreCase: boolean;
}

function checkString(value: string, version: PolicyVersion): string | undefined {
  return patternSyntaxProblem(value, { wildcards: false, variables: version === '2012-10-17' });
}

/** Literal values go in a Set; values with variables or wildcards get matchers. */
function compileStrings(mode: StringMode) {
  return (values: readonly string[], version: PolicyVersion): ValueTest => {
    const exact = new Set<string>();
    const matchers: Matcher[] = [];
    for (const value of values) {
      const tokens = tokenizePattern(value, { wildcards: mode.wildcards, variables: version === '2012-10-17' });
      const literal = literalOf(tokens);
      if (literal !== undefined) exact.add(mode.ignoreCase ? literal.toLowerCase() : literal);
      else matchers.push(compileMatcher(tokens, mode.ignoreCase));
    }
    return (requestValue, vars) => {
      const text = mode.ignoreCase ? requestValue.toLowerCase() : requestValue;
      if (exact.has(text)) return true;
      for (const matcher of matchers) if (matcher(text, vars)) return true;
      return false;
    };
  };
}

const family = (mode: StringMode) =>
  ({ kind: 'value', variables: true, check: checkString, compile: compileStrings(mode) }) as const;

export const STRING_OPERATORS: readonly ConditionOperator[] = [
  ...operatorPair(['StringEquals', 'StringNotEquals'], family({ wildcards: false, ignoreCase: false })),
  ...operatorPair(['StringEqualsIgnoreCase', 'StringNotEqualsIgnoreCase'], family({ wildcards: false, ignoreCase: true })),
  ...operatorPair(['StringLike', 'StringNotLike'], family({ wildcards: true, ignoreCase: false })),
];
