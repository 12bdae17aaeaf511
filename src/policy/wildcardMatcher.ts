/**
 * Compiles a tokenized pattern into a matcher, once per policy. Plain-literal patterns become
 * `===`, `startsWith`/`endsWith`/`indexOf` chains; patterns with `?` or variables use a
 * segment walker. No RegExp, and no allocation per call unless a variable is resolved.
 *
 * Cost is bounded whatever the pattern and text: the first and last segments are compared in
 * place; each middle segment is found with one `indexOf` (a literal) or one shift-and scan
 * (a segment with `?`: one pass over the text, a word of state per 32 pattern characters),
 * never by trying the segment at every position.
 *
 * `*` matches any run of characters (including `/` and `:`), `?` one UTF-16 code unit. A
 * variable's value is literal text (a `*` inside it is not a wildcard); a variable that cannot be
 * resolved and has no default makes the whole pattern match nothing, as in AWS.
 */
import { ANY_CHAR, STAR, type PatternToken, type VariableToken } from './patternTokens.js';

/** Resolves `${key}` / `${key, 'default'}`; undefined when it cannot be resolved. */
export interface VariableSource {
  variable(token: VariableToken): string | undefined;
}

/** With `ignoreCase`, the caller passes `text` already lower-cased. */
export type Matcher = (text: string, vars: VariableSource) => boolean;

type Unit = string | typeof ANY_CHAR | VariableToken;
type Segment = readonly Unit[];

/** A middle segment prepared for searching: its literal text, or its shift-and tables. */
type Search = { readonly literal: string } | { readonly scan: ShiftAnd } | { readonly variables: true };

const UNRESOLVED = -2;

/**
 * `text.startsWith(literal, pos)`, written with `endsWith`: in Node 20 (V8 11.3) `startsWith`
 * compares character by character and is several times slower on ARN-length prefixes.
 */
export function hasAt(text: string, literal: string, pos: number): boolean {
  const end = pos + literal.length;
  return end <= text.length && text.endsWith(literal, end);
}
/** What `compileMatcher` returns for `*` (and `**`...): lets callers short-circuit. */
export const MATCH_ALL: Matcher = () => true;

export function compileMatcher(tokens: readonly PatternToken[], ignoreCase = false): Matcher {
  const segments = splitOnStars(tokens, ignoreCase);
  const literals = segments.every((segment) => segment.every((unit) => typeof unit === 'string'))
    ? segments.map((segment) => segment.join(''))
    : undefined;
  if (literals !== undefined) return literalMatcher(literals);
  const searches = segments.map(prepareSearch);
  return (text, vars) => matchSegments(segments, searches, text, vars, ignoreCase);
}

/** Segments between stars; runs of stars collapse and empty middle segments are dropped. */
function splitOnStars(tokens: readonly PatternToken[], ignoreCase: boolean): Segment[] {
  const segments: Unit[][] = [[]];
  for (const token of tokens) {
    if (token === STAR) segments.push([]);
    else (segments[segments.length - 1] as Unit[]).push(typeof token === 'string' && ignoreCase ? token.toLowerCase() : token);
  }
  const last = segments.length - 1;
  return segments.filter((segment, i) => i === 0 || i === last || segment.length > 0);
}

function literalMatcher(parts: readonly string[]): Matcher {
  const first = parts[0] as string;
  if (parts.length === 1) return (text) => text === first;
  const last = parts[parts.length - 1] as string;
  if (parts.length === 2) {
    if (first === '' && last === '') return MATCH_ALL;
    if (last === '') return (text) => hasAt(text, first, 0);
    if (first === '') return (text) => text.endsWith(last);
    const min = first.length + last.length;
    return (text) => text.length >= min && hasAt(text, first, 0) && text.endsWith(last);
  }
  const middle = parts.slice(1, -1);
  return (text) => {
    const end = text.length - last.length;
    if (end < first.length || !hasAt(text, first, 0) || !text.endsWith(last)) return false;
    let pos = first.length;
    for (const part of middle) {
      const at = text.indexOf(part, pos);
      if (at < 0 || at + part.length > end) return false;
      pos = at + part.length;
    }
    return true;
  };
}

/** First segment anchored at 0, last at the end, middles leftmost-first (fixed length each). */
function matchSegments(segments: readonly Segment[], searches: readonly Search[], text: string, vars: VariableSource, ignoreCase: boolean): boolean {
  const first = segments[0] as Segment;
  let pos = matchAt(first, text, 0, vars, ignoreCase);
  if (segments.length === 1) return pos === text.length;
  if (pos < 0) return false;
  const last = segments[segments.length - 1] as Segment;
  if (segments.length === 2 && last.length === 0) return true; // `prefix*`, the usual home-directory shape
  const lastLength = segmentLength(last, vars, ignoreCase);
  const tailStart = text.length - lastLength;
  if (lastLength < 0 || tailStart < pos) return false;
  for (let i = 1; i < segments.length - 1; i++) {
    pos = findSegment(segments[i] as Segment, searches[i] as Search, text, pos, tailStart, vars, ignoreCase);
    if (pos < 0) return false;
  }
  return matchAt(last, text, tailStart, vars, ignoreCase) === text.length;
}

function prepareSearch(segment: Segment): Search {
  if (segment.some((unit) => typeof unit === 'object')) return { variables: true };
  if (segment.includes(ANY_CHAR)) return { scan: new ShiftAnd(segment as ReadonlyArray<string | typeof ANY_CHAR>) };
  return { literal: segment.join('') };
}

