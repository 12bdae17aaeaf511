/**
 * IPv4 and IPv6 addresses as four 32-bit words. IPv4 is held as its IPv4-mapped IPv6 form
 * (`::ffff:a.b.c.d`), so `10.0.0.0/8` matches both `10.1.2.3` and `::ffff:10.1.2.3`.
 * `aws:SourceIp` is parsed on every decision, so parsing walks character codes into a
 * caller-owned buffer: no RegExp, no split, no allocation.
 */

export type IpWords = ArrayLike<number>;

export interface Cidr {
  /** Network words, already masked. */
  readonly network: Uint32Array;
  readonly mask: Uint32Array;
}

const MAPPED_PREFIX = 0xffff;
const DOT = 46;
const COLON = 58;

/** Parses `text` into `out` (four words); false when it is not an address. */
export function parseIpInto(text: string, out: Uint32Array, groups = new Uint16Array(8)): boolean {
  const v4 = parseIpv4(text, 0);
  if (v4 >= 0) {
    out[0] = 0;
    out[1] = 0;
    out[2] = MAPPED_PREFIX;
    out[3] = v4;
    return true;
  }
  if (!parseIpv6Groups(text, groups)) return false;
  for (let i = 0; i < 4; i++) out[i] = ((groups[i * 2] as number) * 0x10000 + (groups[i * 2 + 1] as number)) >>> 0;
  return true;
}

export function parseIp(text: string): Uint32Array | undefined {
  const out = new Uint32Array(4);
  return parseIpInto(text, out) ? out : undefined;
}

/** `a.b.c.d/n`, `x::y/n`, or a bare address (a /32 or /128). Host bits may be set. */
export function parseCidr(text: string): Cidr | undefined {
  const slash = text.indexOf('/');
  const addressText = slash < 0 ? text : text.slice(0, slash);
  const network = parseIp(addressText);
  if (network === undefined) return undefined;
  const width = addressText.includes(':') ? 128 : 32;
  const bits = slash < 0 ? width : parsePrefix(text.slice(slash + 1), width);
  if (bits === undefined) return undefined;
  const mask = maskWords(bits + 128 - width);
  for (let i = 0; i < 4; i++) network[i] = ((network[i] as number) & (mask[i] as number)) >>> 0;
  return { network, mask };
}

export function cidrContains(cidr: Cidr, ip: IpWords): boolean {
  for (let i = 0; i < 4; i++) {
    if (((ip[i] as number) & (cidr.mask[i] as number)) >>> 0 !== cidr.network[i]) return false;
  }
  return true;
}

function parsePrefix(text: string, width: number): number | undefined {
  if (!/^\d{1,3}$/.test(text)) return undefined;
  const bits = Number(text);
  return bits <= width ? bits : undefined;
}

function maskWords(bits: number): Uint32Array {
  const mask = new Uint32Array(4);
  for (let i = 0; i < 4; i++) {
    const n = Math.min(32, Math.max(0, bits - 32 * i));
    mask[i] = n === 0 ? 0 : (0xffffffff << (32 - n)) >>> 0;
  }
  return mask;
}

/** A dotted quad from `start` to the end of `text` as a 32-bit number; -1 when invalid. */
function parseIpv4(text: string, start: number): number {
  let value = 0;
  let octet = 0;
  let digits = 0;
  let dots = 0;
  for (let i = start; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === DOT) {
      if (digits === 0 || ++dots > 3) return -1;
      value = value * 256 + octet;
      octet = 0;
      digits = 0;
    } else if (c >= 48 && c <= 57) {
      if (digits > 0 && octet === 0) return -1; // no leading zeros (they read as octal elsewhere)
      octet = octet * 10 + (c - 48);
      digits++;
      if (octet > 255) return -1;
    } else {
      return -1;
    }
  }
  return dots === 3 && digits > 0 ? value * 256 + octet : -1;
}

/** Eight 16-bit groups; `::` stands for one or more zero groups; a trailing dotted quad is two. */
function parseIpv6Groups(text: string, groups: Uint16Array): boolean {
  let count = 0;
  let gap = -1;
  let i = 0;
  if (text.charCodeAt(0) === COLON && text.charCodeAt(1) === COLON) {
    gap = 0;
    i = 2;
  }
  while (i < text.length) {
    let j = i;
    let value = 0;
    for (let h = hexValue(text.charCodeAt(j)); h >= 0; h = hexValue(text.charCodeAt(++j))) value = value * 16 + h;
    if (text.charCodeAt(j) === DOT) {
      const v4 = parseIpv4(text, i);
      if (v4 < 0 || count > 6) return false;
      groups[count++] = v4 >>> 16;
      groups[count++] = v4 & 0xffff;
      break;
    }
    if (j === i || j - i > 4 || count === 8) return false;
    groups[count++] = value;
    if (j === text.length) break;
    if (text.charCodeAt(j) !== COLON) return false;
    if (text.charCodeAt(j + 1) === COLON) {
      if (gap >= 0) return false;
      gap = count;
      i = j + 2;
    } else {
      i = j + 1;
      if (i === text.length) return false;
    }
  }
  if (gap < 0) return count === 8;
  if (count > 7) return false;
  const tail = count - gap;
  groups.copyWithin(8 - tail, gap, count);
  groups.fill(0, gap, 8 - tail);
  return true;
}

function hexValue(c: number): number {
  if (c >= 48 && c <= 57) return c - 48;
  if (c >= 97 && c <= 102) return c - 87;
  if (c >= 65 && c <= 70) return c - 55;
  return -1;
}
