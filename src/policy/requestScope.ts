/**
 * The request context as evaluation sees it: keys are case-insensitive (AWS), values are a
 * string or a list of strings (multi-valued keys such as `aws:TagKeys`).
 */
import type { VariableToken } from './patternTokens.js';
import type { VariableSource } from './wildcardMatcher.js';

export type ContextValue = string | readonly string[] | undefined;
export type RequestContext = Readonly<Record<string, ContextValue>>;

export class RequestScope implements VariableSource {
  constructor(private readonly context: RequestContext) {}

  /** The value of `key`; `keyLower` is its lower-case form, computed once per policy. */
  get(key: string, keyLower: string): ContextValue {
    const value = this.context[key];
    // Only strings and arrays count: this also ignores inherited members such as `constructor`.
    if (typeof value === 'string' || Array.isArray(value)) return value;
    return this.findIgnoringCase(keyLower);
  }

  /** A variable takes a single string value; a missing or multi-valued key uses the default. */
  variable(token: VariableToken): string | undefined {
    const value = this.get(token.key, token.keyLower);
    return typeof value === 'string' ? value : token.fallback;
  }

  /**
   * The slow path, taken when the exact spelling is absent (a missing key, or one written in
   * another case). Scans the keys without allocating: most differ in length and stop there.
   */
  private findIgnoringCase(keyLower: string): ContextValue {
    for (const key in this.context) {
      if (key.length !== keyLower.length || !Object.hasOwn(this.context, key)) continue;
      if (!equalsIgnoringCase(key, keyLower)) continue;
      const value = this.context[key];
      if (typeof value === 'string' || Array.isArray(value)) return value;
    }
    return undefined;
  }
}

/** `text.toLowerCase() === lower` for equal lengths, allocating only for non-ASCII text. */
function equalsIgnoringCase(text: string, lower: string): boolean {
  for (let i = 0; i < text.length; i++) {
    let c = text.charCodeAt(i);
    if (c > 127) return text.toLowerCase() === lower;
    if (c >= 65 && c <= 90) c += 32;
    if (c !== lower.charCodeAt(i)) return false;
  }
  return true;
}

/** Absent, undefined and an empty list all count as a missing key. */
export function isMissing(value: ContextValue): value is undefined | readonly [] {
  return value === undefined || (typeof value !== 'string' && value.length === 0);
}
