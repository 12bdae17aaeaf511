/** Header and query names the classifier reads, in one place. Headers are lower case. */

export const HEADER = {
  host: 'host',
  authorization: 'authorization',
  contentType: 'content-type',
  userAgent: 'user-agent',
  referer: 'referer',
  contentSha256: 'x-amz-content-sha256',
  copySource: 'x-amz-copy-source',
  metadataDirective: 'x-amz-metadata-directive',
  acl: 'x-amz-acl',
  tagging: 'x-amz-tagging',
  serverSideEncryption: 'x-amz-server-side-encryption',
  kmsKeyId: 'x-amz-server-side-encryption-aws-kms-key-id',
  customerAlgorithm: 'x-amz-server-side-encryption-customer-algorithm',
  storageClass: 'x-amz-storage-class',
  websiteRedirect: 'x-amz-website-redirect-location',
  lockMode: 'x-amz-object-lock-mode',
  lockRetainUntil: 'x-amz-object-lock-retain-until-date',
  lockLegalHold: 'x-amz-object-lock-legal-hold',
  bypassGovernance: 'x-amz-bypass-governance-retention',
  objectOwnership: 'x-amz-object-ownership',
  bucketObjectLock: 'x-amz-bucket-object-lock-enabled',
  ifMatch: 'if-match',
  ifNoneMatch: 'if-none-match',
  objectIfMatch: 'x-amz-object-if-match',
  algorithm: 'x-amz-algorithm',
  grantFullControl: 'x-amz-grant-full-control',
  grantRead: 'x-amz-grant-read',
  grantReadAcp: 'x-amz-grant-read-acp',
  grantWrite: 'x-amz-grant-write',
  grantWriteAcp: 'x-amz-grant-write-acp',
} as const;

export type HeaderField = keyof typeof HEADER;

/** Each header's position in `RequestHeaders`: reads by position need no hashing. */
export const H = Object.freeze(Object.fromEntries(Object.keys(HEADER).map((field, slot) => [field, slot]))) as Readonly<Record<HeaderField, number>>;

/** Header names by position. */
export const HEADER_NAMES: readonly string[] = Object.values(HEADER);

/** ACL grant headers; each is also a condition key of the same name under `s3:`. */
export const GRANT_HEADERS: readonly string[] = [
  HEADER.grantFullControl,
  HEADER.grantRead,
  HEADER.grantReadAcp,
  HEADER.grantWrite,
  HEADER.grantWriteAcp,
];

/** Headers S3 treats as request parameters when they arrive in the query (presigned URLs). */
export const AMZ_PREFIX = 'x-amz-';

/** The `x-amz-*` query parameters the classifier reads; the others (signature parts) are passed over. */
export const READ_AMZ_PARAMETERS: ReadonlySet<string> = new Set(HEADER_NAMES.filter((name) => name.startsWith(AMZ_PREFIX)));

/**
 * Query parameters that select nothing and need no check: paging, response overrides and the
 * SDK's `x-id`. Any other unknown parameter makes the request unknown.
 */
export const PLAIN_PARAMETERS: ReadonlySet<string> = new Set([
  'x-id',
  'encoding-type',
  'marker',
  'continuation-token',
  'fetch-owner',
  'start-after',
  'key-marker',
  'version-id-marker',
  'upload-id-marker',
  'max-uploads',
  'max-parts',
  'part-number-marker',
  'max-buckets',
  'bucket-region',
  'response-cache-control',
  'response-content-disposition',
  'response-content-encoding',
  'response-content-language',
  'response-content-type',
  'response-expires',
]);

export const AUTH_TYPE = {
  header: 'REST-HEADER',
  query: 'REST-QUERY-STRING',
  post: 'POST',
} as const;

/** S3 rejects longer keys (KeyTooLongError). */
export const MAX_KEY_BYTES = 1024;
