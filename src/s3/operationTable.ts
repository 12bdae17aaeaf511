/**
 * Every S3 REST operation on general-purpose buckets, one row each, with the IAM action AWS
 * evaluates for it ("Actions, resources, and condition keys for Amazon S3" and the permissions
 * section of each operation in the S3 API reference). HTTP bindings follow the S3 API model.
 *
 * Left out, so they classify as unknown: CreateSession, ListDirectoryBuckets and RenameObject
 * (directory buckets, `s3express:` actions) and WriteGetObjectResponse (S3 Object Lambda).
 */
import { FEATURE, type NameParameter, type RowRequirement, type S3Method, type S3OperationRow, type S3Target } from './operationRow.js';

interface RowOptions {
  readonly versionAction?: string;
  readonly name?: NameParameter;
  readonly namePresent?: boolean;
  readonly copy?: boolean;
  readonly requires?: RowRequirement;
  readonly features?: number;
}

function row(operation: string, method: S3Method, target: S3Target, subresource: string, action: string, options: RowOptions = {}): S3OperationRow {
  return {
    operation,
    method,
    target,
    subresource,
    action: `s3:${action}`,
    versionAction: options.versionAction === undefined ? undefined : `s3:${options.versionAction}`,
    name: options.name === undefined ? undefined : { parameter: options.name, present: options.namePresent ?? true },
    copy: options.copy,
    requires: options.requires,
    features: options.features ?? 0,
  };
}

const bucket = (operation: string, method: S3Method, subresource: string, action: string, options?: RowOptions) =>
  row(operation, method, 'bucket', subresource, action, options);
const object = (operation: string, method: S3Method, subresource: string, action: string, options?: RowOptions) =>
  row(operation, method, 'object', subresource, action, options);

/** Get, Put and Delete of one bucket configuration; S3 authorizes Delete with `deleteAction`. */
function configuration(subresource: string, names: readonly [string, string, string], getAction: string, putAction: string, deleteAction: string): S3OperationRow[] {
  return [
    bucket(names[0], 'GET', subresource, getAction),
    bucket(names[1], 'PUT', subresource, putAction),
    bucket(names[2], 'DELETE', subresource, deleteAction),
  ];
}

/** Configurations kept by `id` (analytics, inventory, metrics, intelligent tiering): the list omits `id`. */
function configurationsById(subresource: string, noun: string, getAction: string, putAction: string): S3OperationRow[] {
  const byId = { name: 'id' as const };
  return [
    bucket(`ListBucket${noun}Configurations`, 'GET', subresource, getAction, { name: 'id', namePresent: false }),
    bucket(`GetBucket${noun}Configuration`, 'GET', subresource, getAction, byId),
    bucket(`PutBucket${noun}Configuration`, 'PUT', subresource, putAction, byId),
    bucket(`DeleteBucket${noun}Configuration`, 'DELETE', subresource, putAction, byId),
  ];
}

const { listKeys, objectWrite, copySource, aclKeys, bypassGovernance, createBucket, attributes, keysInBody, conditionalWrite, annotationListKeys, objectIfMatch } = FEATURE;

