import { CredentialError } from '../auth/credentialError.js';
import { isSigV4Error, parseSigV4, verifySigV4, type HttpRequestParts, type ParsedSigV4, type SigningKeyCache } from '../sigv4/index.js';
import { SignatureRejection } from './signatureRejection.js';

/** Reads the SigV4 parts of the frontend's request; unreadable or absent auth is `malformed`. */
export function parseSignedRequest(request: HttpRequestParts, accessKeyId: string): ParsedSigV4 {
  let parsed: ParsedSigV4;
  try {
    parsed = parseSigV4(request);
  } catch (err) {
    if (isSigV4Error(err)) throw new SignatureRejection('malformed', err.message, err.code);
    throw err;
  }
  if (parsed.accessKeyId !== accessKeyId) {
    throw new CredentialError('malformed', 'the signed request names another access key than accessKeyId');
  }
  return parsed;
}

/**
 * The session token the call is about. When both the body and the signed request carry one
 * they must be the same token, so a frontend cannot pair one session's signature with another
 * session's token.
 */
export function boundSessionToken(bodyToken: string | undefined, parsed: ParsedSigV4 | undefined): string | undefined {
  const signedToken = parsed?.securityToken === '' ? undefined : parsed?.securityToken;
  if (bodyToken !== undefined && signedToken !== undefined && bodyToken !== signedToken) {
    throw new CredentialError('bad-signature', 'sessionToken differs from the X-Amz-Security-Token of the signed request');
  }
  return bodyToken ?? signedToken;
}

export interface SignatureCheck {
  readonly now: number;
  readonly region: string;
  readonly signingKeyCache: SigningKeyCache;
}

/**
 * Checks the signature with S3's rules. Any failure, a signature time outside the allowed
 * window included, is `bad-signature` (the credential itself may be fine, so `expired` would
 * mislead); `signatureCode` tells RequestExpired apart for the frontend's S3 error.
 */
export function checkSignature(request: HttpRequestParts, parsed: ParsedSigV4, secretKey: string, check: SignatureCheck): void {
  try {
    verifySigV4(request, parsed, secretKey, {
      now: check.now,
      service: 's3',
      region: check.region,
      signingKeyCache: check.signingKeyCache,
    });
  } catch (err) {
    if (isSigV4Error(err)) throw new SignatureRejection('bad-signature', err.message, err.code);
    throw err;
  }
}
