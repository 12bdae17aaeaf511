/** Backup, restore and re-sealing of what the store keeps, for the admin API (see docs/operations.md). */
export { parseBackup, BACKUP_FORMAT, BACKUP_VERSION, type BackupDocument } from './backupDocument.js';
export { backupJson } from './backupJson.js';
export { restoreBackup, type RestoreReport, type Conflict } from './restoreBackup.js';
export { resealUserSecrets, type ResealReport } from './resealUserSecrets.js';
