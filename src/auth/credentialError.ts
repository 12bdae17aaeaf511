import { TokenError } from '../tokens/index.js';

/**
 * Why a credential was refused. The sidecar API returns the reason as is; the STS Query API
 * maps it onto AWS codes (see sts/authenticate.ts).
 */
/** `throttled`: the client address failed too many sign-ins lately and was not checked at all. */
export type CredentialFailure = 'unknown-key' | 'expired' | 'revoked' | 'malformed' | 'bad-signature' | 'user-removed' | 'throttled';

export class CredentialError extends Error {
  constructor(readonly reason: CredentialFailure, message: string) {
    super(message);
    this.name = 'CredentialError';
  }
}

/** A token that does not verify is a refused credential, with the token's own reason. */
export function asCredentialError(err: unknown): unknown {
  return err instanceof TokenError ? new CredentialError(err.code, err.message) : err;
}
