/**
 * IPv4 and IPv6 addresses as four 32-bit words. IPv4 is held as its IPv4-mapped IPv6 form
 * (`::ffff:a.b.c.d`), so `10.0.0.0/8` matches both `10.1.2.3` and `::ffff:10.1.2.3`.
 */

export type IpWords = readonly [number, number, number, number];

export interface Cidr {
  /** Network words, already masked. */
  readonly network: IpWords;
  readonly mask: IpWords;
}

const IPV4 = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/;
const HEX_GROUP = /^[0-9A-Fa-f]{1,4}$/;
const MAPPED_PREFIX = 0xffff;

export function parseIp(text: string): IpWords | undefined {
  const v4 = parseIpv4(text);
  if (v4 !== undefined) return [0, 0, MAPPED_PREFIX, v4];
  const groups = parseIpv6Groups(text);
  if (groups === undefined) return undefined;
  const word = (i: number): number => ((groups[i * 2] as number) * 0x10000 + (groups[i * 2 + 1] as number)) >>> 0;
  return [word(0), word(1), word(2), word(3)];
}

/** `a.b.c.d/n`, `x::y/n`, or a bare address (a /32 or /128). Host bits may be set. */
export function parseCidr(text: string): Cidr | undefined {
  const slash = text.indexOf('/');
  const address = parseIp(slash < 0 ? text : text.slice(0, slash));
  if (address === undefined) return undefined;
  const isV4 = !text.slice(0, slash < 0 ? undefined : slash).includes(':');
  const width = isV4 ? 32 : 128;
  const bits = slash < 0 ? width : parsePrefix(text.slice(slash + 1), width);
  if (bits === undefined) return undefined;
  const mask = maskWords(bits + 128 - width);
  return { network: address.map((word, i) => (word & (mask[i] as number)) >>> 0) as unknown as IpWords, mask };
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

function maskWords(bits: number): IpWords {
  const word = (i: number): number => {
    const n = Math.min(32, Math.max(0, bits - 32 * i));
    return n === 0 ? 0 : (0xffffffff << (32 - n)) >>> 0;
  };
  return [word(0), word(1), word(2), word(3)];
}

function parseIpv4(text: string): number | undefined {
  const match = IPV4.exec(text);
  if (match === null) return undefined;
  let value = 0;
  for (const part of match.slice(1)) {
    if (part.length > 1 && part.startsWith('0')) return undefined;
    const octet = Number(part);
    if (octet > 255) return undefined;
    value = value * 256 + octet;
  }
  return value;
}

/** Eight 16-bit groups; `::` stands for one or more zero groups; a trailing dotted quad is two. */
function parseIpv6Groups(text: string): number[] | undefined {
  const halves = text.split('::');
  if (halves.length > 2) return undefined;
  const head = parseGroupList(halves[0] as string, halves.length === 1);
  const tail = halves.length === 2 ? parseGroupList(halves[1] as string, true) : [];
  if (head === undefined || tail === undefined) return undefined;
  const missing = 8 - head.length - tail.length;
  if (halves.length === 1 ? missing !== 0 : missing < 1) return undefined;
  return [...head, ...new Array<number>(halves.length === 2 ? missing : 0).fill(0), ...tail];
}

function parseGroupList(text: string, dottedQuadLast: boolean): number[] | undefined {
  if (text === '') return [];
  const parts = text.split(':');
  const groups: number[] = [];
  for (const [i, part] of parts.entries()) {
    const v4 = dottedQuadLast && i === parts.length - 1 ? parseIpv4(part) : undefined;
    if (v4 !== undefined) groups.push(v4 >>> 16, v4 & 0xffff);
    else if (HEX_GROUP.test(part)) groups.push(parseInt(part, 16));
    else return undefined;
  }
  return groups;
}
