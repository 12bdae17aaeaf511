/**
 * `Action`/`NotAction` and `Resource`/`NotResource` compiled into one predicate.
 * Actions compare case-insensitively (AWS): the patterns are lower-cased here and the request
 * action once per evaluation. Resources are case-sensitive and may hold policy variables.
 * A whole-string glob is used for resources: AWS evaluates wildcards within ARN segments but lets
 * a segment's trailing `*` run past colons, and for S3 ARNs (`arn:aws:s3:::bucket/key`, whose
 * sixth segment is the whole path) the two agree; patterns with a `*` inside one of the first
 * five segments may match a little more here than in AWS.
 */
import type { PatternList, PolicyVersion } from './model.js';
import { literalOf, tokenizePattern, type PatternToken } from './patternTokens.js';
import { compileMatcher, MATCH_ALL, type Matcher, type VariableSource } from './wildcardMatcher.js';

export type PatternListMatcher = (text: string, vars: VariableSource) => boolean;

export interface CompiledPatternList {
  readonly matches: PatternListMatcher;
  /** The patterns without wildcards or variables (lower-cased for actions). */
  readonly literals: readonly string[];
  /** True when the list can match text outside `literals` (wildcards, variables, `Not...`). */
  readonly open: boolean;
}

export function compileActions(list: PatternList): CompiledPatternList {
  return compileList(list, (pattern) => tokenizePattern(pattern.toLowerCase(), { wildcards: true, variables: false }));
}

export function compileResources(list: PatternList, version: PolicyVersion): CompiledPatternList {
  const variables = version === '2012-10-17';
  return compileList(list, (pattern) => tokenizePattern(pattern, { wildcards: true, variables }));
}

function compileList(list: PatternList, tokenize: (pattern: string) => PatternToken[]): CompiledPatternList {
  const literals: string[] = [];
  const matchers: Matcher[] = [];
  for (const pattern of list.patterns) {
    const tokens = tokenize(pattern);
    const literal = literalOf(tokens);
    if (literal !== undefined) literals.push(literal);
    else matchers.push(compileMatcher(tokens));
  }
  return {
    matches: listMatcher(new Set(literals), matchers, list.negated),
    literals,
    open: list.negated || matchers.length > 0,
  };
}

function listMatcher(exact: ReadonlySet<string>, matchers: readonly Matcher[], negated: boolean): PatternListMatcher {
  if (matchers.includes(MATCH_ALL)) return () => !negated;
  const only = exact.size === 1 ? ([...exact][0] as string) : undefined;
  if (matchers.length === 0) {
    return only !== undefined ? (text) => negated !== (text === only) : (text) => negated !== exact.has(text);
  }
  return (text, vars) => {
    if (only !== undefined ? text === only : exact.size > 0 && exact.has(text)) return !negated;
    for (const matcher of matchers) if (matcher(text, vars)) return !negated;
    return negated;
  };
}
