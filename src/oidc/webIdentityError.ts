/**
 * Why a web identity token was refused, with the AWS STS error code the caller reports:
 * - `InvalidIdentityToken` (400): malformed, unsupported algorithm or key, bad signature, wrong
 *   issuer or audience, a claim out of range (nbf, iat), missing `sub`;
 * - `ExpiredToken` (400): `exp` has passed (beyond the allowed clock skew);
 * - `IDPCommunicationError` (400): discovery or the JWKS could not be fetched in time.
 * Messages never quote the token.
 */
export type WebIdentityErrorCode = 'InvalidIdentityToken' | 'ExpiredToken' | 'IDPCommunicationError';

export class WebIdentityError extends Error {
  override readonly name = 'WebIdentityError';

  constructor(
    readonly code: WebIdentityErrorCode,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

export function isWebIdentityError(err: unknown): err is WebIdentityError {
  return err instanceof WebIdentityError;
}
