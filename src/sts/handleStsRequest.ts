import type { Deps } from '../deps.js';
import { AppError } from '../errors.js';
import { toAppError } from '../http/jsonErrors.js';
import { RateLimiter } from '../http/rateLimiter.js';
import { ClientGoneError } from '../http/readRawBody.js';
import { SigningKeyCache } from '../sigv4/index.js';
import { STS_ACTIONS, STS_VERSION } from './actions/index.js';
import { ASSUME_ROLE_WITH_WEB_IDENTITY, assumeRoleWithWebIdentity } from './actions/assumeRoleWithWebIdentity.js';
import { authenticate } from './authenticate.js';
import { requireParam, type Params } from './params.js';
import { queryParams, signedParts, type StsHttpRequest } from './stsHttpRequest.js';
import { renderError, renderResult } from './xml.js';

/** What the Query API keeps between requests: a signing-key cache and the per-key request limiter. */
export interface StsService {
  readonly deps: Deps;
  readonly signingKeyCache: SigningKeyCache;
  readonly limiter: RateLimiter;
}

export function createStsService(deps: Deps): StsService {
  const rate = deps.config.stsRateLimit;
  return {
    deps,
    signingKeyCache: new SigningKeyCache(1024),
    limiter: new RateLimiter(rate, rate * 2),
  };
}

/** An answer in AWS XML (`text/xml`); its RequestId is the request's. */
export interface StsHttpResponse {
  readonly status: number;
  readonly body: string;
}

/** How far a request got: what an audit line of a refusal can say about it. */
interface StsCall {
  action: string | undefined;
  callerKey: string | undefined;
}

/**
 * The Query API (`GET /`, `POST /`): parse, call the action, render. Every failure is rendered
 * here; the promise rejects only with `ClientGoneError`, when nobody is left to answer.
 */
export async function handleStsRequest(sts: StsService, request: StsHttpRequest): Promise<StsHttpResponse> {
  const call: StsCall = { action: undefined, callerKey: undefined };
  try {
    return { status: 200, body: await answer(sts, request, call) };
  } catch (err) {
    if (err instanceof ClientGoneError) throw err;
    return refusal(sts.deps, err, call, request.requestId);
  }
}

async function answer(sts: StsService, request: StsHttpRequest, call: StsCall): Promise<string> {
  const { deps } = sts;
  const body = await request.readBody();
  const params = queryParams(request, body);
  const action = (call.action = requireParam(params, 'Action'));
  if (action === ASSUME_ROLE_WITH_WEB_IDENTITY && isUnsigned(request, params)) return answerWebIdentity(sts, request, params);
  const handler = Object.hasOwn(STS_ACTIONS, action) ? STS_ACTIONS[action] : undefined;
  const caller = await authenticate(deps, signedParts(request, body), sts.signingKeyCache, request.sourceAddress);
  call.callerKey = caller.accessKeyId;
  if (!sts.limiter.take(caller.accessKeyId, deps.clock.now())) throw new AppError('Throttling', 'Rate exceeded');
  if (handler === undefined || requireParam(params, 'Version') !== STS_VERSION) {
    throw new AppError('InvalidAction', `Could not find operation ${action.slice(0, 64)} for version ${String(params.get('Version')).slice(0, 16)}`);
  }
  const result = await handler(deps, caller, params);
  return renderResult(action, result, request.requestId);
}

/** As in AWS, AssumeRoleWithWebIdentity needs no signature: the web identity token is the credential. */
function isUnsigned(request: StsHttpRequest, params: Params): boolean {
  return request.headers['authorization'] === undefined && !params.has('X-Amz-Signature');
}

/** Codes that count as a failed sign-in: a guessed or stolen token tried against a role. */
const WEB_IDENTITY_FAILURES: ReadonlySet<string> = new Set(['InvalidIdentityToken', 'ExpiredToken', 'AccessDenied']);

/**
 * The unsigned path. Failures are throttled per client address and role ARN (the signed path's
 * access key), so token guessing from one place is bounded; requests per address are limited
 * like requests per key.
 */
async function answerWebIdentity(sts: StsService, request: StsHttpRequest, params: Params): Promise<string> {
  const { deps } = sts;
  if (requireParam(params, 'Version') !== STS_VERSION) {
    throw new AppError('InvalidAction', `Could not find operation ${ASSUME_ROLE_WITH_WEB_IDENTITY} for version ${String(params.get('Version')).slice(0, 16)}`);
  }
  const source = { address: request.sourceAddress, accessKeyId: `web-identity:${params.get('RoleArn') ?? ''}` };
  if (deps.signIns.blocked(source) || !sts.limiter.take(`web-identity:${request.sourceAddress}`, deps.clock.now())) {
    throw new AppError('Throttling', 'Rate exceeded');
  }
  try {
    return renderResult(ASSUME_ROLE_WITH_WEB_IDENTITY, await assumeRoleWithWebIdentity(deps, params, request.sourceAddress), request.requestId);
  } catch (err) {
    if (err instanceof AppError && WEB_IDENTITY_FAILURES.has(err.code)) await deps.signIns.recordFailure(source);
    throw err;
  }
}

/** AWS's words for an unexpected failure; the detail is in the log under the request id. */
const INTERNAL_FAILURE_MESSAGE = 'We encountered an internal error. Please try again.';

/** The one place the Query API renders errors, and audits refused credential requests. */
function refusal(deps: Deps, err: unknown, call: StsCall, requestId: string): StsHttpResponse {
  const error = toAppError(err, deps.logger, requestId, INTERNAL_FAILURE_MESSAGE);
  const action = call.action?.slice(0, 64);
  if (action === 'AssumeRole' || action === 'GetSessionToken' || action === ASSUME_ROLE_WITH_WEB_IDENTITY) {
    deps.metrics.credentialsRefused.inc({ action, code: error.code });
    deps.logger.info(
      { audit: 'credentials-refused', action, callerKey: call.callerKey, code: error.code, reason: error.message, reqId: requestId },
      'credentials refused',
    );
  }
  return { status: error.status, body: renderError(error, requestId) };
}
