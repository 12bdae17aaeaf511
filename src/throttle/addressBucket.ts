import { isIPv4, isIPv6 } from 'node:net';
import { unmappedAddress } from '../net/unmappedAddress.js';

/**
 * The unit a client address is throttled by: an IPv4 address as is (IPv4-mapped IPv6 included),
 * an IPv6 address by its /64 prefix, since one client is routinely given a whole /64.
 * Anything else (no address known) is bounded in length and kept as one bucket.
 */
export function addressBucket(address: string): string {
  const plain = unmappedAddress(address);
  if (isIPv4(plain)) return plain;
  if (isIPv6(address)) return `${ipv6Groups(address).slice(0, 4).join(':')}::/64`;
  return `other:${address.slice(0, 64)}`;
}

/** The eight 16-bit groups of an IPv6 address, lower-case hex without leading zeros. */
function ipv6Groups(address: string): string[] {
  const zone = address.indexOf('%');
  const bare = zone < 0 ? address : address.slice(0, zone);
  const [head = '', tail] = bare.split('::', 2);
  const parse = (part: string) => (part === '' ? [] : part.split(':'));
  const left = parse(head);
  const right = tail === undefined ? [] : parse(tail);
  const groups = [...left, ...Array<string>(Math.max(0, 8 - left.length - right.length)).fill('0'), ...right];
  return groups.map((group) => (group.includes('.') ? group : Number.parseInt(group, 16).toString(16)));
}
