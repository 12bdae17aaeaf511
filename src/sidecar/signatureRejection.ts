import { CredentialError, type CredentialFailure } from '../auth/credentialError.js';
import type { SigV4ErrorCode } from '../sigv4/index.js';

/** A refused `request`: the credential reason plus the SigV4 code behind it, for S3 error mapping. */
export class SignatureRejection extends CredentialError {
  constructor(reason: CredentialFailure, message: string, readonly signatureCode: SigV4ErrorCode) {
    super(reason, message);
    this.name = 'SignatureRejection';
  }
}
