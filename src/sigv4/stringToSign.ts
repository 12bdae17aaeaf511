import { ALGORITHM, KEY_TYPE } from './constants.js';
import { sha256Hex } from './hash.js';

/** `date/region/service/aws4_request`. */
export function credentialScope(date: string, region: string, service: string): string {
  return `${date}/${region}/${service}/${KEY_TYPE}`;
}

/** The string to sign: algorithm, request time, scope and the hash of the canonical request. */
export function stringToSign(amzDate: string, scope: string, canonicalRequest: string): string {
  return `${ALGORITHM}\n${amzDate}\n${scope}\n${sha256Hex(canonicalRequest)}`;
}
