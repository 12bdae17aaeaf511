import { AppError } from '../errors.js';

/** The closed set of outcomes a SigV4 check can fail with (names are AWS's). */
export type SigV4ErrorCode =
  | 'MissingAuthenticationToken'
  | 'IncompleteSignature'
  | 'SignatureDoesNotMatch'
  | 'RequestExpired'
  | 'InvalidParameterValue';

/**
 * A failed SigV4 parse or check. Messages name the offending part but never carry the secret,
 * the signature or the session token, so they are safe to return to the caller and to log.
 */
export class SigV4Error extends AppError {
  declare readonly code: SigV4ErrorCode;

  constructor(code: SigV4ErrorCode, message: string) {
    super(code, message);
    this.name = 'SigV4Error';
  }
}

export function isSigV4Error(err: unknown): err is SigV4Error {
  return err instanceof SigV4Error;
}
