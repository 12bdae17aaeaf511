/**
 * Splits a policy string into literal text, wildcards and policy variables. Used by validation
 * (a malformed `${...}` is refused) and by the matcher compiler.
 */

/** `*`: any run of characters, including `/` and `:`. */
export const STAR = 0;
/** `?`: exactly one character (one UTF-16 code unit). */
export const ANY_CHAR = 1;

export interface VariableToken {
  readonly key: string;
  /** Context keys are case-insensitive. */
  readonly keyLower: string;
  /** `${key, 'default'}`: used when the key is missing from the request context. */
  readonly fallback: string | undefined;
}

/** A string token is literal text. */
export type PatternToken = string | typeof STAR | typeof ANY_CHAR | VariableToken;

export interface TokenizeOptions {
  /** `*` and `?` are wildcards (else literal, as in `StringEquals`). */
  readonly wildcards: boolean;
  /** `${...}` is a policy variable (else literal, as under Version `2008-10-17`). */
  readonly variables: boolean;
}

export class PatternSyntaxError extends Error {
  override readonly name = 'PatternSyntaxError';
}

const ESCAPES: ReadonlyMap<string, string> = new Map([['*', '*'], ['?', '?'], ['$', '$']]);
const VARIABLE = /^([A-Za-z0-9_:./@+=-]+)\s*(?:,\s*'([^']*)')?$/;

export function tokenizePattern(text: string, options: TokenizeOptions): PatternToken[] {
  const tokens: PatternToken[] = [];
  let literal = '';
  const flush = (): void => {
    if (literal !== '') tokens.push(literal);
    literal = '';
  };
  for (let i = 0; i < text.length; i++) {
    const ch = text[i] as string;
    if (options.variables && ch === '$' && text[i + 1] === '{') {
      const end = text.indexOf('}', i + 2);
      if (end < 0) throw new PatternSyntaxError(`unterminated policy variable at offset ${i}`);
      const variable = parseVariable(text.slice(i + 2, end).trim());
      if (typeof variable === 'string') {
        literal += variable;
      } else {
        flush();
        tokens.push(variable);
      }
      i = end;
    } else if (options.wildcards && (ch === '*' || ch === '?')) {
      flush();
      tokens.push(ch === '*' ? STAR : ANY_CHAR);
    } else {
      literal += ch;
    }
  }
  flush();
  return tokens;
}

/** The body of `${...}`: an escape (`*`, `?`, `$`) gives literal text, else a variable. */
function parseVariable(body: string): string | VariableToken {
  const escaped = ESCAPES.get(body);
  if (escaped !== undefined) return escaped;
  const match = VARIABLE.exec(body);
  if (match === null) throw new PatternSyntaxError(`"\${${body}}" is not a valid policy variable`);
  const key = match[1] as string;
  return { key, keyLower: key.toLowerCase(), fallback: match[2] };
}

/** Literal text of a pattern with no wildcards and no variables, else undefined. */
export function literalOf(tokens: readonly PatternToken[]): string | undefined {
  if (tokens.length === 0) return '';
  return tokens.length === 1 && typeof tokens[0] === 'string' ? tokens[0] : undefined;
}

/** The reason `text` does not tokenize (a malformed `${...}`), or undefined. */
export function patternSyntaxProblem(text: string, options: TokenizeOptions): string | undefined {
  try {
    tokenizePattern(text, options);
    return undefined;
  } catch (err) {
    if (err instanceof PatternSyntaxError) return err.message;
    throw err;
  }
}
