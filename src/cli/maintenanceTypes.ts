/** Answers of the backup, restore and re-seal endpoints (see docs/operations.md). */

export type EntryKind = 'policy' | 'oidcProvider' | 'role' | 'user' | 'attachment';

export interface RestoreReport {
  readonly created: Record<EntryKind, number>;
  readonly unchanged: Record<EntryKind, number>;
  readonly conflicts: ReadonlyArray<{ readonly kind: EntryKind; readonly name: string; readonly reason: string }>;
}

export interface ResealReport {
  readonly resealed: number;
  readonly current: number;
  readonly changedMeanwhile: number;
  readonly unopenable: readonly string[];
  readonly unopenableCount: number;
  readonly keyId: string;
}
