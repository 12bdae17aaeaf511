/** One row of the operation table: how to recognise an S3 REST operation and what it needs. */

export type S3Method = 'GET' | 'HEAD' | 'PUT' | 'POST' | 'DELETE';
export type S3Target = 'service' | 'bucket' | 'object';

/** Request facts a row reads beyond its own action; bit flags so a row is one small object. */
export const FEATURE = {
  /** `s3:prefix`, `s3:delimiter`, `s3:max-keys` from the query. */
  listKeys: 1,
  /** Object creation: ACL, tagging, object-lock, encryption and storage-class headers. */
  objectWrite: 2,
  /** `x-amz-copy-source`: read access to the source object. */
  copySource: 4,
  /** `s3:x-amz-acl` and `s3:x-amz-grant-*` from the headers. */
  aclKeys: 8,
  /** `x-amz-bypass-governance-retention: true` adds `s3:BypassGovernanceRetention`. */
  bypassGovernance: 16,
  /** Object lock, object ownership and ACL headers of CreateBucket. */
  createBucket: 32,
  /** GetObjectAttributes also needs `s3:GetObject` (or `s3:GetObjectVersion`). */
  attributes: 64,
  /** The keys are in the body (DeleteObjects, PostObject): checked on `<bucket>/*`. */
  keysInBody: 128,
  /** `s3:if-match` and `s3:if-none-match` from the conditional-request headers. */
  conditionalWrite: 256,
  /** `s3:annotation-prefix`, `s3:max-annotation-results` from the query. */
  annotationListKeys: 512,
  /** `s3:x-amz-object-if-match` from its header. */
  objectIfMatch: 1024,
} as const;

/** A query parameter whose presence or absence tells two operations apart. */
export type NameParameter = 'id' | 'annotationName';

/** Preconditions beyond method, target and subresource. */
export type RowRequirement = 'partNumber' | 'select-type=2' | 'list-type=2' | 'form-upload';

export interface S3OperationRow {
  readonly operation: string;
  readonly method: S3Method;
  readonly target: S3Target;
  /** The subresource query key that selects the row, '' for none. */
  readonly subresource: string;
  /** The operation's own IAM action. */
  readonly action: string;
  /** The action instead of `action` when the query has `versionId`. */
  readonly versionAction: string | undefined;
  /** When set, the row applies only if `name.parameter` is present (`true`) or absent (`false`). */
  readonly name: { readonly parameter: NameParameter; readonly present: boolean } | undefined;
  /** When set, the row applies only with (`true`) or without (`false`) `x-amz-copy-source`. */
  readonly copy: boolean | undefined;
  readonly requires: RowRequirement | undefined;
  /** Sum of `FEATURE` flags. */
  readonly features: number;
}
