import { HEADER, KEY_TYPE, MAX_SIGNED_HEADERS } from './constants.js';
import { SigV4Error } from './errors.js';

/** Where a value came from, for messages that name it the way the client wrote it. */
export type AuthSource = 'Authorization header' | 'query string';

export interface Credential {
  accessKeyId: string;
  date: string;
  region: string;
  service: string;
}

function incomplete(message: string): SigV4Error {
  return new SigV4Error('IncompleteSignature', message);
}

/** `<access key>/<YYYYMMDD>/<region>/<service>/aws4_request`. */
export function parseCredential(value: string, source: AuthSource): Credential {
  const parts = value.split('/');
  if (parts.length < 5) {
    throw incomplete(`Credential in the ${source} must have the form <key>/<date>/<region>/<service>/${KEY_TYPE}.`);
  }
  const [date, region, service, terminator] = parts.slice(-4) as [string, string, string, string];
  const accessKeyId = parts.slice(0, -4).join('/');
  if (accessKeyId === '') throw incomplete(`Credential in the ${source} has no access key.`);
  if (!/^\d{8}$/.test(date)) throw incomplete(`Credential scope date in the ${source} must be YYYYMMDD.`);
  if (region === '' || service === '') throw incomplete(`Credential scope in the ${source} needs a region and a service.`);
  if (terminator !== KEY_TYPE) throw incomplete(`Credential scope in the ${source} must end with ${KEY_TYPE}.`);
  return { accessKeyId, date, region, service };
}

/**
 * `host;x-amz-date;...`: lower-case names in strictly ascending order, as every signer writes
 * them, and including host. A repeated name would sign its header's value once per repetition,
 * so the list is refused rather than deduplicated.
 */
export function parseSignedHeaders(value: string, source: AuthSource): string[] {
  const names = value.split(';', MAX_SIGNED_HEADERS + 1);
  if (names.length > MAX_SIGNED_HEADERS) throw incomplete(`SignedHeaders in the ${source} names more than ${MAX_SIGNED_HEADERS} headers.`);
  for (let i = 0; i < names.length; i++) {
    const name = names[i] as string;
    if (name === '') throw incomplete(`SignedHeaders in the ${source} has an empty name.`);
    if (name !== name.toLowerCase()) throw incomplete(`SignedHeaders in the ${source} must be lower-case.`);
    if (i > 0 && name <= (names[i - 1] as string)) {
      throw incomplete(`SignedHeaders in the ${source} must be sorted, each name once.`);
    }
  }
  if (!names.includes(HEADER.host)) throw incomplete(`SignedHeaders in the ${source} must include host.`);
  return names;
}

/** 64 hex digits, returned lower-case. */
export function parseSignature(value: string, source: AuthSource): string {
  if (!/^[0-9a-fA-F]{64}$/.test(value)) throw incomplete(`Signature in the ${source} must be 64 hex digits.`);
  return value.toLowerCase();
}
