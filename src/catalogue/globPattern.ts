/**
 * Patterns as sequences of elements, and whether two of them can match a common string: one
 * segment of a policy `Resource` (wildcards, variables) against the same segment of a catalogue
 * ARN format (`${BucketName}/${ObjectName}`, ...), or a partition against `aws`. Decided on the product of the two automata, so the answer is
 * exact for these element kinds and costs at most (n + 1) * (m + 1) steps.
 */
import { ANY_CHAR, STAR, type PatternToken } from '../policy/patternTokens.js';

/** A literal is its UTF-16 code unit (>= 0); the rest are negative. */
export type GlobElement = number;

/** Exactly one character. */
export const ANY = -1;
/** Exactly one character that is neither `/` nor `:` (one character of an ARN name). */
export const NAME_CHAR = -2;
/** Any run of characters, empty included. */
export const ANY_RUN = -3;
/** Any run of characters without `/` or `:`. */
export const NAME_RUN = -4;

const SLASH = 0x2f;
const COLON = 0x3a;

export function literalElements(text: string, out: GlobElement[] = []): GlobElement[] {
  for (let i = 0; i < text.length; i++) out.push(text.charCodeAt(i));
  return out;
}

/** Policy tokens: `*` and a variable (whose value may be any text) are runs, `?` one character. */
export function tokenElements(tokens: readonly PatternToken[]): GlobElement[] {
  const out: GlobElement[] = [];
  for (const token of tokens) {
    if (typeof token === 'string') literalElements(token, out);
    else if (token === ANY_CHAR) out.push(ANY);
    else out.push(ANY_RUN);
  }
  return out;
}

const isRun = (element: GlobElement): boolean => element === ANY_RUN || element === NAME_RUN;

/** The one-character class an element consumes: a literal, ANY or NAME_CHAR. */
function charClass(element: GlobElement): GlobElement {
  if (element === ANY_RUN) return ANY;
  if (element === NAME_RUN) return NAME_CHAR;
  return element;
}

function classesMeet(a: GlobElement, b: GlobElement): boolean {
  if (a === ANY || b === ANY) return true;
  if (a === NAME_CHAR) return b === NAME_CHAR || (b !== SLASH && b !== COLON);
  if (b === NAME_CHAR) return a !== SLASH && a !== COLON;
  return a === b;
}

function enter(state: number, seen: Uint8Array, stack: number[]): void {
  if (seen[state] === 0) {
    seen[state] = 1;
    stack.push(state);
  }
}

/** True when some string matches both `a` and `b`. */
export function globsIntersect(a: readonly GlobElement[], b: readonly GlobElement[]): boolean {
  const n = a.length;
  const m = b.length;
  // Most pairs differ in a literal first or last character: settle those without the product.
  const a0 = a[0];
  const b0 = b[0];
  if (a0 !== undefined && b0 !== undefined && a0 >= 0 && b0 >= 0 && a0 !== b0) return false;
  const aN = a[n - 1];
  const bM = b[m - 1];
  if (aN !== undefined && bM !== undefined && aN >= 0 && bM >= 0 && aN !== bM) return false;
  const width = m + 1;
  const seen = new Uint8Array((n + 1) * width);
  const stack: number[] = [0];
  seen[0] = 1;
  while (stack.length > 0) {
    const state = stack.pop() as number;
    const i = Math.floor(state / width);
    const j = state - i * width;
    if (i === n && j === m) return true;
    const x = a[i];
    const y = b[j];
    const xRun = x !== undefined && isRun(x);
    const yRun = y !== undefined && isRun(y);
    // Successor states: skip a's run, skip b's run, consume one character on both sides (both
    // runs consuming leads back here, so that move is left out).
    if (xRun) enter(state + width, seen, stack);
    if (yRun) enter(state + 1, seen, stack);
    if (x !== undefined && y !== undefined && !(xRun && yRun) && classesMeet(charClass(x), charClass(y))) {
      enter(state + (xRun ? 0 : width) + (yRun ? 0 : 1), seen, stack);
    }
  }
  return false;
}
