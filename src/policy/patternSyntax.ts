/**
 * Syntax of `Action` and `Resource` patterns. Each check returns the reason a pattern is refused,
 * or undefined when it is acceptable.
 */
import type { PolicyVersion } from './model.js';
import { ARN_SEGMENT_COUNT, splitArnSegments } from './arnSegments.js';
import { patternSyntaxProblem, tokenizePattern, type PatternToken } from './patternTokens.js';

/** `service:ActionName`; wildcards only in the action name (`s3:Get*`, `s3:*`), or `*` alone. */
const ACTION = /^[A-Za-z0-9-]+:[A-Za-z0-9*?]+$/;
const CONTROL_CHARS = /[\u0000-\u001f\u007f]/;

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

function checkArnSegments(segments: readonly PatternToken[][]): string | undefined {
  if (segments.length < ARN_SEGMENT_COUNT) return 'an ARN has six colon-separated parts';
  const [prefix, partition, service, , , resource] = segments as [PatternToken[], ...PatternToken[][]];
  if (prefix.length !== 1 || prefix[0] !== 'arn') return 'an ARN starts with "arn:"';
  if (partition?.length === 0) return 'the partition is empty';
  if (service === undefined || service.length === 0) return 'the service is empty';
  if (service.some((token) => typeof token !== 'string')) return 'the service cannot hold a wildcard or variable';
  if (resource?.length === 0) return 'the resource part is empty';
  return undefined;
}

