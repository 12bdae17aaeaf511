/**
 * The `iss` a token claims, read without verifying anything, to pick which registered
 * provider's verifier to use (as STS does). Nothing else may be trusted from it: the chosen
 * verifier then checks that same `iss` against its configuration, with the signature.
 */
import { decodeJwt } from 'jose';
import { DEFAULT_MAX_TOKEN_BYTES } from './constants.js';
import { WebIdentityError } from './webIdentityError.js';

export function unverifiedIssuer(token: string, maxTokenBytes = DEFAULT_MAX_TOKEN_BYTES): string {
  if (typeof token !== 'string' || token.length > maxTokenBytes) {
    throw new WebIdentityError('InvalidIdentityToken', `the token exceeds ${maxTokenBytes} bytes`);
  }
  let iss: unknown;
  try {
    ({ iss } = decodeJwt(token));
  } catch {
    throw new WebIdentityError('InvalidIdentityToken', 'the token is not a JWT');
  }
  if (typeof iss !== 'string' || iss === '') throw new WebIdentityError('InvalidIdentityToken', 'the token names no issuer');
  return iss;
}
