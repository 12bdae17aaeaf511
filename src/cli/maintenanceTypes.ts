/** Answers of the backup, restore and re-seal endpoints (see docs/operations.md): the service's own types. */
export type { EntryKind, RestoreReport } from '../backup/restoreBackup.js';
export type { ResealReport } from '../backup/resealUserSecrets.js';
