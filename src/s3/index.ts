/**
 * S3 request classifier: names the S3 REST operation of a request and lists the IAM checks it
 * needs, without I/O.
 *
 *   classifyS3Request(input: S3RequestInput, options: S3ClassifierOptions): S3Classification
 *
 * Input: method, raw path (path-style, or virtual-hosted when the `host` header is
 * `<bucket>.<one of options.baseDomains>`), raw query string or decoded pairs, lower-case
 * headers, and optionally sourceIp, secureTransport and signatureAgeMs.
 *
 * Output, either
 *   { kind: 'operation', operation, bucket, key, addressing, authorizations, context, keysInBody }
 *     operation       S3 API name (`GetObject`, `ListObjectsV2`, ...);
 *     authorizations  [{ action: 's3:...', resource: 'arn:aws:s3:::...' | '*' }], the operation's
 *                     own check first; the request is allowed only if every one is;
 *     context         condition keys (`s3:*`, `aws:SourceIp`, `aws:SecureTransport`,
 *                     `aws:UserAgent`, `aws:Referer`) for every check, a policy RequestContext;
 *     keysInBody      DeleteObjects / PostObject: the keys are in the body, the check is on
 *                     `arn:aws:s3:::<bucket>/*`;
 * or
 *   { kind: 'unknown-operation', reason }: anything not recognised exactly (unknown method,
 *     subresource or parameter, repeated parameters, broken percent-encoding in the path, in
 *     query names and values it reads, or in headers the checks depend on, invalid bucket names,
 *     keys over 1024 bytes). Deny these.
 *
 * Not covered: `s3:ExistingObjectTag/*` and other keys that need the stored object or the body
 * (DeleteObjects keys, PutObjectTagging/PutObjectRetention bodies, form fields of PostObject),
 * `s3:object-lock-remaining-retention-days`, `s3:TlsVersion`, `aws:CurrentTime` and the
 * caller's identity keys; access-point and Object Lambda hosts; directory buckets.
 */
export { classifyS3Request } from './classifyS3Request.js';
export { S3_OPERATIONS } from './operationTable.js';
export { FEATURE, type S3Method, type S3OperationRow, type S3Target } from './operationRow.js';
export { isValidBucketName } from './isValidBucketName.js';
export type {
  S3Addressing,
  S3Authorization,
  S3Classification,
  S3ClassifierOptions,
  S3Headers,
  S3Operation,
  S3RequestInput,
  S3UnknownOperation,
  S3UnknownReason,
} from './types.js';
