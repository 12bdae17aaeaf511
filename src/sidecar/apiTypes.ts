/**
 * The JSON shapes of `POST /v1/verify` and `POST /v1/authorize` (see openapi/openapi.yaml).
 * Type-only: shared by the service and the client (`s3-sts/client`) without runtime coupling.
 */

/** The S3 request as the frontend received it, for the service to check its SigV4 signature. */
export interface SignedRequest {
  readonly method: string;
  /** The raw path as received, percent-encoding intact, without the query. */
  readonly path: string;
  /** The raw query string as received, without `?` ('' when none). */
  readonly query: string;
  /** Header names in any case; a repeated header as a list of its lines. */
  readonly headers: Readonly<Record<string, string | readonly string[]>>;
  /** Hex SHA-256 of the body the frontend received, or `UNSIGNED-PAYLOAD` / `STREAMING-...`. */
  readonly payloadHash?: string;
}

export interface VerifyRequest {
  /** A temporary access key id (`ASIA...`) or a user name (permanent key, only with `request`). */
  readonly accessKeyId: string;
  readonly sessionToken?: string;
  readonly request?: SignedRequest;
}

export type ContextInputValue = string | number | boolean | readonly (string | number | boolean)[];

export interface AuthorizeCheck {
  /** `s3:GetObject`, ... */
  readonly action: string;
  /** `arn:aws:s3:::bucket/key`, ... */
  readonly resource: string;
  /** Request condition keys from the frontend; the service's own keys (`aws:username`, ...) win. */
  readonly context?: Readonly<Record<string, ContextInputValue>>;
}

export interface AuthorizeRequest extends VerifyRequest {
  readonly checks: readonly AuthorizeCheck[];
}

export interface Principal {
  readonly user: string;
  readonly accessKeyId: string;
  /** Null for a permanent key and for GetSessionToken sessions. */
  readonly sessionName: string | null;
  readonly arn: string;
  readonly posixUid: number | null;
  readonly posixGid: number | null;
  /** Role sessions (`user` is then `role:<name>`): the role. */
  readonly role?: string;
  /** Web identity sessions: the OIDC provider (issuer without scheme) and the token's subject. */
  readonly provider?: string;
  readonly subject?: string;
}

export interface EffectivePolicy {
  readonly source: 'user' | 'role' | 'session';
  /** The user's (or role's) policy name; session policies are kept as documents only. */
  readonly name?: string;
  readonly document: unknown;
}

export interface VerifyResponse {
  readonly valid: true;
  readonly principal: Principal;
  /** ISO-8601 end of the session; null for a permanent key. */
  readonly expiration: string | null;
  readonly policies: readonly EffectivePolicy[];
  readonly combine: 'all-must-allow';
}

/** The statement that decided a check. */
export interface DecidingStatement {
  readonly source: 'user' | 'session';
  /** Position of the policy in `/v1/verify`'s `policies`. */
  readonly policyIndex: number;
  readonly name?: string;
  readonly sid?: string;
  /** Position of the statement in the policy's `Statement` list. */
  readonly index: number;
}

export interface AuthorizeResult {
  readonly decision: 'Allow' | 'Deny';
  readonly reason: 'Allowed' | 'ExplicitDeny' | 'ImplicitDeny';
  readonly statement?: DecidingStatement;
}

export interface AuthorizeResponse {
  readonly principal: Principal;
  /** When the session ends (ISO 8601); null for a permanent key. */
  readonly expiration: string | null;
  readonly results: readonly AuthorizeResult[];
}

export type RejectionReason = 'expired' | 'revoked' | 'bad-signature' | 'malformed' | 'unknown-key' | 'user-removed' | 'throttled';

/** SigV4 outcome behind a `malformed` or `bad-signature` rejection of a `request`. */
export type SignatureCode =
  | 'MissingAuthenticationToken'
  | 'IncompleteSignature'
  | 'SignatureDoesNotMatch'
  | 'RequestExpired'
  | 'InvalidParameterValue';

/** 401: the credential cannot be used. */
export interface CredentialRejection {
  readonly valid: false;
  readonly reason: RejectionReason;
  readonly message: string;
  readonly signatureCode?: SignatureCode;
}

/** Every other failure: `{error: {code, message}}`. */
export interface ErrorResponse {
  readonly error: { readonly code: string; readonly message: string; readonly field?: string };
}
