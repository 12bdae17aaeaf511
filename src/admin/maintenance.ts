import express, { type Router } from 'express';
import { backupJson, parseBackup, resealUserSecrets, restoreBackup } from '../backup/index.js';
import type { Deps } from '../deps.js';
import { jsonBody } from '../http/jsonBody.js';
import { checkRestorable } from './restoreChecks.js';

/**
 * A restore carries every user and policy: far more than the 16 KB of other admin bodies. Parsed
 * JSON takes up to about 22 times its text in memory, so the limit keeps a parse well inside the
 * heap: 102,400 users and 102,400 policies make a backup of about 60 MB.
 */
export const RESTORE_BODY_LIMIT = '96mb';

/**
 * `/admin/v1/backup`, `/admin/v1/restore` and `/admin/v1/maintenance/reseal`, mounted ahead of
 * the admin router's small-body parser (behind its bearer check). See docs/operations.md.
 */
export function createMaintenanceRouter(deps: Deps): Router {
  const router = express.Router();

  router.get('/backup', async (_req, res) => {
    res.status(200).type('application/json');
    res.setHeader('content-disposition', 'attachment; filename="s3-sts-backup.json"');
    let chunks = 0;
    for await (const chunk of backupJson(deps.store, deps.keys, deps.clock.now())) {
      chunks += 1;
      if (!res.write(chunk)) await new Promise((resolve) => res.once('drain', resolve));
    }
    res.end();
    deps.logger.info({ audit: 'backup-taken', chunks }, 'backup taken');
  });

  router.post('/restore', express.raw({ type: () => true, limit: RESTORE_BODY_LIMIT }), async (req, res) => {
    const backup = parseBackup(jsonBody(req));
    checkRestorable(deps, backup);
    const report = await restoreBackup(deps.store, deps.keys, backup);
    deps.logger.info({ audit: 'backup-restored', created: report.created, unchanged: report.unchanged, conflicts: report.conflicts.length }, 'backup restored');
    res.json(report);
  });

  router.post('/maintenance/reseal', async (_req, res) => {
    const report = await resealUserSecrets(deps.store, deps.keys);
    deps.logger.info({ audit: 'secrets-resealed', resealed: report.resealed, current: report.current, unopenable: report.unopenableCount, keyId: report.keyId }, 'user secrets re-sealed');
    res.json(report);
  });
  return router;
}
