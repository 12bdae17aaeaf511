/**
 * The condition keys a request supplies. Keys tied to an operation (listing, object creation,
 * ACLs, copying) appear only for the rows that have them, as in the AWS action table, so a
 * `Null` condition reads the same as it would on AWS. `s3:ExistingObjectTag/*` needs the stored
 * object and is left to the caller. `s3:x-amz-copy-source` is the decoded `<bucket>/<key>`
 * (no leading `/`, no `versionId`), the form AWS's policy examples match against.
 */
import type { ContextValue } from '../policy/index.js';
import { AUTH_TYPE, GRANT_HEADERS, HEADER } from './constants.js';
import type { CopySource } from './copySource.js';
import { FEATURE, type S3OperationRow } from './operationRow.js';
import type { QueryFacts } from './queryFacts.js';
import type { RequestHeaders } from './requestHeaders.js';
import type { S3RequestInput } from './types.js';

export interface ContextSources {
  readonly input: S3RequestInput;
  readonly row: S3OperationRow;
  readonly facts: QueryFacts;
  readonly headers: RequestHeaders;
  readonly copySource: CopySource | undefined;
  readonly tags: ReadonlyMap<string, string> | undefined;
}

export function conditionContext(sources: ContextSources): Record<string, ContextValue> {
  const { input, row, facts, headers } = sources;
  const context: Record<string, ContextValue> = {};
  if (input.sourceIp !== undefined) context['aws:SourceIp'] = input.sourceIp;
  if (input.secureTransport !== undefined) context['aws:SecureTransport'] = input.secureTransport ? 'true' : 'false';
  copyHeader(context, 'aws:UserAgent', headers, HEADER.userAgent);
  copyHeader(context, 'aws:Referer', headers, HEADER.referer);
  addSignatureKeys(context, sources);
  copyHeader(context, 's3:x-amz-content-sha256', headers, HEADER.contentSha256);
  if (facts.versionId !== undefined) context['s3:VersionId'] = facts.versionId;
  const features = row.features;
  if ((features & FEATURE.listKeys) !== 0) {
    if (facts.prefix !== undefined) context['s3:prefix'] = facts.prefix;
    if (facts.delimiter !== undefined) context['s3:delimiter'] = facts.delimiter;
    if (facts.maxKeys !== undefined) context['s3:max-keys'] = facts.maxKeys;
  }
  if ((features & (FEATURE.aclKeys | FEATURE.objectWrite)) !== 0) addAclKeys(context, headers);
  if ((features & FEATURE.objectWrite) !== 0) addObjectWriteKeys(context, headers, sources.tags);
  if ((features & FEATURE.copySource) !== 0 && sources.copySource !== undefined) {
    context['s3:x-amz-copy-source'] = `${sources.copySource.bucket}/${sources.copySource.key}`;
    copyHeader(context, 's3:x-amz-metadata-directive', headers, HEADER.metadataDirective);
  }
  if ((features & FEATURE.conditionalWrite) !== 0) {
    copyHeader(context, 's3:if-match', headers, HEADER.ifMatch);
    copyHeader(context, 's3:if-none-match', headers, HEADER.ifNoneMatch);
  }
  if ((features & FEATURE.createBucket) !== 0) copyHeader(context, 's3:x-amz-object-ownership', headers, HEADER.objectOwnership);
  if ((features & FEATURE.annotationListKeys) !== 0) {
    if (facts.annotationPrefix !== undefined) context['s3:annotation-prefix'] = facts.annotationPrefix;
    if (facts.maxAnnotationResults !== undefined) context['s3:max-annotation-results'] = facts.maxAnnotationResults;
  }
  if ((features & FEATURE.objectIfMatch) !== 0) copyHeader(context, 's3:x-amz-object-if-match', headers, HEADER.objectIfMatch);
  return context;
}

/**
 * `s3:authType` and `s3:signatureversion` from how the request is signed: the `Authorization`
 * scheme, the presigned `X-Amz-Algorithm`, or a browser form upload. Anonymous requests get neither.
 */
function addSignatureKeys(context: Record<string, ContextValue>, { input, row, facts, headers }: ContextSources): void {
  if (input.signatureAgeMs !== undefined) context['s3:signatureAge'] = String(input.signatureAgeMs);
  if (row.requires === 'form-upload') {
    context['s3:authType'] = AUTH_TYPE.post;
    return;
  }
  const presigned = facts.amz?.[HEADER.algorithm];
  if (presigned !== undefined) {
    context['s3:authType'] = AUTH_TYPE.query;
    context['s3:signatureversion'] = presigned;
    return;
  }
  const authorization = headers.get(HEADER.authorization);
  if (authorization === undefined) return;
  const space = authorization.indexOf(' ');
  context['s3:authType'] = AUTH_TYPE.header;
  context['s3:signatureversion'] = space < 0 ? authorization : authorization.slice(0, space);
}

function addAclKeys(context: Record<string, ContextValue>, headers: RequestHeaders): void {
  copyHeader(context, 's3:x-amz-acl', headers, HEADER.acl);
  for (const grant of GRANT_HEADERS) copyHeader(context, `s3:${grant}`, headers, grant);
}

function addObjectWriteKeys(context: Record<string, ContextValue>, headers: RequestHeaders, tags: ReadonlyMap<string, string> | undefined): void {
  copyHeader(context, 's3:x-amz-server-side-encryption', headers, HEADER.serverSideEncryption);
  copyHeader(context, 's3:x-amz-server-side-encryption-aws-kms-key-id', headers, HEADER.kmsKeyId);
  copyHeader(context, 's3:x-amz-server-side-encryption-customer-algorithm', headers, HEADER.customerAlgorithm);
  copyHeader(context, 's3:x-amz-storage-class', headers, HEADER.storageClass);
  copyHeader(context, 's3:x-amz-website-redirect-location', headers, HEADER.websiteRedirect);
  copyHeader(context, 's3:object-lock-mode', headers, HEADER.lockMode);
  copyHeader(context, 's3:object-lock-retain-until-date', headers, HEADER.lockRetainUntil);
  copyHeader(context, 's3:object-lock-legal-hold', headers, HEADER.lockLegalHold);
  if (tags === undefined) return;
  for (const [key, value] of tags) context[`s3:RequestObjectTag/${key}`] = value;
  context['s3:RequestObjectTagKeys'] = [...tags.keys()];
}

function copyHeader(context: Record<string, ContextValue>, key: string, headers: RequestHeaders, name: string): void {
  const value = headers.get(name);
  if (value !== undefined) context[key] = value;
}
