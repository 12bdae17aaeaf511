import type { EvaluationResult } from '../policy/index.js';
import { classifyS3Request, type S3Operation } from '../s3/index.js';
import { isSigV4Error, parseSigV4, SIGV4, type HttpRequestParts, type ParsedSigV4, type StreamingSigningContext } from '../sigv4/index.js';
import type { PrincipalEntry } from './principalEntry.js';
import { S3Denial, s3DenialOf, malformedSignature } from './s3Errors.js';
import type { S3DeleteEntry, S3RequestParts } from './s3Input.js';
import { denyMayApplyToKeys } from './s3KeysInBody.js';
import type { SidecarService } from './sidecarService.js';

export interface S3CheckResult {
  readonly action: string;
  readonly resource: string;
  readonly result: EvaluationResult;
}

/** What `/v1/s3/authorize` and the proxy endpoint answer from. */
export interface S3Decision {
  readonly allowed: boolean;
  readonly operation: S3Operation | undefined;
  readonly checks: readonly S3CheckResult[];
  /** Undefined when the credential itself was refused (or absent). */
  readonly principal: PrincipalEntry | undefined;
  /** The access key the request was signed with, when it could be read (for the audit log). */
  readonly accessKeyId: string | undefined;
  /** Set exactly when denied. */
  readonly denial: S3Denial | undefined;
  /** Allowed STREAMING-AWS4-HMAC-SHA256-PAYLOAD(-TRAILER) requests: the chunk-checking context. */
  readonly signing: StreamingSigningContext | undefined;
}

export interface S3AuthorizerOptions {
  /** Endpoint domains for virtual-hosted addressing (see s3/index.ts); empty = path-style only. */
  readonly baseDomains: readonly string[];
}

/** Where the request came from decides what can be checked: a proxy sub-request has no body. */
export type S3CallerKind = 'frontend' | 'proxy';

const SIGNED_STREAMING = /^STREAMING-AWS4-HMAC-SHA256-PAYLOAD(-TRAILER)?$/;
const DELETE_ACTION = 's3:DeleteObject';
const DELETE_VERSION_ACTION = 's3:DeleteObjectVersion';

/**
 * What DeleteObjects must be allowed: each entry's delete (s3:DeleteObjectVersion when it names
 * a version, as AWS checks it) when the frontend read the body, else both deletes on every key of
 * the bucket (versions may be in the body); and always the operation's other checks, such as
 * s3:BypassGovernanceRetention.
 */
function deleteObjectsChecks(operation: S3Operation, bucket: string, entries: readonly S3DeleteEntry[] | undefined): ReadonlyArray<{ action: string; resource: string }> {
  const others = operation.authorizations.filter((check) => check.action !== DELETE_ACTION);
  if (entries === undefined) {
    return [...operation.authorizations, { action: DELETE_VERSION_ACTION, resource: `arn:aws:s3:::${bucket}/*` }];
  }
  const perEntry = entries.map((entry) => ({
    action: entry.versionId === undefined ? DELETE_ACTION : DELETE_VERSION_ACTION,
    resource: `arn:aws:s3:::${bucket}/${entry.key}`,
  }));
  return [...perEntry, ...others];
}
const DELETE_OBJECTS = 'DeleteObjects';

function denied(denial: S3Denial, accessKeyId?: string, principal?: PrincipalEntry, operation?: S3Operation, checks: readonly S3CheckResult[] = []): S3Decision {
  return { allowed: false, operation, checks, principal, accessKeyId, denial, signing: undefined };
}

function contentSha256(headers: S3RequestParts['headers']): string | undefined {
  const value = headers[SIGV4.HEADER.contentSha256];
  return Array.isArray(value) ? value.join(',') : value;
}

/**
 * An S3 request in, a decision out: the credential found in the request (Authorization header
 * or presigned query; none is AccessDenied), its SigV4 signature checked, the operation
 * classified, every check the operation needs evaluated with AWS semantics. Principal
 * resolution, caches and evaluation are the sidecar service's, shared with `/v1/authorize`.
 */
export class S3Authorizer {
  constructor(private readonly service: SidecarService, private readonly options: S3AuthorizerOptions) {}

