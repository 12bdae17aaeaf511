import { CredentialError, type CredentialFailure } from '../auth/credentialError.js';
import type { SigV4ErrorCode } from '../sigv4/index.js';
import { SignatureRejection } from './signatureRejection.js';

/** The S3 errors a denial can carry, with the HTTP status S3 answers them with. */
export const S3_ERROR_STATUS = Object.freeze({
  AccessDenied: 403,
  SignatureDoesNotMatch: 403,
  InvalidAccessKeyId: 403,
  RequestTimeTooSkewed: 403,
  ExpiredToken: 400,
  InvalidToken: 400,
  AuthorizationHeaderMalformed: 400,
  AuthorizationQueryParametersError: 400,
});

export type S3ErrorCode = keyof typeof S3_ERROR_STATUS;

/**
 * Why a request was denied, beyond the S3 code: `anonymous`, `unknown-operation` (with the
 * classifier's reason in the message), `policy`, `keys-in-body`, `streaming-unverifiable`, or
 * the credential's own reason (`expired`, `bad-signature`, ...).
 */
export type S3DenialReason =
  | 'anonymous'
  | 'unknown-operation'
  | 'policy'
  | 'keys-in-body'
  | 'streaming-unverifiable'
  | 'unsupported-signature'
  | CredentialFailure;

/** A denied S3 request: rendered as the S3 error XML the frontend returns as is. */
export class S3Denial extends Error {
  constructor(readonly code: S3ErrorCode, readonly reason: S3DenialReason, message: string) {
    super(message);
    this.name = 'S3Denial';
  }

  get status(): number {
    return S3_ERROR_STATUS[this.code];
  }
}

const XML_ESCAPES: Readonly<Record<string, string>> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' };

export function escapeXml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => XML_ESCAPES[c] ?? c);
}

/** S3's error document; `resource` is the request path, as S3 reports it. */
export function s3ErrorXml(denial: S3Denial, requestId: string, resource?: string): string {
  const at = resource === undefined ? '' : `<Resource>${escapeXml(resource)}</Resource>`;
  return (
    '<?xml version="1.0" encoding="UTF-8"?>' +
    `<Error><Code>${denial.code}</Code><Message>${escapeXml(denial.message)}</Message>${at}<RequestId>${requestId}</RequestId></Error>`
  );
}

/** A SigV4 parse failure, in the form (header or presigned) it was found in. */
export function malformedSignature(presigned: boolean, message: string): S3Denial {
  return new S3Denial(presigned ? 'AuthorizationQueryParametersError' : 'AuthorizationHeaderMalformed', 'malformed', message);
}

const CREDENTIAL_DENIALS: Readonly<Record<CredentialFailure, readonly [S3ErrorCode, string]>> = {
  'unknown-key': ['InvalidAccessKeyId', 'The AWS Access Key Id you provided does not exist in our records.'],
  'user-removed': ['InvalidAccessKeyId', 'The AWS Access Key Id you provided does not exist in our records.'],
  throttled: ['AccessDenied', 'Access Denied: too many failed sign-ins from this address; try again later.'],
  expired: ['ExpiredToken', 'The provided token has expired.'],
  revoked: ['InvalidToken', 'The provided token is malformed or otherwise invalid.'],
  malformed: ['InvalidToken', 'The provided token is malformed or otherwise invalid.'],
  'bad-signature': ['SignatureDoesNotMatch', 'The request signature we calculated does not match the signature you provided. Check your key and signing method.'],
};

function signatureDenial(code: SigV4ErrorCode, presigned: boolean, message: string): S3Denial {
  if (code === 'SignatureDoesNotMatch') return new S3Denial('SignatureDoesNotMatch', 'bad-signature', CREDENTIAL_DENIALS['bad-signature'][1]);
  if (code === 'RequestExpired') {
    return presigned
      ? new S3Denial('AccessDenied', 'bad-signature', 'Request has expired')
      : new S3Denial('RequestTimeTooSkewed', 'bad-signature', 'The difference between the request time and the current time is too large.');
  }
  return malformedSignature(presigned, message);
}

/** The S3 error for a refused credential or signature; anything else is rethrown by the caller. */
export function s3DenialOf(err: unknown, presigned: boolean): S3Denial | undefined {
  if (err instanceof S3Denial) return err;
  if (err instanceof SignatureRejection) return signatureDenial(err.signatureCode, presigned, err.message);
  if (err instanceof CredentialError) {
    const [code, message] = CREDENTIAL_DENIALS[err.reason];
    return new S3Denial(code, err.reason, message);
  }
  return undefined;
}
