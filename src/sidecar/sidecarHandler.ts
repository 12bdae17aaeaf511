import type { IncomingMessage, ServerResponse } from 'node:http';
import { CredentialError } from '../auth/credentialError.js';
import type { Deps } from '../deps.js';
import { AppError } from '../errors.js';
import { bearerCheck } from '../http/bearerCheck.js';
import { jsonErrorBody, jsonErrorHeaders, toAppError } from '../http/jsonErrors.js';
import { ClientGoneError } from '../http/readRawBody.js';
import { newRequestId } from '../http/requestId.js';
import { tokenHint } from '../logger.js';
import { parseAuthorizeInput, parseVerifyInput, type CredentialInput } from './parseInput.js';
import { readJsonBody, sidecarHeaders } from './readJsonBody.js';
import { ResponseBatch } from './responseBatch.js';
import { createS3Handler, type S3Route } from './s3Handler.js';
import { SidecarService, type SidecarCacheOptions } from './sidecarService.js';
import { SignatureRejection } from './signatureRejection.js';

export type SidecarRoute = 'verify' | 'authorize' | S3Route;

export interface SidecarOptions {
  /** Largest request body, bytes (default 64 KiB); larger is 413. */
  readonly bodyLimitBytes?: number;
  /** Most checks in one `/v1/authorize` call (default 100). */
  readonly maxChecks?: number;
  readonly cache?: SidecarCacheOptions;
  /** Endpoint domains for virtual-hosted S3 requests (`/v1/s3/*`); default: path-style only. */
  readonly s3BaseDomains?: readonly string[];
}

export const SIDECAR_DEFAULTS = Object.freeze({ bodyLimitBytes: 64 * 1024, maxChecks: 100 });

/**
 * The sidecar endpoints on raw node:http, without Express: they are on the path of every S3
 * request. Returns a listener for the requests app.ts routes here, with the route it found.
 */
export function createSidecarHandler(deps: Deps, options: SidecarOptions = {}) {
  const service = new SidecarService(deps, options.cache);
  const limit = options.bodyLimitBytes ?? SIDECAR_DEFAULTS.bodyLimitBytes;
  const maxChecks = options.maxChecks ?? SIDECAR_DEFAULTS.maxChecks;
  const bearer = bearerCheck(deps.config.verifyToken);

  async function answer(call: Call, req: IncomingMessage): Promise<string> {
    if (req.method !== 'POST') throw new AppError('MethodNotAllowed', `${String(req.method).slice(0, 16)} is not allowed; use POST`);
    const headers = sidecarHeaders(req);
    if (!bearer(headers.authorization)) throw new AppError('Unauthorized', 'a valid verify bearer token is required');
    const json = await readJsonBody(req, headers, limit);
    const now = deps.clock.now();
    if (call.route === 'verify') {
      const input = (call.input = parseVerifyInput(json));
      return service.verify(input, now);
    }
    const input = (call.input = parseAuthorizeInput(json, maxChecks));
    return service.authorize(input, now);
  }

  const valid = { verify: deps.metrics.verifications.labels('verify', 'valid'), authorize: deps.metrics.verifications.labels('authorize', 'valid') };
  const responses = new ResponseBatch();
  const s3 = createS3Handler(deps, service, responses, { bodyLimitBytes: limit, baseDomains: options.s3BaseDomains ?? deps.config.s3Domains });

  return (route: SidecarRoute, req: IncomingMessage, res: ServerResponse): void => {
    if (route === 's3-authorize' || route === 's3-auth' || route === 's3-ext-authz') {
      s3(route, req, res);
      return;
    }
    const call: Call = { route, input: undefined };
    answer(call, req).then(
      (body) => {
        // Success is neither logged nor given a request id: the hot path stays lean.
        responses.send(res, 200, ['content-type', 'application/json'], body);
        valid[route].inc();
      },
      (err: unknown) => fail(deps, call, res, responses, err),
    );
  };
}

/** One sidecar request as the handler tracks it; `input` once the body has been parsed. */
interface Call {
  readonly route: 'verify' | 'authorize';
  input: CredentialInput | undefined;
}

function send(responses: ResponseBatch, res: ServerResponse, status: number, body: string, requestId: string, extra: string[] = []): void {
  responses.send(res, status, ['content-type', 'application/json', 'cache-control', 'no-store', 'x-amzn-requestid', requestId, ...extra], body);
}

/** The one place sidecar failures are rendered: 401 `{valid: false, reason}`, else `{error}`. */
function fail(deps: Deps, call: Call, res: ServerResponse, responses: ResponseBatch, err: unknown): void {
  if (err instanceof ClientGoneError) return;
  const { route } = call;
  const requestId = newRequestId();
  if (err instanceof CredentialError) {
    const signatureCode = err instanceof SignatureRejection ? { signatureCode: err.signatureCode } : {};
    send(responses, res, 401, JSON.stringify({ valid: false, reason: err.reason, message: err.message, ...signatureCode }), requestId);
    deps.metrics.verifications.inc({ endpoint: route, outcome: err.reason });
    deps.logger.info({ audit: 'credential-denied', reqId: requestId, endpoint: route, reason: err.reason, ...credentialHints(call.input) }, 'credential denied');
    return;
  }
  const appError = toAppError(err, deps.logger, requestId);
  if (appError.status >= 500 && appError === err) deps.logger.warn({ reqId: requestId, endpoint: route, code: appError.code }, appError.message);
  send(responses, res, appError.status, jsonErrorBody(appError, requestId), requestId, errorHeaders(appError));
  deps.metrics.verifications.inc({ endpoint: route, outcome: appError.code });
}

function errorHeaders(err: AppError): string[] {
  if (err.code === 'MethodNotAllowed') return ['allow', 'POST'];
  // The rest of an oversized body is not read: close rather than drain it.
  if (err.code === 'PayloadTooLarge') return ['connection', 'close'];
  return jsonErrorHeaders(err);
}

/** What a denial log line may say about the credential: never a token, at most its tail. */
function credentialHints(input: CredentialInput | undefined): Record<string, string> {
  if (input === undefined) return {};
  return {
    accessKeyId: input.accessKeyId.slice(0, 128),
    ...(input.sessionToken === undefined ? {} : { token: tokenHint(input.sessionToken) }),
  };
}