  async decide(request: S3RequestParts, now: number, caller: S3CallerKind): Promise<S3Decision> {
    const parts: HttpRequestParts = { method: request.method, path: request.path, query: request.query, headers: request.headers };
    if (request.payloadHash !== undefined) parts.payloadHash = request.payloadHash;
    const parsed = this.parse(parts);
    if (parsed instanceof S3Denial) return denied(parsed);
    let principal: PrincipalEntry;
    try {
      principal = await this.service.resolveSigned(parts, parsed, now, request.sourceIp);
    } catch (err) {
      const denial = s3DenialOf(err, parsed.form === 'presigned');
      if (denial === undefined) throw err;
      return denied(denial, parsed.accessKeyId);
    }
    const classified = classifyS3Request(
      { ...request, signatureAgeMs: Math.max(0, now - parsed.requestTime) },
      { baseDomains: this.options.baseDomains },
    );
    if (classified.kind !== 'operation') {
      return denied(new S3Denial('AccessDenied', 'unknown-operation', `Access Denied: the request is not a recognised S3 operation (${classified.reason}).`), parsed.accessKeyId, principal);
    }
    return this.evaluate(request, parsed, principal, classified, now, caller);
  }

  private parse(parts: HttpRequestParts): ParsedSigV4 | S3Denial {
    try {
      return parseSigV4(parts);
    } catch (err) {
      if (!isSigV4Error(err)) throw err;
      if (err.code === 'MissingAuthenticationToken') {
        return /(^|&)AWSAccessKeyId=/.test(parts.query)
          ? new S3Denial('AccessDenied', 'unsupported-signature', 'Access Denied: only AWS Signature Version 4 is supported.')
          : new S3Denial('AccessDenied', 'anonymous', 'Access Denied: anonymous requests are not allowed.');
      }
      return malformedSignature(/[?&]X-Amz-(Algorithm|Credential|Signature)=/.test(`?${parts.query}`), err.message);
    }
  }

  private evaluate(request: S3RequestParts, parsed: ParsedSigV4, principal: PrincipalEntry, operation: S3Operation, now: number, caller: S3CallerKind): S3Decision {
    const keysChecked = operation.operation === DELETE_OBJECTS && request.keys !== undefined;
    const wanted = operation.operation === DELETE_OBJECTS && operation.bucket !== undefined
      ? deleteObjectsChecks(operation, operation.bucket, request.keys)
      : operation.authorizations;
    const checks = wanted.map(({ action, resource }) => ({ action, resource, result: this.service.evaluateFor(principal, action, resource, operation.context, now) }));
    const refused = checks.find((check) => check.result.decision !== 'Allow');
    if (refused !== undefined) {
      const why = refused.result.reason === 'ExplicitDeny' ? 'an explicit Deny' : 'no Allow';
      return denied(new S3Denial('AccessDenied', 'policy', `Access Denied: ${refused.action} on ${refused.resource} (${why}).`), parsed.accessKeyId, principal, operation, checks);
    }
    const own = operation.operation === DELETE_OBJECTS ? [DELETE_ACTION, DELETE_VERSION_ACTION] : [operation.authorizations[0]?.action ?? DELETE_ACTION];
    const bucket = operation.bucket;
    if (operation.keysInBody && !keysChecked && bucket !== undefined && own.some((action) => denyMayApplyToKeys(principal.policies, action, bucket))) {
      const message = `Access Denied: a Deny statement may apply to some keys of ${operation.bucket}, and ${operation.operation} names its keys in the body.`;
      return denied(new S3Denial('AccessDenied', 'keys-in-body', message), parsed.accessKeyId, principal, operation, checks);
    }
    const signed = SIGNED_STREAMING.test(contentSha256(request.headers) ?? '');
    if (signed && caller === 'proxy') {
      // Nothing behind a proxy checks the chunk signatures, so the body would be unauthenticated.
      const message = 'Access Denied: chunk-signed uploads (STREAMING-AWS4-HMAC-SHA256-PAYLOAD) cannot be verified here; sign the payload or use UNSIGNED-PAYLOAD.';
      return denied(new S3Denial('AccessDenied', 'streaming-unverifiable', message), parsed.accessKeyId, principal, operation, checks);
    }
    const signing = signed && parsed.form === 'header' ? this.service.streamingContext(principal, parsed) : undefined;
    return { allowed: true, operation, checks, principal, accessKeyId: parsed.accessKeyId, denial: undefined, signing };
  }
}
