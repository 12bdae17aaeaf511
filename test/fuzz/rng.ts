/**
 * A small seeded generator (mulberry32) and the hostile strings every parser is fed. Each input
 * gets its own generator from (seed, parser, index), so one input reproduces on its own.
 */

export class Rng {
  private state: number;

  constructor(seed: number) {
    this.state = seed >>> 0;
  }

  next(): number {
    let t = (this.state = (this.state + 0x6d2b79f5) >>> 0);
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  /** 0 <= n < bound. */
  int(bound: number): number {
    return Math.floor(this.next() * bound);
  }

  chance(p: number): boolean {
    return this.next() < p;
  }

  pick<T>(items: readonly T[]): T {
    return items[this.int(items.length)] as T;
  }
}

/** The generator of one input: the same (seed, parser, index) always gives the same input. */
export function caseRng(seed: number, parser: string, index: number): Rng {
  let h = (seed ^ 0x9e3779b9) >>> 0;
  for (let i = 0; i < parser.length; i++) h = Math.imul(h ^ parser.charCodeAt(i), 0x01000193) >>> 0;
  h = Math.imul(h ^ index, 0x85ebca6b) >>> 0;
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35) >>> 0;
  return new Rng(h ^ (h >>> 16));
}

const ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
/** Characters that break parsers: separators, escapes, controls, XML and JSON specials. */
const HOSTILE = ['\0', '\n', '\r', '\t', '\x7f', '\x1b', ' ', '%', '%zz', '%0', '%00', '%E2%82', '%C0%AF', '+', '&', '=', '&&', '==',
  ';', ',', '/', '\\', '"', "'", '<', '>', ']]>', '&amp;', '&#0;', '{', '}', '[', ']', '${', '${aws:username}', '${*}', '*', '?',
  'é', '\u00a0', '\u200b', '\u202e', '\ufeff', '\ufffe', '\ud800', '\udc00', '😀', '\u0301', '𝕏', 'İ', 'ß', '\u2028'];
const WORDS = ['', 'null', 'true', '0', '-1', '1e309', 'NaN', '__proto__', 'constructor', 'toString', 'AWS4-HMAC-SHA256',
  'aws4_request', 'us-east-1', 'sts', 's3', 'arn:aws:iam::000000000000:role/app', 'AKIAIOSFODNN7EXAMPLE', '2011-06-15'];

export function alnum(rng: Rng, maxLength: number, minLength = 0): string {
  const length = minLength + rng.int(maxLength - minLength + 1);
  let out = '';
  for (let i = 0; i < length; i++) out += ALNUM[rng.int(ALNUM.length)];
  return out;
}

/** Any UTF-16 text, lone surrogates included. */
export function unicode(rng: Rng, maxLength: number): string {
  const length = rng.int(maxLength + 1);
  let out = '';
  for (let i = 0; i < length; i++) {
    const band = rng.int(4);
    out += String.fromCharCode(band === 0 ? rng.int(0x20) : band === 1 ? 0x20 + rng.int(0x5f) : band === 2 ? rng.int(0x800) : rng.int(0x10000));
  }
  return out;
}

/** A value a careless parser trips on: hostile pieces, words, unicode, or something huge. */
export function nasty(rng: Rng): string {
  switch (rng.int(8)) {
    case 0: return rng.pick(HOSTILE);
    case 1: return rng.pick(WORDS);
    case 2: return unicode(rng, 24);
    case 3: return alnum(rng, 16) + rng.pick(HOSTILE) + alnum(rng, 16);
    case 4: return rng.chance(0.3) ? huge(rng) : alnum(rng, 200, 60);
    case 5: return Array.from({ length: 1 + rng.int(6) }, () => rng.pick(HOSTILE)).join('');
    case 6: return String(rng.pick([0, -1, 1, 2 ** 31, 2 ** 53, 1e21, 0.5, -0])) ;
    default: return alnum(rng, 40);
  }
}

/** Long values, mostly below the body limits, sometimes above them. */
export function huge(rng: Rng): string {
  const roll = rng.next();
  const length = roll < 0.01 ? 600_000 : roll < 0.05 ? 70_000 : rng.pick([300, 1025, 2049, 4097, 9000, 20_000]);
  return rng.pick(['a', 'é', '%', '&', '😀', '\\', '[']).repeat(length);
}

const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

/** encodeURIComponent that cannot throw: a lone surrogate (no UTF-8 form) is sent as U+FFFD. */
export function encodeComponent(text: string): string {
  return encodeURIComponent(text.replace(LONE_SURROGATE, '\ufffd'));
}

/** One to three edits of a string: cut, insert, replace, duplicate, truncate, case flip. */
export function mutate(rng: Rng, text: string): string {
  let out = text;
  for (let edits = 1 + rng.int(3); edits > 0; edits--) {
    const at = rng.int(out.length + 1);
    const to = Math.min(out.length, at + 1 + rng.int(8));
    switch (rng.int(7)) {
      case 0: out = out.slice(0, at) + out.slice(to); break;
      case 1: out = out.slice(0, at) + nasty(rng) + out.slice(at); break;
      case 2: out = out.slice(0, at) + rng.pick(HOSTILE) + out.slice(to); break;
      case 3: out = out.slice(0, to) + out.slice(at, to) + out.slice(to); break;
      case 4: out = out.slice(0, at); break;
      case 5: out = out.slice(0, at) + out.slice(at, to).toUpperCase() + out.slice(to); break;
      default: out = out.slice(0, at) + String.fromCharCode(rng.int(0x100)) + out.slice(to); break;
    }
  }
  return out;
}

/** Usually the value as given, sometimes mutated, sometimes replaced by something nasty. */
export function maybeMutate(rng: Rng, text: string, pMutate = 0.25, pNasty = 0.1): string {
  const roll = rng.next();
  if (roll < pNasty) return nasty(rng);
  if (roll < pNasty + pMutate) return mutate(rng, text);
  return text;
}
