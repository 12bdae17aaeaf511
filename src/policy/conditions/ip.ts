/** IpAddress, NotIpAddress: IPv4 and IPv6 CIDRs (or bare addresses). */
import { parseCidr } from './ipAddress.js';
import { operatorPair, type ConditionOperator } from './types.js';

function checkCidr(value: string): string | undefined {
  return parseCidr(value) === undefined ? `${JSON.stringify(value)} is not an IP address or CIDR block` : undefined;
}

export const IP_OPERATORS: readonly ConditionOperator[] = operatorPair(['IpAddress', 'NotIpAddress'], {
  kind: 'value',
  variables: false,
  check: checkCidr,
});
