import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Deps } from '../deps.js';
import { AppError } from '../errors.js';
import { bearerCheck } from '../http/bearerCheck.js';
import { jsonErrorBody, jsonErrorHeaders, toAppError } from '../http/jsonErrors.js';
import { ClientGoneError } from '../http/readRawBody.js';
import { newRequestId } from '../http/requestId.js';
import { readJsonBody, sidecarHeaders } from './readJsonBody.js';
import type { ResponseBatch } from './responseBatch.js';
import { S3Authorizer, type S3Decision } from './s3Authorizer.js';
import { parseS3AuthorizeInput, PROXY_HEADER, s3RequestFromProxy, type ProxyForm } from './s3Input.js';
import { s3DecisionJson, s3DenialHeaders, s3PrincipalHeaders } from './s3Render.js';
import { s3ErrorXml } from './s3Errors.js';
import type { SidecarService } from './sidecarService.js';

/**
 * `POST /v1/s3/authorize` (JSON, for frontends with code), `/v1/s3/auth` (nginx `auth_request`)
 * and `/v1/s3/ext-authz/...` (Envoy `ext_authz`); see s3Input.ts for what each form believes.
 */
export type S3Route = 's3-authorize' | 's3-auth' | 's3-ext-authz';

/** Envoy's `path_prefix`: the original path follows it. */
export const S3_EXT_AUTHZ_MOUNT = '/v1/s3/ext-authz';

export interface S3HandlerOptions {
  readonly bodyLimitBytes: number;
  readonly baseDomains: readonly string[];
}

/**
 * The S3 endpoints on raw node:http, sharing the sidecar's service (principal caches, policy
 * evaluation) and its response batching. A denial is a decision, not a failed call: the JSON
 * endpoint answers it with 200 and the S3 error inside; the proxy endpoint with 403 (or the S3
 * status when the proxy asks with `x-sts-deny-status: s3`) and the S3 XML.
 */
export function createS3Handler(deps: Deps, service: SidecarService, responses: ResponseBatch, options: S3HandlerOptions) {
  const authorizer = new S3Authorizer(service, { baseDomains: options.baseDomains });
  const bearer = bearerCheck(deps.config.verifyToken);
  const accountId = deps.config.accountId;

  async function decideJson(req: IncomingMessage): Promise<S3Decision> {
    if (req.method !== 'POST') throw new AppError('MethodNotAllowed', `${String(req.method).slice(0, 16)} is not allowed; use POST`);
    const headers = sidecarHeaders(req);
    if (!bearer(headers.authorization)) throw new AppError('Unauthorized', 'a valid verify bearer token is required');
    const input = parseS3AuthorizeInput(await readJsonBody(req, headers, options.bodyLimitBytes));
    return authorizer.decide(input, deps.clock.now(), 'frontend');
  }

  async function decideProxy(req: IncomingMessage, form: ProxyForm): Promise<S3Decision> {
    // A sub-request has no body worth reading (nginx sends none, Envoy may): it is never used.
    req.resume();
    if (!bearer(req.headersDistinct[PROXY_HEADER.verifyToken]?.[0])) throw new AppError('Unauthorized', 'a valid verify bearer token is required in X-Sts-Authorization');
    return authorizer.decide(s3RequestFromProxy(req, form, S3_EXT_AUTHZ_MOUNT), deps.clock.now(), 'proxy');
  }

  function answerJson(res: ServerResponse, decision: S3Decision): void {
    const requestId = decision.allowed ? undefined : newRequestId();
    responses.send(res, 200, ['content-type', 'application/json', 'cache-control', 'no-store'], s3DecisionJson(decision, requestId));
  }

  function answerProxy(req: IncomingMessage, res: ServerResponse, decision: S3Decision): void {
    if (decision.allowed) {
      responses.send(res, 200, ['cache-control', 'no-store', ...s3PrincipalHeaders(decision, accountId)], '');
      return;
    }
    const requestId = newRequestId();
    const denial = decision.denial;
    const exact = req.headersDistinct[PROXY_HEADER.denyStatus]?.[0] === 's3';
    const status = exact && denial !== undefined ? denial.status : 403;
    const body = denial === undefined ? '' : s3ErrorXml(denial, requestId);
    responses.send(res, status, ['content-type', 'application/xml', 'cache-control', 'no-store', ...s3DenialHeaders(decision, requestId)], body);
    return;
  }

  return (route: S3Route, req: IncomingMessage, res: ServerResponse): void => {
    const decided = route === 's3-authorize' ? decideJson(req) : decideProxy(req, route === 's3-auth' ? 'nginx' : 'envoy');
    decided.then(
      (decision) => {
        if (route === 's3-authorize') answerJson(res, decision);
        else answerProxy(req, res, decision);
        record(deps, route, decision);
      },
      (err: unknown) => fail(deps, responses, route, res, err),
    );
  };
}

/** Metrics for every decision; an audit line for every denial (never a token or a secret). */
function record(deps: Deps, route: S3Route, decision: S3Decision): void {
  const denial = decision.denial;
  deps.metrics.verifications.inc({ endpoint: route, outcome: denial === undefined ? 'allowed' : denial.code });
  if (denial === undefined) return;
  const entry = decision.principal;
  deps.logger.info(
    {
      audit: 's3-denied',
      endpoint: route,
      code: denial.code,
      reason: denial.reason,
      ...(decision.accessKeyId === undefined ? {} : { accessKeyId: decision.accessKeyId.slice(0, 128) }),
      ...(entry === undefined ? {} : { user: entry.caller.user.name }),
      ...(decision.operation === undefined ? {} : { operation: decision.operation.operation, bucket: decision.operation.bucket }),
    },
    's3 request denied',
  );
}

function fail(deps: Deps, responses: ResponseBatch, route: S3Route, res: ServerResponse, err: unknown): void {
  if (err instanceof ClientGoneError) return;
  const requestId = newRequestId();
  const error = toAppError(err, deps.logger, requestId);
  if (error.status >= 500 && error === err) deps.logger.warn({ reqId: requestId, endpoint: route, code: error.code }, error.message);
  const extra = error.code === 'MethodNotAllowed' ? ['allow', 'POST'] : error.code === 'PayloadTooLarge' ? ['connection', 'close'] : jsonErrorHeaders(error);
  responses.send(res, error.status, ['content-type', 'application/json', 'cache-control', 'no-store', 'x-amzn-requestid', requestId, ...extra], jsonErrorBody(error, requestId));
  deps.metrics.verifications.inc({ endpoint: route, outcome: error.code });
}
