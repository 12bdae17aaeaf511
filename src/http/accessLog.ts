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
      const seconds = Number(process.hrtime.bigint() - started) / 1e9;
      const route = routeLabel(req.path);
      deps.metrics.httpRequests.inc({ route, status: String(res.statusCode) });
      deps.metrics.httpDuration.observe({ route }, seconds);
      deps.logger.info(
        { reqId: req.id, method: req.method, path: req.path.slice(0, 200), status: res.statusCode, ms: Math.round(seconds * 1e4) / 10 },
        'request',
      );
    });
    next();
  };
}

/** Low-cardinality route names for metrics: never a user name or key. */
function routeLabel(path: string): string {
  if (path === '/') return 'sts';
  if (path.startsWith('/admin/')) return `admin-${path.split('/')[3] ?? ''}`;
  if (path === '/healthz' || path === '/readyz' || path === '/metrics') return path.slice(1);
  return 'other';
}
