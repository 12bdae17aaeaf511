import express from 'express';
import type { RequestListener } from 'node:http';
import { createAdminRouter } from './admin/router.js';
import type { Deps } from './deps.js';
import { accessLog } from './http/accessLog.js';
import { jsonErrorHandler, notFound } from './http/jsonErrors.js';
import { createOpsRouter } from './ops/routes.js';
import { createSidecarHandler, type SidecarRoute } from './sidecar/index.js';
import { createStsRoute } from './sts/index.js';

/** The Express application: no listen, no globals. */
export function createApp(deps: Deps): express.Express {
  const app = express();
  app.disable('x-powered-by');
  app.set('etag', false);
  app.set('query parser', 'simple');
  app.use(accessLog(deps));
  // No body parser before this route: the Query API reads the raw body its signature covers.
  app.all('/', createStsRoute(deps));
  app.use(createOpsRouter(deps));
  app.use('/admin/v1', createAdminRouter(deps));
  app.use(notFound);
  app.use(jsonErrorHandler(deps.logger));
  return app;
}

/**
 * The server's request listener, and the one place a request is routed by its raw URL: the
 * sidecar endpoints are on the path of every S3 request and are served on raw node:http
 * (Express's fixed cost there is about 85 us per request, measured); everything else,
 * the STS Query API on `/` included, goes to Express.
 */
export function createRequestHandler(deps: Deps): RequestListener {
  const app = createApp(deps);
  const sidecar = createSidecarHandler(deps);
  return (req, res) => {
    const route = sidecarRoute(req.url);
    if (route !== undefined) sidecar(route, req, res);
    else app(req, res);
  };
}

/**
 * `/v1/verify`, `/v1/authorize`, `/v1/s3/authorize` and `/v1/s3/auth` (nginx), with or without a
 * query string, and everything under `/v1/s3/ext-authz` (Envoy appends the original path);
 * anything else is Express's.
 */
export function sidecarRoute(url: string | undefined): SidecarRoute | undefined {
  if (url === undefined || !url.startsWith('/v1/')) return undefined;
  const query = url.indexOf('?');
  const path = query < 0 ? url : url.slice(0, query);
  if (path === '/v1/verify') return 'verify';
  if (path === '/v1/authorize') return 'authorize';
  if (path === '/v1/s3/authorize') return 's3-authorize';
  if (path === '/v1/s3/auth') return 's3-auth';
  if (path === '/v1/s3/ext-authz' || url.startsWith('/v1/s3/ext-authz/')) return 's3-ext-authz';
  return undefined;
}
