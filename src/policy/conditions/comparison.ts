/** Shared by the numeric and date families: ordered comparisons of parsed values. */
import type { ValueTest } from './types.js';

/**
 * Caches the last parse: a compiled clause often sees the same request value many times in a
 * row (`aws:CurrentTime` across a burst of requests), so parsing once is enough.
 */
export function memoizeLast<T>(parse: (text: string) => T): (text: string) => T {
  let lastText: string | undefined;
  let lastValue = undefined as T;
  return (text) => {
    if (text !== lastText) {
      lastValue = parse(text);
      lastText = text;
    }
    return lastValue;
  };
}

export type Comparison = (request: number, policy: number) => boolean;

/** Numeric and date comparisons by operator suffix; `NotEquals` is `Equals`, negated outside. */
export const COMPARISONS: Readonly<Record<string, Comparison>> = {
  Equals: (a, b) => a === b,
  NotEquals: (a, b) => a === b,
  LessThan: (a, b) => a < b,
  LessThanEquals: (a, b) => a <= b,
  GreaterThan: (a, b) => a > b,
  GreaterThanEquals: (a, b) => a >= b,
};

/** A test comparing a parsed request value against parsed policy values. */
export function comparisonTest(
  policyValues: readonly number[],
  parseRequest: (text: string) => number | undefined,
  compare: Comparison,
): ValueTest {
  return (requestValue) => {
    const value = parseRequest(requestValue);
    if (value === undefined) return false;
    for (const policyValue of policyValues) if (compare(value, policyValue)) return true;
    return false;
  };
}
