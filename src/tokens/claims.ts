/** What a session token asserts. Short claim names keep tokens small (AWS tokens are ~1 KB). */
export interface SessionClaims {
  /** Temporary access key id the token is bound to. */
  readonly akid: string;
  /** Parent user name and id at issue time. */
  readonly sub: string;
  readonly uid: string;
  /** Session name ('' for GetSessionToken sessions). */
  readonly sn: string;
  /** Issue and expiry times, seconds since the epoch. */
  readonly iat: number;
  readonly exp: number;
}

/**
 * The claims of a token that verified, with the key id from its header: the master key (current
 * or previous) that signed it, under which the session's temporary secret is derived too.
 */
export interface VerifiedClaims extends SessionClaims {
  readonly kid: string;
}

export const TOKEN_ISSUER = 's3-sts';
export const TOKEN_AUDIENCE = 's3-sts';
export const TOKEN_ALGORITHM = 'HS256';
/** The token must fit AWS SDK expectations and the contract: at most 4 KB. */
export const MAX_TOKEN_BYTES = 4096;

export type TokenErrorCode = 'malformed' | 'expired' | 'bad-signature';

export class TokenError extends Error {
  constructor(readonly code: TokenErrorCode, message: string) {
    super(message);
    this.name = 'TokenError';
  }
}
