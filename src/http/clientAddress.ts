import { BlockList, isIP } from 'node:net';
import { parseProxyEntry } from '../net/parseProxyEntry.js';
import { unmappedAddress } from '../net/unmappedAddress.js';

/**
 * The address a request came from. Behind trusted proxies, X-Forwarded-For is read from the
 * right, skipping the proxies' own entries: the first untrusted entry is the client (entries
 * further left were written by the client itself and prove nothing).
 */
export function clientAddressResolver(trustedProxies: readonly string[]): (peer: string | undefined, forwardedFor: readonly string[] | undefined) => string {
  if (trustedProxies.length === 0) return (peer) => peer ?? '';
  const trusted = new BlockList();
  for (const text of trustedProxies) {
    const entry = parseProxyEntry(text);
    if (entry === undefined) continue;
    if (entry.prefix === undefined) trusted.addAddress(entry.address, entry.family);
    else trusted.addSubnet(entry.address, entry.prefix, entry.family);
  }
  const isTrusted = (address: string) => {
    const plain = unmappedAddress(address);
    const version = isIP(plain);
    return version !== 0 && trusted.check(plain, version === 4 ? 'ipv4' : 'ipv6');
  };
  return (peer, forwardedFor) => {
    let client = peer ?? '';
    if (!isTrusted(client) || forwardedFor === undefined) return client;
    const hops = forwardedFor.join(',').split(',');
    for (let i = hops.length - 1; i >= 0; i--) {
      const hop = (hops[i] as string).trim();
      if (isIP(hop) === 0) return client;
      client = hop;
      if (!isTrusted(hop)) return client;
    }
    return client;
  };
}
