/**
 * The condition keys a request supplies. Keys tied to an operation (listing, object creation,
 * ACLs, copying) appear only for the rows that have them, as in the AWS action table, so a
 * `Null` condition reads the same as it would on AWS. `s3:ExistingObjectTag/*` needs the stored
 * object and is left to the caller. `s3:x-amz-copy-source` is the decoded `<bucket>/<key>`
 * (no leading `/`, no `versionId`), the form AWS's policy examples match against.
 */
import type { ContextValue } from '../policy/index.js';
import { AUTH_TYPE, GRANT_HEADERS, H, HEADER } from './constants.js';
import type { CopySource } from './copySource.js';
import { FEATURE, type S3OperationRow } from './operationRow.js';
import { SLOT, type QueryFacts } from './queryFacts.js';
import type { RequestHeaders } from './requestHeaders.js';
import type { S3RequestInput } from './types.js';

const GRANT_KEYS: readonly string[] = GRANT_HEADERS.map((grant) => `s3:${grant}`);
const GRANT_SLOTS: readonly number[] = [H.grantFullControl, H.grantRead, H.grantReadAcp, H.grantWrite, H.grantWriteAcp];

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
  // Stores with literal keys below: on this path they are cheaper than stores through copyHeader.
  if (input.sourceIp !== undefined) context['aws:SourceIp'] = input.sourceIp;
  if (input.secureTransport !== undefined) context['aws:SecureTransport'] = input.secureTransport ? 'true' : 'false';
  const userAgent = headers.get(H.userAgent);
  if (userAgent !== undefined) context['aws:UserAgent'] = userAgent;
  const referer = headers.get(H.referer);
  if (referer !== undefined) context['aws:Referer'] = referer;
  addSignatureKeys(context, sources);
  const contentSha256 = headers.get(H.contentSha256);
  if (contentSha256 !== undefined) context['s3:x-amz-content-sha256'] = contentSha256;
  const { values } = facts;
  const versionId = values[SLOT.versionId];
  if (versionId !== undefined) context['s3:VersionId'] = versionId;
  const features = row.features;
  if ((features & FEATURE.listKeys) !== 0) {
    copyValue(context, 's3:prefix', values[SLOT.prefix]);
    copyValue(context, 's3:delimiter', values[SLOT.delimiter]);
    copyValue(context, 's3:max-keys', values[SLOT.maxKeys]);
  }
  if ((features & (FEATURE.aclKeys | FEATURE.objectWrite)) !== 0) addAclKeys(context, headers);
  if ((features & FEATURE.objectWrite) !== 0) addObjectWriteKeys(context, headers, sources.tags);
  if ((features & FEATURE.copySource) !== 0 && sources.copySource !== undefined) {
    context['s3:x-amz-copy-source'] = `${sources.copySource.bucket}/${sources.copySource.key}`;
    copyHeader(context, 's3:x-amz-metadata-directive', headers, H.metadataDirective);
  }
  if ((features & FEATURE.conditionalWrite) !== 0) {
    copyHeader(context, 's3:if-match', headers, H.ifMatch);
    copyHeader(context, 's3:if-none-match', headers, H.ifNoneMatch);
  }
  if ((features & FEATURE.createBucket) !== 0) copyHeader(context, 's3:x-amz-object-ownership', headers, H.objectOwnership);
  if ((features & FEATURE.annotationListKeys) !== 0) {
    copyValue(context, 's3:annotation-prefix', values[SLOT.annotationPrefix]);
    copyValue(context, 's3:max-annotation-results', values[SLOT.maxAnnotationResults]);
  }
  if ((features & FEATURE.objectIfMatch) !== 0) copyHeader(context, 's3:x-amz-object-if-match', headers, H.objectIfMatch);
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
  const authorization = headers.get(H.authorization);
  if (authorization === undefined) return;
  const space = authorization.indexOf(' ');
  context['s3:authType'] = AUTH_TYPE.header;
  context['s3:signatureversion'] = space < 0 ? authorization : authorization.slice(0, space);
}

function addAclKeys(context: Record<string, ContextValue>, headers: RequestHeaders): void {
  copyHeader(context, 's3:x-amz-acl', headers, H.acl);
  for (let i = 0; i < GRANT_KEYS.length; i++) copyHeader(context, GRANT_KEYS[i] as string, headers, GRANT_SLOTS[i] as number);
}

function addObjectWriteKeys(context: Record<string, ContextValue>, headers: RequestHeaders, tags: ReadonlyMap<string, string> | undefined): void {
  copyHeader(context, 's3:x-amz-server-side-encryption', headers, H.serverSideEncryption);
  copyHeader(context, 's3:x-amz-server-side-encryption-aws-kms-key-id', headers, H.kmsKeyId);
  copyHeader(context, 's3:x-amz-server-side-encryption-customer-algorithm', headers, H.customerAlgorithm);
  copyHeader(context, 's3:x-amz-storage-class', headers, H.storageClass);
  copyHeader(context, 's3:x-amz-website-redirect-location', headers, H.websiteRedirect);
  copyHeader(context, 's3:object-lock-mode', headers, H.lockMode);
  copyHeader(context, 's3:object-lock-retain-until-date', headers, H.lockRetainUntil);
  copyHeader(context, 's3:object-lock-legal-hold', headers, H.lockLegalHold);
  if (tags === undefined) return;
  for (const [key, value] of tags) context[`s3:RequestObjectTag/${key}`] = value;
  context['s3:RequestObjectTagKeys'] = [...tags.keys()];
}

function copyValue(context: Record<string, ContextValue>, key: string, value: string | undefined): void {
  if (value !== undefined) context[key] = value;
}

function copyHeader(context: Record<string, ContextValue>, key: string, headers: RequestHeaders, slot: number): void {
  const value = headers.get(slot);
  if (value !== undefined) context[key] = value;
}
