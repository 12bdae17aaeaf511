import { callerArn } from '../auth/caller.js';
import type { PrincipalEntry } from './principalEntry.js';
import type { S3Decision } from './s3Authorizer.js';
import { escapeXml, s3ErrorXml } from './s3Errors.js';

function expirationJson(entry: PrincipalEntry): string {
  return entry.expiresAt === undefined ? 'null' : `"${new Date(entry.expiresAt).toISOString()}"`;
}

/** One check: the action and resource, then the decision and its deciding statement. */
function checkJson(entry: PrincipalEntry, check: S3Decision['checks'][number]): string {
  return `{"action":${JSON.stringify(check.action)},"resource":${JSON.stringify(check.resource)},${entry.resultJson(check.result).slice(1)}`;
}

/**
 * The body of `POST /v1/s3/authorize` (always 200 once the call itself is valid: the decision
 * is in the body). `requestId` is only needed for a denial, whose `error.xml` embeds it.
 */
export function s3DecisionJson(decision: S3Decision, requestId: string | undefined): string {
  const { operation, principal, denial, signing } = decision;
  let json = `{"decision":"${decision.allowed ? 'Allow' : 'Deny'}"`;
  json += operation === undefined
    ? ',"operation":null,"bucket":null,"key":null'
    : `,"operation":"${operation.operation}","bucket":${JSON.stringify(operation.bucket ?? null)},"key":${JSON.stringify(operation.key ?? null)}`;
  json += principal === undefined ? ',"principal":null,"expiration":null' : `,"principal":${principal.principalJson},"expiration":${expirationJson(principal)}`;
  json += principal === undefined ? ',"results":[]' : `,"results":[${decision.checks.map((check) => checkJson(principal, check)).join(',')}]`;
  if (signing !== undefined) {
    json += `,"signing":{"signingKey":"${signing.signingKey.toString('hex')}","amzDate":"${signing.amzDate}","scope":${JSON.stringify(signing.scope)},"seedSignature":"${signing.seedSignature}"}`;
  }
  if (denial !== undefined) {
    const xml = s3ErrorXml(denial, requestId ?? '');
    json += `,"s3Error":{"code":"${denial.code}","status":${denial.status},"reason":"${denial.reason}","message":${JSON.stringify(denial.message)},"requestId":"${requestId ?? ''}","xml":${JSON.stringify(xml)}}`;
  }
  return `${json}}`;
}

/** Header values must be printable ASCII; anything else (a key in a message) becomes `?`. */
function headerSafe(text: string): string {
  return text.replace(/[^\x20-\x7e]/g, '?').slice(0, 1024);
}

/** What a proxy forwards to the backend on an allowed request (nginx `auth_request_set`, Envoy `allowed_upstream_headers`). */
export function s3PrincipalHeaders(decision: S3Decision, accountId: string): string[] {
  const entry = decision.principal;
  if (entry === undefined) return [];
  const { caller } = entry;
  const headers = ['x-s3-user', caller.user.name, 'x-s3-access-key', caller.accessKeyId];
  headers.push('x-s3-arn', headerSafe(callerArn(caller, accountId)));
  if (caller.user.posixUid !== undefined) headers.push('x-s3-uid', String(caller.user.posixUid));
  if (caller.user.posixGid !== undefined) headers.push('x-s3-gid', String(caller.user.posixGid));
  if (decision.operation !== undefined) headers.push('x-s3-operation', decision.operation.operation);
  if (entry.expiresAt !== undefined) headers.push('x-s3-expiration', new Date(entry.expiresAt).toISOString());
  return headers;
}

/** What a proxy needs to answer a denial itself (nginx cannot pass the sub-request's body on). */
export function s3DenialHeaders(decision: S3Decision, requestId: string): string[] {
  const denial = decision.denial;
  if (denial === undefined) return [];
  return [
    'x-s3-error-code', denial.code,
    'x-s3-error-status', String(denial.status),
    // XML-escaped: proxies paste it into an S3 error document (examples/nginx).
    'x-s3-error-message', headerSafe(escapeXml(denial.message)),
    'x-s3-request-id', requestId,
  ];
}
