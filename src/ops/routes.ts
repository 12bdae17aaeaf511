import express, { type Router } from 'express';
import type { Deps } from '../deps.js';

/** `/healthz` (process up), `/readyz` (store reachable), `/metrics` (Prometheus text). */
export function createOpsRouter(deps: Deps): Router {
  const router = express.Router();
  router.get('/healthz', (_req, res) => {
    res.json({ status: 'ok' });
  });
  router.get('/readyz', async (_req, res) => {
    try {
      await deps.store.ping();
      res.json({ status: 'ready' });
    } catch {
      res.status(503).json({ status: 'unavailable', error: { code: 'ServiceUnavailable', message: 'store unreachable' } });
    }
  });
  router.get('/metrics', async (_req, res) => {
    res.setHeader('Content-Type', deps.metrics.registry.contentType);
    res.send(await deps.metrics.registry.metrics());
  });
  return router;
}
