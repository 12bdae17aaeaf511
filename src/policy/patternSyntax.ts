/**
 * Syntax of `Action` and `Resource` patterns. Each check returns the reason a pattern is refused,
 * or undefined when it is acceptable.
 */
import type { PolicyVersion } from './model.js';
import { patternSyntaxProblem, tokenizePattern, type PatternToken } from './patternTokens.js';

/** `service:ActionName`; wildcards only in the action name (`s3:Get*`, `s3:*`), or `*` alone. */
const ACTION = /^[A-Za-z0-9-]+:[A-Za-z0-9*?]+$/;
const CONTROL_CHARS = /[\u0000-\u001f\u007f]/;
const ARN_SEGMENTS = ['arn', 'partition', 'service', 'region', 'account', 'resource'] as const;

export function checkAction(pattern: string): string | undefined {
  if (pattern === '*' || ACTION.test(pattern)) return undefined;
  return `${JSON.stringify(pattern)} is not a valid action`;
}

/** `*`, or `arn:partition:service:region:account:resource` with wildcards and variables. */
export function checkResource(pattern: string, version: PolicyVersion): string | undefined {
  const refused = `${JSON.stringify(pattern)} is not a valid resource`;
  if (pattern === '*') return undefined;
  if (CONTROL_CHARS.test(pattern)) return `${refused}: it contains a control character`;
  const options = { wildcards: true, variables: version === '2012-10-17' };
  const problem =
    patternSyntaxProblem(pattern, options) ?? checkArnSegments(splitArnSegments(tokenizePattern(pattern, options)));
  return problem === undefined ? undefined : `${refused}: ${problem}`;
}

/** Splits on the first five colons of literal text; the resource segment keeps later colons. */
function splitArnSegments(tokens: readonly PatternToken[]): PatternToken[][] {
  const segments: PatternToken[][] = [[]];
  for (const token of tokens) {
    if (typeof token !== 'string') {
      (segments[segments.length - 1] as PatternToken[]).push(token);
      continue;
    }
    let rest = token;
    let colon = rest.indexOf(':');
    while (colon >= 0 && segments.length < ARN_SEGMENTS.length) {
      if (colon > 0) (segments[segments.length - 1] as PatternToken[]).push(rest.slice(0, colon));
      segments.push([]);
      rest = rest.slice(colon + 1);
      colon = rest.indexOf(':');
    }
    if (rest !== '') (segments[segments.length - 1] as PatternToken[]).push(rest);
  }
  return segments;
}

function checkArnSegments(segments: readonly PatternToken[][]): string | undefined {
  if (segments.length < ARN_SEGMENTS.length) return 'an ARN has six colon-separated parts';
  const [prefix, partition, service, , , resource] = segments as [PatternToken[], ...PatternToken[][]];
  if (prefix.length !== 1 || prefix[0] !== 'arn') return 'an ARN starts with "arn:"';
  if (partition?.length === 0) return 'the partition is empty';
  if (service === undefined || service.length === 0) return 'the service is empty';
  if (service.some((token) => typeof token !== 'string')) return 'the service cannot hold a wildcard or variable';
  if (resource?.length === 0) return 'the resource part is empty';
  return undefined;
}

