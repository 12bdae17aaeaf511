import type { RequestHandler } from 'express';
import type { Deps } from '../deps.js';
import { newRequestId } from './requestId.js';

declare module 'express-serve-static-core' {
  interface Request {
    id: string;
  }
}

/** Gives each request an id (echoed as x-amzn-RequestId) and logs one line when it ends. */
export function accessLog(deps: Deps): RequestHandler {
  return (req, res, next) => {
    const started = process.hrtime.bigint();
    req.id = newRequestId();
    res.setHeader('x-amzn-RequestId', req.id);
    res.on('finish', () => {
      logRequest(deps, { reqId: req.id, method: req.method, path: req.path, status: res.statusCode, started });
    });
    next();
  };
}

/** One finished request, as the access log and the http metrics record it. */
export interface FinishedRequest {
  readonly reqId: string;
  readonly method: string;
  /** The path without its query string. */
  readonly path: string;
  readonly status: number;
  /** `process.hrtime.bigint()` when the request arrived. */
  readonly started: bigint;
}

/** The access log line and the http metrics of one request, whichever stack served it. */
export function logRequest(deps: Deps, request: FinishedRequest): void {
  const seconds = Number(process.hrtime.bigint() - request.started) / 1e9;
  const route = routeLabel(request.path);
  deps.metrics.httpRequests.inc({ route, status: String(request.status) });
  deps.metrics.httpDuration.observe({ route }, seconds);
  deps.logger.info(
    { reqId: request.reqId, method: request.method, path: request.path.slice(0, 200), status: request.status, ms: Math.round(seconds * 1e4) / 10 },
    'request',
  );
}

/** The admin collections: the only admin route labels, whatever path a request names. */
const ADMIN_ROUTES: Readonly<Record<string, string>> = { users: 'admin-users', policies: 'admin-policies', sessions: 'admin-sessions' };
const OPS_ROUTES: ReadonlySet<string> = new Set(['/healthz', '/readyz', '/metrics']);

/**
 * Route names for metrics, from a fixed set: never a user name, key or any other part of the
 * path, so no request can add a series.
 */
export function routeLabel(path: string): string {
  if (path === '/') return 'sts';
  if (path.startsWith('/admin/')) {
    const [, , version, collection] = path.split('/', 4);
    const known = version === 'v1' && collection !== undefined && Object.hasOwn(ADMIN_ROUTES, collection);
    return known ? (ADMIN_ROUTES[collection] as string) : 'admin-other';
  }
  if (OPS_ROUTES.has(path)) return path.slice(1);
  return 'other';
}