export const S3_OPERATIONS: readonly S3OperationRow[] = [
  row('ListBuckets', 'GET', 'service', '', 'ListAllMyBuckets'),

  bucket('CreateBucket', 'PUT', '', 'CreateBucket', { features: aclKeys | createBucket }),
  bucket('DeleteBucket', 'DELETE', '', 'DeleteBucket'),
  bucket('HeadBucket', 'HEAD', '', 'ListBucket'),
  bucket('ListObjects', 'GET', '', 'ListBucket', { features: listKeys }),
  bucket('ListObjectsV2', 'GET', 'list-type', 'ListBucket', { requires: 'list-type=2', features: listKeys }),
  bucket('ListObjectVersions', 'GET', 'versions', 'ListBucketVersions', { features: listKeys }),
  bucket('ListMultipartUploads', 'GET', 'uploads', 'ListBucketMultipartUploads'),
  // S3 checks s3:DeleteObject per key of the body; without the body the check is on every key.
  bucket('DeleteObjects', 'POST', 'delete', 'DeleteObject', { features: keysInBody | bypassGovernance }),
  // Browser upload: the key, ACL and tagging are form fields, so only s3:PutObject is known.
  bucket('PostObject', 'POST', '', 'PutObject', { requires: 'form-upload', features: keysInBody }),

  bucket('GetBucketAcl', 'GET', 'acl', 'GetBucketAcl'),
  bucket('PutBucketAcl', 'PUT', 'acl', 'PutBucketAcl', { features: aclKeys }),
  ...configuration('cors', ['GetBucketCors', 'PutBucketCors', 'DeleteBucketCors'], 'GetBucketCORS', 'PutBucketCORS', 'PutBucketCORS'),
  ...configuration('policy', ['GetBucketPolicy', 'PutBucketPolicy', 'DeleteBucketPolicy'], 'GetBucketPolicy', 'PutBucketPolicy', 'DeleteBucketPolicy'),
  bucket('GetBucketPolicyStatus', 'GET', 'policyStatus', 'GetBucketPolicyStatus'),
  ...configuration('lifecycle', ['GetBucketLifecycleConfiguration', 'PutBucketLifecycleConfiguration', 'DeleteBucketLifecycle'],
    'GetLifecycleConfiguration', 'PutLifecycleConfiguration', 'PutLifecycleConfiguration'),
  bucket('GetBucketVersioning', 'GET', 'versioning', 'GetBucketVersioning'),
  bucket('PutBucketVersioning', 'PUT', 'versioning', 'PutBucketVersioning'),
  ...configuration('tagging', ['GetBucketTagging', 'PutBucketTagging', 'DeleteBucketTagging'], 'GetBucketTagging', 'PutBucketTagging', 'PutBucketTagging'),
  ...configuration('website', ['GetBucketWebsite', 'PutBucketWebsite', 'DeleteBucketWebsite'], 'GetBucketWebsite', 'PutBucketWebsite', 'DeleteBucketWebsite'),
  ...configuration('encryption', ['GetBucketEncryption', 'PutBucketEncryption', 'DeleteBucketEncryption'],
    'GetEncryptionConfiguration', 'PutEncryptionConfiguration', 'PutEncryptionConfiguration'),
  ...configuration('replication', ['GetBucketReplication', 'PutBucketReplication', 'DeleteBucketReplication'],
    'GetReplicationConfiguration', 'PutReplicationConfiguration', 'PutReplicationConfiguration'),
  bucket('GetBucketLogging', 'GET', 'logging', 'GetBucketLogging'),
  bucket('PutBucketLogging', 'PUT', 'logging', 'PutBucketLogging'),
  bucket('GetBucketNotificationConfiguration', 'GET', 'notification', 'GetBucketNotification'),
  bucket('PutBucketNotificationConfiguration', 'PUT', 'notification', 'PutBucketNotification'),
  ...configuration('ownershipControls', ['GetBucketOwnershipControls', 'PutBucketOwnershipControls', 'DeleteBucketOwnershipControls'],
    'GetBucketOwnershipControls', 'PutBucketOwnershipControls', 'PutBucketOwnershipControls'),
  ...configuration('publicAccessBlock', ['GetPublicAccessBlock', 'PutPublicAccessBlock', 'DeletePublicAccessBlock'],
    'GetBucketPublicAccessBlock', 'PutBucketPublicAccessBlock', 'PutBucketPublicAccessBlock'),
  bucket('GetObjectLockConfiguration', 'GET', 'object-lock', 'GetBucketObjectLockConfiguration'),
  bucket('PutObjectLockConfiguration', 'PUT', 'object-lock', 'PutBucketObjectLockConfiguration'),
  bucket('GetBucketAccelerateConfiguration', 'GET', 'accelerate', 'GetAccelerateConfiguration'),
  bucket('PutBucketAccelerateConfiguration', 'PUT', 'accelerate', 'PutAccelerateConfiguration'),
  bucket('GetBucketRequestPayment', 'GET', 'requestPayment', 'GetBucketRequestPayment'),
  bucket('PutBucketRequestPayment', 'PUT', 'requestPayment', 'PutBucketRequestPayment'),
  bucket('GetBucketAbac', 'GET', 'abac', 'GetBucketAbac'),
  bucket('PutBucketAbac', 'PUT', 'abac', 'PutBucketAbac'),
  ...configurationsById('analytics', 'Analytics', 'GetAnalyticsConfiguration', 'PutAnalyticsConfiguration'),
  ...configurationsById('inventory', 'Inventory', 'GetInventoryConfiguration', 'PutInventoryConfiguration'),
  ...configurationsById('metrics', 'Metrics', 'GetMetricsConfiguration', 'PutMetricsConfiguration'),
  ...configurationsById('intelligent-tiering', 'IntelligentTiering', 'GetIntelligentTieringConfiguration', 'PutIntelligentTieringConfiguration'),
  bucket('GetBucketLocation', 'GET', 'location', 'GetBucketLocation'),
  bucket('CreateBucketMetadataTableConfiguration', 'POST', 'metadataTable', 'CreateBucketMetadataTableConfiguration'),
  bucket('GetBucketMetadataTableConfiguration', 'GET', 'metadataTable', 'GetBucketMetadataTableConfiguration'),
  bucket('DeleteBucketMetadataTableConfiguration', 'DELETE', 'metadataTable', 'DeleteBucketMetadataTableConfiguration'),
  bucket('CreateBucketMetadataConfiguration', 'POST', 'metadataConfiguration', 'CreateBucketMetadataTableConfiguration'),
  bucket('GetBucketMetadataConfiguration', 'GET', 'metadataConfiguration', 'GetBucketMetadataTableConfiguration'),
  bucket('DeleteBucketMetadataConfiguration', 'DELETE', 'metadataConfiguration', 'DeleteBucketMetadataTableConfiguration'),
  bucket('UpdateBucketMetadataInventoryTableConfiguration', 'PUT', 'metadataInventoryTable', 'UpdateBucketMetadataInventoryTableConfiguration'),
  bucket('UpdateBucketMetadataJournalTableConfiguration', 'PUT', 'metadataJournalTable', 'UpdateBucketMetadataJournalTableConfiguration'),
  bucket('UpdateBucketMetadataAnnotationTableConfiguration', 'PUT', 'metadataAnnotationTable', 'UpdateBucketMetadataAnnotationTableConfiguration'),

  object('GetObject', 'GET', '', 'GetObject', { versionAction: 'GetObjectVersion' }),
  object('HeadObject', 'HEAD', '', 'GetObject', { versionAction: 'GetObjectVersion' }),
  object('PutObject', 'PUT', '', 'PutObject', { copy: false, features: objectWrite | conditionalWrite }),
  object('CopyObject', 'PUT', '', 'PutObject', { copy: true, features: objectWrite | copySource | conditionalWrite }),
  object('DeleteObject', 'DELETE', '', 'DeleteObject', { versionAction: 'DeleteObjectVersion', features: bypassGovernance | conditionalWrite }),
  object('CreateMultipartUpload', 'POST', 'uploads', 'PutObject', { features: objectWrite }),
  object('UploadPart', 'PUT', 'uploadId', 'PutObject', { copy: false, requires: 'partNumber' }),
  object('UploadPartCopy', 'PUT', 'uploadId', 'PutObject', { copy: true, requires: 'partNumber', features: copySource }),
  object('CompleteMultipartUpload', 'POST', 'uploadId', 'PutObject', { features: conditionalWrite }),
  object('AbortMultipartUpload', 'DELETE', 'uploadId', 'AbortMultipartUpload'),
  object('ListParts', 'GET', 'uploadId', 'ListMultipartUploadParts'),
  object('GetObjectAcl', 'GET', 'acl', 'GetObjectAcl', { versionAction: 'GetObjectVersionAcl' }),
  object('PutObjectAcl', 'PUT', 'acl', 'PutObjectAcl', { versionAction: 'PutObjectVersionAcl', features: aclKeys }),
  object('GetObjectTagging', 'GET', 'tagging', 'GetObjectTagging', { versionAction: 'GetObjectVersionTagging' }),
  object('PutObjectTagging', 'PUT', 'tagging', 'PutObjectTagging', { versionAction: 'PutObjectVersionTagging' }),
  object('DeleteObjectTagging', 'DELETE', 'tagging', 'DeleteObjectTagging', { versionAction: 'DeleteObjectVersionTagging' }),
  object('GetObjectRetention', 'GET', 'retention', 'GetObjectRetention'),
  object('PutObjectRetention', 'PUT', 'retention', 'PutObjectRetention', { features: bypassGovernance }),
  object('GetObjectLegalHold', 'GET', 'legal-hold', 'GetObjectLegalHold'),
  object('PutObjectLegalHold', 'PUT', 'legal-hold', 'PutObjectLegalHold'),
  object('GetObjectTorrent', 'GET', 'torrent', 'GetObjectTorrent', { versionAction: 'GetObjectVersionTorrent' }),
  object('RestoreObject', 'POST', 'restore', 'RestoreObject'),
  object('SelectObjectContent', 'POST', 'select', 'GetObject', { requires: 'select-type=2' }),
  object('GetObjectAttributes', 'GET', 'attributes', 'GetObjectAttributes', { versionAction: 'GetObjectVersionAttributes', features: attributes }),
  object('UpdateObjectEncryption', 'PUT', 'encryption', 'UpdateObjectEncryption'),
  object('ListObjectAnnotations', 'GET', 'annotation', 'ListObjectAnnotations',
    { versionAction: 'ListObjectVersionAnnotations', name: 'annotationName', namePresent: false, features: annotationListKeys }),
  object('GetObjectAnnotation', 'GET', 'annotation', 'GetObjectAnnotation', { versionAction: 'GetObjectVersionAnnotation', name: 'annotationName' }),
  object('PutObjectAnnotation', 'PUT', 'annotation', 'PutObjectAnnotation',
    { versionAction: 'PutObjectVersionAnnotation', name: 'annotationName', features: objectIfMatch }),
  object('DeleteObjectAnnotation', 'DELETE', 'annotation', 'DeleteObjectAnnotation',
    { versionAction: 'DeleteObjectVersionAnnotation', name: 'annotationName', features: objectIfMatch }),
];

