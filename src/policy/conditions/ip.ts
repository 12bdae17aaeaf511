/** IpAddress, NotIpAddress: IPv4 and IPv6 CIDRs (or bare addresses), IPv4-mapped IPv6 included. */
import { cidrContains, parseCidr, parseIpInto, type Cidr } from './ipAddress.js';
import { operatorPair, type ConditionOperator, type ValueTest } from './types.js';

function checkCidr(value: string): string | undefined {
  return parseCidr(value) === undefined ? `${JSON.stringify(value)} is not an IP address or CIDR block` : undefined;
}

/** Each compiled clause owns its parse buffers and remembers the last address it parsed. */
function compileCidrs(values: readonly string[]): ValueTest {
  const blocks = values.map((value) => parseCidr(value) as Cidr);
  const address = new Uint32Array(4);
  const groups = new Uint16Array(8);
  let lastText: string | undefined;
  let lastValid = false;
  return (requestValue) => {
    if (requestValue !== lastText) {
      lastValid = parseIpInto(requestValue, address, groups);
      lastText = requestValue;
    }
    if (!lastValid) return false;
    for (const block of blocks) if (cidrContains(block, address)) return true;
    return false;
  };
}

export const IP_OPERATORS: readonly ConditionOperator[] = operatorPair(['IpAddress', 'NotIpAddress'], {
  kind: 'value',
  variables: false,
  check: checkCidr,
  compile: compileCidrs,
});
