import express, { type ErrorRequestHandler, type Request, type Router } from 'express';
import type { Deps } from '../deps.js';
import { AppError } from '../errors.js';
import { toAppError } from '../http/jsonErrors.js';
import { RateLimiter } from '../http/rateLimiter.js';
import { SigningKeyCache, type HttpRequestParts } from '../sigv4/index.js';
import { STS_ACTIONS, STS_VERSION } from './actions/index.js';
import { authenticate } from './authenticate.js';
import { mergeParams, parseParams, requireParam, type Params } from './params.js';
import { renderError, renderResult } from './xml.js';

/** Failed sign-ins one access key may have in a row before it is throttled. */
const FAILURE_BURST = 10;

/** Query API bodies are small forms; the largest legal one (a 128 KiB policy, encoded) fits. */
const STS_BODY_LIMIT = '512kb';

/** `GET /` and `POST /`: the AWS STS Query API, answered in AWS XML. */
export function createStsRouter(deps: Deps): Router {
  const router = express.Router();
  const signingKeyCache = new SigningKeyCache(1024);
  const limiter = new RateLimiter(deps.config.stsRateLimit, deps.config.stsRateLimit * 2);
  // Failed sign-ins per access key: a tenth of the request rate, with a small burst for typos.
  const failures = new RateLimiter(deps.config.stsRateLimit === 0 ? 0 : Math.max(1, deps.config.stsRateLimit / 10), FAILURE_BURST);
  const rawBody = express.raw({ type: () => true, limit: STS_BODY_LIMIT, inflate: false });
  router.all('/', rawBody, async (req, res) => {
    const params = requestParams(req);
    const action = requireParam(params, 'Action');
    res.locals.stsAction = action;
    const handler = Object.hasOwn(STS_ACTIONS, action) ? STS_ACTIONS[action] : undefined;
    const caller = await authenticate(deps, requestParts(req), signingKeyCache, failures);
    res.locals.callerKey = caller.accessKeyId;
    if (!limiter.take(caller.accessKeyId, deps.clock.now())) throw new AppError('Throttling', 'Rate exceeded');
    if (handler === undefined || requireParam(params, 'Version') !== STS_VERSION) {
      throw new AppError('InvalidAction', `Could not find operation ${action.slice(0, 64)} for version ${String(params.get('Version')).slice(0, 16)}`);
    }
    const result = await handler(deps, caller, params);
    res.type('text/xml').send(renderResult(action, result, req.id));
  });
  router.use(stsErrorHandler(deps));
  return router;
}

function requestParams(req: Request): Params {
  if (req.method !== 'GET' && req.method !== 'POST') {
    throw new AppError('MethodNotAllowed', `${req.method.slice(0, 16)} is not supported; use GET or POST`);
  }
  const query = parseParams(rawQuery(req));
  const body = bodyBytes(req);
  if (body.length === 0) return query;
  // A presigned URL signs its query only: parameters in a body would ride along unsigned.
  if (query.has('X-Amz-Signature')) {
    throw new AppError('InvalidParameterCombination', 'A presigned request carries its parameters in the signed query string and must have no body.');
  }
  if (!/^application\/x-www-form-urlencoded\s*(;|$)/i.test(req.headers['content-type'] ?? '')) {
    throw new AppError('UnsupportedMediaType', 'the request body must be application/x-www-form-urlencoded');
  }
  return mergeParams(query, parseParams(body.toString('utf8')));
}

function rawQuery(req: Request): string {
  const at = req.originalUrl.indexOf('?');
  return at < 0 ? '' : req.originalUrl.slice(at + 1);
}

function bodyBytes(req: Request): Buffer {
  return Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0);
}

/** The request exactly as the client signed it: raw path and query, distinct headers, raw body. */
function requestParts(req: Request): HttpRequestParts {
  const at = req.originalUrl.indexOf('?');
  return {
    method: req.method,
    path: at < 0 ? req.originalUrl : req.originalUrl.slice(0, at),
    query: rawQuery(req),
    headers: req.headersDistinct,
    body: bodyBytes(req),
  };
}

/** The one place the Query API renders errors, and audits refused credential requests. */
function stsErrorHandler(deps: Deps): ErrorRequestHandler {
  return (err, req, res, _next) => {
    const error = toAppError(err, deps.logger);
    const action = typeof res.locals.stsAction === 'string' ? res.locals.stsAction.slice(0, 64) : undefined;
    if (action === 'AssumeRole' || action === 'GetSessionToken') {
      deps.metrics.credentialsRefused.inc({ action, code: error.code });
      deps.logger.info(
        { audit: 'credentials-refused', action, callerKey: res.locals.callerKey, code: error.code, reason: error.message, reqId: req.id },
        'credentials refused',
      );
    }
    res.status(error.status).type('text/xml').send(renderError(error, req.id));
  };
}
