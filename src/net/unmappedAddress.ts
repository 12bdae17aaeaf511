import { isIP } from 'node:net';

/** `::ffff:192.0.2.1` (how a dual-stack socket reports an IPv4 peer) as `192.0.2.1`; anything else as is. */
export function unmappedAddress(address: string): string {
  return address.length > 7 && address.slice(0, 7).toLowerCase() === '::ffff:' && isIP(address.slice(7)) === 4 ? address.slice(7) : address;
}
