/** The shapes `classifyS3Request` takes and returns. */
import type { RequestContext } from '../policy/index.js';
import type { QueryPair } from '../sigv4/queryPairs.js';

/** Header values as node gives them; names must already be lower case. */
export type S3Headers = Readonly<Record<string, string | readonly string[] | undefined>>;

export interface S3RequestInput {
  /** Upper case, as node gives it (`GET`, `PUT`, ...). */
  readonly method: string;
  /** Raw path as received: percent-encoding intact, no query. */
  readonly path: string;
  /** Raw query string without `?` (possibly ''), or pairs already decoded once. */
  readonly query: string | readonly QueryPair[];
  readonly headers: S3Headers;
  readonly sourceIp?: string;
  readonly secureTransport?: boolean;
  /** Milliseconds between the signing time and now, when the caller verified a signature. */
  readonly signatureAgeMs?: number;
}

export interface S3ClassifierOptions {
  /**
   * Lower-case endpoint domains (`s3.example.com`). A Host of `<bucket>.<domain>` is a
   * virtual-hosted request for `<bucket>`; any other Host is path-style.
   */
  readonly baseDomains: readonly string[];
}

/** One IAM check: the action and the ARN it is evaluated against. */
export interface S3Authorization {
  readonly action: string;
  readonly resource: string;
}

export type S3Addressing = 'path' | 'virtual-hosted';

export interface S3Operation {
  readonly kind: 'operation';
  /** The S3 API operation name, e.g. `GetObject`. */
  readonly operation: string;
  /** Undefined only for ListBuckets. */
  readonly bucket: string | undefined;
  /** The object key, decoded once; undefined for service and bucket operations. */
  readonly key: string | undefined;
  readonly addressing: S3Addressing;
  /** Every check the request needs, the operation's own action first; all must allow. */
  readonly authorizations: readonly S3Authorization[];
  /** Condition keys the request supplies (S3 and global keys), for every authorization. */
  readonly context: RequestContext;
  /**
   * DeleteObjects and PostObject name their keys in the body. `authorizations` then holds the
   * check on `arn:aws:s3:::<bucket>/*`; a caller that reads the body may instead check each key.
   */
  readonly keysInBody: boolean;
}

export type S3UnknownReason =
  | 'unsupported-method'
  | 'unknown-parameter'
  | 'ambiguous-query'
  | 'no-matching-operation'
  | 'malformed-path'
  | 'malformed-query'
  | 'malformed-bucket'
  | 'malformed-header'
  | 'key-too-long'
  | 'unknown-host';

/** Anything the classifier cannot name: the caller must deny it. */
export interface S3UnknownOperation {
  readonly kind: 'unknown-operation';
  readonly reason: S3UnknownReason;
}

export type S3Classification = S3Operation | S3UnknownOperation;
