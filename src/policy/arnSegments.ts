import type { PatternToken } from './patternTokens.js';

/** `arn:partition:service:region:account:resource` has six segments. */
export const ARN_SEGMENT_COUNT = 6;

/**
 * Splits tokens on the first five colons of their literal text; the resource segment keeps any
 * later colons. Colons inside a variable's value do not count.
 */
export function splitArnSegments(tokens: readonly PatternToken[]): PatternToken[][] {
  const segments: PatternToken[][] = [[]];
  const current = (): PatternToken[] => segments[segments.length - 1] as PatternToken[];
  for (const token of tokens) {
    if (typeof token !== 'string') {
      current().push(token);
      continue;
    }
    let rest = token;
    let colon = rest.indexOf(':');
    while (colon >= 0 && segments.length < ARN_SEGMENT_COUNT) {
      if (colon > 0) current().push(rest.slice(0, colon));
      segments.push([]);
      rest = rest.slice(colon + 1);
      colon = rest.indexOf(':');
    }
    if (rest !== '') current().push(rest);
  }
  return segments;
}

/**
 * Splits a request ARN into its six segments; false when it has fewer. The `out` array
 * is reused by the caller so the hot path does not allocate a new one each time.
 */
export function splitArn(arn: string, out: string[]): boolean {
  let start = 0;
  for (let i = 0; i < ARN_SEGMENT_COUNT - 1; i++) {
    const colon = arn.indexOf(':', start);
    if (colon < 0) return false;
    out[i] = arn.slice(start, colon);
    start = colon + 1;
  }
  out[ARN_SEGMENT_COUNT - 1] = arn.slice(start);
  return true;
}
