import express from 'express';
import type { RequestListener } from 'node:http';
import { createAdminRouter } from './admin/router.js';
import type { Deps } from './deps.js';
import { accessLog } from './http/accessLog.js';
import { jsonErrorHandler, notFound } from './http/jsonErrors.js';
import { createOpsRouter } from './ops/routes.js';
import { createSidecarHandler, sidecarRoute } from './sidecar/index.js';
import { createStsHttpHandler, isStsRoute } from './sts/index.js';

/** The Express application: no listen, no globals. */
export function createApp(deps: Deps): express.Express {
  const app = express();
  app.disable('x-powered-by');
  app.set('etag', false);
  app.set('query parser', 'simple');
  app.use(accessLog(deps));
  app.use(createOpsRouter(deps));
  app.use('/admin/v1', createAdminRouter(deps));
  app.use(notFound);
  app.use(jsonErrorHandler(deps.logger));
  return app;
}

/**
 * The server's request listener. The sidecar endpoints on the S3 hot path and the STS Query API
 * on `/` are served here before Express, whose per-request overhead they cannot afford;
 * everything else goes to Express.
 */
export function createRequestHandler(deps: Deps): RequestListener {
  const app = createApp(deps);
  const sidecar = createSidecarHandler(deps);
  const sts = createStsHttpHandler(deps);
  return (req, res) => {
    if (isStsRoute(req.url)) {
      sts(req, res);
      return;
    }
    const route = sidecarRoute(req.url);
    if (route !== undefined) sidecar(route, req, res);
    else app(req, res);
  };
}