/** End of the leftmost occurrence of `segment` within `text[from, limit)`, or a negative number. */
function findSegment(segment: Segment, search: Search, text: string, from: number, limit: number, vars: VariableSource, ignoreCase: boolean): number {
  if ('literal' in search) return findLiteral(search.literal, text, from, limit);
  if ('scan' in search) return search.scan.find(text, from, limit);
  // Variables resolve to literal text: the segment becomes a literal or a `?` pattern for this call.
  const units: Array<string | typeof ANY_CHAR> = [];
  for (const unit of segment) {
    const resolved = typeof unit === 'object' ? resolve(unit, vars, ignoreCase) : unit;
    if (resolved === undefined) return UNRESOLVED;
    units.push(resolved);
  }
  return units.includes(ANY_CHAR) ? new ShiftAnd(units).find(text, from, limit) : findLiteral(units.join(''), text, from, limit);
}

function findLiteral(literal: string, text: string, from: number, limit: number): number {
  const at = text.indexOf(literal, from);
  return at < 0 || at + literal.length > limit ? -1 : at + literal.length;
}

/**
 * Shift-and search for a fixed-length pattern of characters and `?` (any one code unit): one
 * pass over the text, with bit j of the state set when the last j+1 characters match the
 * pattern's first j+1. State and masks are 32-bit words; masks for ASCII characters sit in one
 * flat table (the usual ARN alphabet), others in a map.
 */
class ShiftAnd {
  private readonly words: number;
  private readonly length: number;
  /** Bits of the `?` positions: what a character absent from the pattern matches. */
  private readonly anyMask: Uint32Array;
  /** `ascii[code * words + w]`: word w of the mask of ASCII character `code`. */
  private readonly ascii: Uint32Array;
  private readonly other = new Map<number, Uint32Array>();
  private readonly state: Uint32Array;

  constructor(units: ReadonlyArray<string | typeof ANY_CHAR>) {
    const chars: Array<number | undefined> = [];
    for (const unit of units) {
      if (unit === ANY_CHAR) chars.push(undefined);
      else for (let i = 0; i < unit.length; i++) chars.push(unit.charCodeAt(i));
    }
    const words = Math.max(1, Math.ceil(chars.length / 32));
    this.words = words;
    this.length = chars.length;
    this.anyMask = new Uint32Array(words);
    this.state = new Uint32Array(words);
    chars.forEach((code, j) => {
      if (code === undefined) setBit(this.anyMask, j);
    });
    this.ascii = new Uint32Array(128 * words);
    for (let code = 0; code < 128; code++) this.ascii.set(this.anyMask, code * words);
    chars.forEach((code, j) => {
      if (code === undefined) return;
      if (code < 128) {
        setBit(this.ascii.subarray(code * words, (code + 1) * words), j);
        return;
      }
      let mask = this.other.get(code);
      if (mask === undefined) this.other.set(code, (mask = Uint32Array.from(this.anyMask)));
      setBit(mask, j);
    });
  }

  /** End of the leftmost match within `text[from, limit)`, or -1. */
  find(text: string, from: number, limit: number): number {
    if (this.length === 0) return from <= limit ? from : -1;
    return this.words === 1 ? this.findShort(text, from, limit) : this.findLong(text, from, limit);
  }

  /** Patterns of up to 32 characters: the state is one number. */
  private findShort(text: string, from: number, limit: number): number {
    const { ascii, anyMask, other } = this;
    const any = anyMask[0] as number;
    const lastBit = 1 << (this.length - 1);
    let state = 0;
    for (let i = from; i < limit; i++) {
      const code = text.charCodeAt(i);
      const mask = code < 128 ? (ascii[code] as number) : ((other.get(code)?.[0] as number | undefined) ?? any);
      state = ((state << 1) | 1) & mask;
      if ((state & lastBit) !== 0) return i + 1;
    }
    return -1;
  }

  private findLong(text: string, from: number, limit: number): number {
    const { words, state, anyMask, ascii, other } = this;
    const lastWord = words - 1;
    const lastBit = 1 << ((this.length - 1) & 31);
    state.fill(0);
    for (let i = from; i < limit; i++) {
      const code = text.charCodeAt(i);
      const mask = code < 128 ? undefined : (other.get(code) ?? anyMask);
      const base = code * words;
      let carry = 1;
      for (let w = 0; w < words; w++) {
        const previous = state[w] as number;
        const bits = mask === undefined ? (ascii[base + w] as number) : (mask[w] as number);
        state[w] = ((previous << 1) | carry) & bits;
        carry = previous >>> 31;
      }
      if (((state[lastWord] as number) & lastBit) !== 0) return i + 1;
    }
    return -1;
  }
}

function setBit(words: Uint32Array, bit: number): void {
  words[bit >>> 5] = (words[bit >>> 5] as number) | (1 << (bit & 31));
}

/** End of `segment` matched at `pos`, -1 when it does not match, UNRESOLVED for a variable. */
function matchAt(segment: Segment, text: string, pos: number, vars: VariableSource, ignoreCase: boolean): number {
  for (const unit of segment) {
    if (unit === ANY_CHAR) {
      if (pos >= text.length) return -1;
      pos++;
      continue;
    }
    const literal = typeof unit === 'string' ? unit : resolve(unit, vars, ignoreCase);
    if (literal === undefined) return UNRESOLVED;
    if (!hasAt(text, literal, pos)) return -1;
    pos += literal.length;
  }
  return pos;
}

function segmentLength(segment: Segment, vars: VariableSource, ignoreCase: boolean): number {
  let length = 0;
  for (const unit of segment) {
    const literal = unit === ANY_CHAR ? '?' : typeof unit === 'string' ? unit : resolve(unit, vars, ignoreCase);
    if (literal === undefined) return UNRESOLVED;
    length += literal.length;
  }
  return length;
}

function resolve(token: VariableToken, vars: VariableSource, ignoreCase: boolean): string | undefined {
  const value = vars.variable(token);
  return ignoreCase && value !== undefined ? value.toLowerCase() : value;
}
