/**
 * Every IAM check one request needs. Most operations need one; these need more, as S3 does:
 * - CopyObject, UploadPartCopy: `s3:GetObject` (`s3:GetObjectVersion` with a source versionId)
 *   on the source object;
 * - object creation with ACL headers: `s3:PutObjectAcl`; with `x-amz-tagging`:
 *   `s3:PutObjectTagging`; with a lock mode or retain-until date: `s3:PutObjectRetention`; with
 *   a legal hold: `s3:PutObjectLegalHold`;
 * - `x-amz-bypass-governance-retention: true`: `s3:BypassGovernanceRetention`;
 * - GetObjectAttributes: `s3:GetObject` (or `s3:GetObjectVersion`) besides its own action;
 * - CreateBucket with ACL headers: `s3:PutBucketAcl`; with `x-amz-object-ownership`:
 *   `s3:PutBucketOwnershipControls`; with object lock enabled: `s3:PutBucketObjectLockConfiguration`
 *   and `s3:PutBucketVersioning`.
 */
import { H } from './constants.js';
import type { CopySource } from './copySource.js';
import { FEATURE, type S3OperationRow } from './operationRow.js';
import type { RequestHeaders } from './requestHeaders.js';
import type { S3Authorization } from './types.js';

const ARN_PREFIX = 'arn:aws:s3:::';
const SERVICE_ARN = `${ARN_PREFIX}*`;

export interface AuthorizationSources {
  readonly row: S3OperationRow;
  readonly bucket: string | undefined;
  readonly key: string | undefined;
  readonly versioned: boolean;
  readonly headers: RequestHeaders;
  readonly copySource: CopySource | undefined;
}

const ACL_SLOTS: readonly number[] = [H.acl, H.grantFullControl, H.grantRead, H.grantReadAcp, H.grantWrite, H.grantWriteAcp];

export function requiredAuthorizations(sources: AuthorizationSources): S3Authorization[] {
  const { row, versioned, headers } = sources;
  const resource = resourceArn(sources);
  const action = versioned && row.versionAction !== undefined ? row.versionAction : row.action;
  const checks: S3Authorization[] = [{ action, resource }];
  const features = row.features;
  if (features === 0) return checks;
  if ((features & FEATURE.attributes) !== 0) checks.push({ action: versioned ? 's3:GetObjectVersion' : 's3:GetObject', resource });
  if ((features & FEATURE.copySource) !== 0 && sources.copySource !== undefined) {
    const source = sources.copySource;
    const sourceAction = source.versionId === undefined ? 's3:GetObject' : 's3:GetObjectVersion';
    checks.push({ action: sourceAction, resource: `${ARN_PREFIX}${source.bucket}/${source.key}` });
  }
  if ((features & FEATURE.objectWrite) !== 0) {
    if (hasAclHeaders(headers)) checks.push({ action: 's3:PutObjectAcl', resource });
    if (headers.has(H.tagging)) checks.push({ action: 's3:PutObjectTagging', resource });
    if (headers.has(H.lockMode) || headers.has(H.lockRetainUntil)) checks.push({ action: 's3:PutObjectRetention', resource });
    if (headers.has(H.lockLegalHold)) checks.push({ action: 's3:PutObjectLegalHold', resource });
  }
  if ((features & FEATURE.bypassGovernance) !== 0 && headers.isTrue(H.bypassGovernance)) {
    checks.push({ action: 's3:BypassGovernanceRetention', resource });
  }
  if ((features & FEATURE.createBucket) !== 0) {
    if (hasAclHeaders(headers)) checks.push({ action: 's3:PutBucketAcl', resource });
    if (headers.has(H.objectOwnership)) checks.push({ action: 's3:PutBucketOwnershipControls', resource });
    if (headers.isTrue(H.bucketObjectLock)) {
      checks.push({ action: 's3:PutBucketObjectLockConfiguration', resource }, { action: 's3:PutBucketVersioning', resource });
    }
  }
  return checks;
}

/**
 * The service ARN for service-level actions (ListAllMyBuckets), the bucket ARN, the object ARN,
 * or `<bucket>/*` when keys are in the body. The service ARN is `arn:aws:s3:::*`, matched by a
 * policy's `*` and by `arn:aws:s3:::*` alike, as AWS's own examples for ListAllMyBuckets grant it.
 */
function resourceArn({ row, bucket, key }: AuthorizationSources): string {
  if (row.target === 'service' || bucket === undefined) return SERVICE_ARN;
  if ((row.features & FEATURE.keysInBody) !== 0) return `${ARN_PREFIX}${bucket}/*`;
  return row.target === 'object' ? `${ARN_PREFIX}${bucket}/${key ?? ''}` : `${ARN_PREFIX}${bucket}`;
}

function hasAclHeaders(headers: RequestHeaders): boolean {
  for (const slot of ACL_SLOTS) if (headers.has(slot)) return true;
  return false;
}
