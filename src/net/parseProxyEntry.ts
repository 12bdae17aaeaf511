import { isIP } from 'node:net';

/** One `STS_TRUSTED_PROXIES` entry: an address, or a range in CIDR notation. */
export interface ProxyEntry {
  readonly address: string;
  readonly family: 'ipv4' | 'ipv6';
  readonly prefix: number | undefined;
}

export function parseProxyEntry(entry: string): ProxyEntry | undefined {
  const [address = '', prefixText, extra] = entry.split('/');
  if (extra !== undefined) return undefined;
  const version = isIP(address);
  if (version === 0) return undefined;
  const family = version === 4 ? 'ipv4' : 'ipv6';
  if (prefixText === undefined) return { address, family, prefix: undefined };
  const prefix = /^\d{1,3}$/.test(prefixText) ? Number(prefixText) : NaN;
  if (!(prefix >= 0 && prefix <= (version === 4 ? 32 : 128))) return undefined;
  return { address, family, prefix };
}
