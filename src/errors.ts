/**
 * Domain errors. Code throws `AppError` with a stable `code`; each protocol renders it in one
 * place (AWS XML on `/`, JSON on the admin and sidecar APIs) using the table below, so no
 * handler decides a status or an AWS code by itself.
 */

export interface ErrorSpec {
  /** HTTP status on every protocol. */
  readonly status: number;
  /** AWS error `Type` for the Query API. */
  readonly type: 'Sender' | 'Receiver';
}

/** The closed set of error codes. Names are AWS's where AWS has one. */
export const ERROR_TABLE = {
  // AWS STS Query API codes
  InvalidClientTokenId: { status: 403, type: 'Sender' },
  SignatureDoesNotMatch: { status: 403, type: 'Sender' },
  IncompleteSignature: { status: 400, type: 'Sender' },
  MissingAuthenticationToken: { status: 403, type: 'Sender' },
  ExpiredToken: { status: 400, type: 'Sender' },
  AccessDenied: { status: 403, type: 'Sender' },
  MalformedPolicyDocument: { status: 400, type: 'Sender' },
  PackedPolicyTooLarge: { status: 400, type: 'Sender' },
  ValidationError: { status: 400, type: 'Sender' },
  MissingParameter: { status: 400, type: 'Sender' },
  InvalidParameterValue: { status: 400, type: 'Sender' },
  InvalidParameterCombination: { status: 400, type: 'Sender' },
  InvalidAction: { status: 400, type: 'Sender' },
  InvalidIdentityToken: { status: 400, type: 'Sender' },
  IDPCommunicationError: { status: 400, type: 'Sender' },
  InvalidQueryParameter: { status: 400, type: 'Sender' },
  RequestExpired: { status: 400, type: 'Sender' },
  Throttling: { status: 400, type: 'Sender' },
  ServiceUnavailable: { status: 503, type: 'Receiver' },
  InternalFailure: { status: 500, type: 'Receiver' },
  // Admin / sidecar API codes
  Unauthorized: { status: 401, type: 'Sender' },
  NotFound: { status: 404, type: 'Sender' },
  NoSuchUser: { status: 404, type: 'Sender' },
  NoSuchPolicy: { status: 404, type: 'Sender' },
  NoSuchSession: { status: 404, type: 'Sender' },
  NoSuchRole: { status: 404, type: 'Sender' },
  NoSuchOidcProvider: { status: 404, type: 'Sender' },
  RoleAlreadyExists: { status: 409, type: 'Sender' },
  OidcProviderAlreadyExists: { status: 409, type: 'Sender' },
  UserAlreadyExists: { status: 409, type: 'Sender' },
  PolicyImmutable: { status: 409, type: 'Sender' },
  PolicyInUse: { status: 409, type: 'Sender' },
  PolicyTooLarge: { status: 400, type: 'Sender' },
  MethodNotAllowed: { status: 405, type: 'Sender' },
  PayloadTooLarge: { status: 413, type: 'Sender' },
  UnsupportedMediaType: { status: 415, type: 'Sender' },
} as const satisfies Record<string, ErrorSpec>;

export type ErrorCode = keyof typeof ERROR_TABLE;

export class AppError extends Error {
  readonly code: ErrorCode;
  readonly status: number;
  /** Extra machine-readable fields rendered beside code and message (never secrets). */
  readonly details: Readonly<Record<string, unknown>> | undefined;

  constructor(code: ErrorCode, message: string, options?: { cause?: unknown; details?: Record<string, unknown> }) {
    super(message, options?.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'AppError';
    this.code = code;
    this.status = ERROR_TABLE[code].status;
    this.details = options?.details;
  }
}

export function isAppError(err: unknown): err is AppError {
  return err instanceof AppError;
}

/** The store could not be reached: every protocol answers 503 and the request fails closed. */
export class StoreUnavailableError extends AppError {
  constructor(cause?: unknown) {
    super('ServiceUnavailable', 'The credential store is unavailable; try again later.', { cause });
    this.name = 'StoreUnavailableError';
  }
}
