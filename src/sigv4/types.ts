import type { SigningKeyCache } from './signingKey.js';

export type SigV4Service = 'sts' | 's3' | string;

/** A request as the server received it; nothing here is decoded or normalised yet. */
export interface HttpRequestParts {
  method: string;
  /** Raw path as received, percent-encoding intact, no query. */
  path: string;
  /** Raw query string as received, without '?', possibly ''. */
  query: string;
  /**
   * Header names in any case; repeated headers as arrays (as node's req.headersDistinct gives)
   * or comma-joined strings. Prefer arrays: node's own joining adds a space after the comma,
   * which is not what the client signed.
   */
  headers: Record<string, string | string[] | undefined>;
  /** Exact raw body bytes, when available (STS). */
  body?: Buffer;
  /** Hex SHA-256 of the payload or 'UNSIGNED-PAYLOAD' / 'STREAMING-...' when the body is not available (S3 frontends). */
  payloadHash?: string;
}

export interface ParsedSigV4 {
  form: 'header' | 'presigned';
  accessKeyId: string;
  /** YYYYMMDD from the credential scope. */
  date: string;
  region: string;
  service: string;
  signedHeaders: string[];
  /** Lower-case hex. */
  signature: string;
  /** Milliseconds since the epoch, from X-Amz-Date (or the Date header). */
  requestTime: number;
  /** Presigned X-Amz-Expires. */
  expiresSeconds?: number;
  /** X-Amz-Security-Token header or query parameter. */
  securityToken?: string;
}

export interface VerifyOptions {
  now: number;
  service: string;
  /** '*' accepts any region. */
  region: string;
  /** Default 15 minutes. */
  maxSkewMs?: number;
  signingKeyCache?: SigningKeyCache;
}