export const METHODS: readonly S3Method[] = ['GET', 'HEAD', 'PUT', 'POST', 'DELETE'];
export const TARGETS: readonly S3Target[] = ['service', 'bucket', 'object'];

/** The position of a method and target's rows within one subresource's group. */
export function rowGroupSlot(method: number, target: number): number {
  return target * METHODS.length + method;
}

/**
 * Rows by subresource ('' for none), then by `rowGroupSlot`: the lookup is one Map get, one
 * array read and a scan of at most two rows.
 */
export const ROWS_BY_SUBRESOURCE: ReadonlyMap<string, readonly (readonly S3OperationRow[] | undefined)[]> = groupRows(S3_OPERATIONS);

function groupRows(rows: readonly S3OperationRow[]): Map<string, (S3OperationRow[] | undefined)[]> {
  const map = new Map<string, (S3OperationRow[] | undefined)[]>();
  for (const entry of rows) {
    let group = map.get(entry.subresource);
    if (group === undefined) {
      group = new Array<S3OperationRow[] | undefined>(METHODS.length * TARGETS.length).fill(undefined);
      map.set(entry.subresource, group);
    }
    (group[rowGroupSlot(METHODS.indexOf(entry.method), TARGETS.indexOf(entry.target))] ??= []).push(entry);
  }
  return map;
}
