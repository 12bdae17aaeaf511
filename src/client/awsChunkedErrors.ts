/** Why an aws-chunked body was refused. Each maps to the error S3 answers with (see AWS_CHUNKED_ERRORS). */
export type AwsChunkedErrorCode =
  | 'BadSignature'
  | 'Malformed'
  | 'Truncated'
  | 'LengthMismatch'
  | 'TooLarge'
  | 'ChecksumMismatch'
  | 'UnsupportedChecksum';

interface AwsChunkedErrorSpec {
  /** S3 error code for the frontend's XML error. */
  readonly s3Code: string;
  readonly status: number;
}

export const AWS_CHUNKED_ERRORS = {
  BadSignature: { s3Code: 'SignatureDoesNotMatch', status: 403 },
  Malformed: { s3Code: 'InvalidRequest', status: 400 },
  Truncated: { s3Code: 'IncompleteBody', status: 400 },
  LengthMismatch: { s3Code: 'IncompleteBody', status: 400 },
  TooLarge: { s3Code: 'EntityTooLarge', status: 400 },
  ChecksumMismatch: { s3Code: 'BadDigest', status: 400 },
  UnsupportedChecksum: { s3Code: 'InvalidRequest', status: 400 },
} as const satisfies Record<AwsChunkedErrorCode, AwsChunkedErrorSpec>;

/** A refused aws-chunked body. Messages name the failing part, never a signature or a key. */
export class AwsChunkedError extends Error {
  constructor(
    readonly code: AwsChunkedErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'AwsChunkedError';
  }

  get s3Code(): string {
    return AWS_CHUNKED_ERRORS[this.code].s3Code;
  }

  get status(): number {
    return AWS_CHUNKED_ERRORS[this.code].status;
  }
}

export function isAwsChunkedError(err: unknown): err is AwsChunkedError {
  return err instanceof AwsChunkedError;
}
