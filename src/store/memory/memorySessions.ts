import type { Clock } from '../../clock.js';
import { compareSessions, copySession } from '../records.js';
import type { IndexEntry, SessionSource } from '../sessionPages.js';
import type { SessionRecord } from '../types.js';
import { SortedNames } from './sortedNames.js';

/** Entries a write inspects for expiry: sweeping keeps pace with growth even without the timer. */
const SWEEP_PER_WRITE = 4;

/**
 * The embedded store's sessions: records by access key id, a per-user index, and an
 * incremental sweep that drops expired records a bounded number at a time.
 */
export class MemorySessions implements SessionSource {
  private readonly sessions = new Map<string, SessionRecord>();
  private readonly byUser = new Map<string, Set<string>>();
  private readonly usersWithSessions = new SortedNames();
  private sweepPosition: Iterator<SessionRecord> | undefined;

  constructor(private readonly clock: Clock) {}

  get size(): number {
    return this.sessions.size;
  }

  put(session: SessionRecord): void {
    this.sweep(SWEEP_PER_WRITE);
    this.remove(session.accessKeyId);
    if (session.expiresAt <= this.clock.now()) return;
    const record = copySession(session);
    this.sessions.set(record.accessKeyId, record);
    let ids = this.byUser.get(record.user);
    if (ids === undefined) {
      ids = new Set();
      this.byUser.set(record.user, ids);
      this.usersWithSessions.add(record.user);
    }
    ids.add(record.accessKeyId);
  }

  get(accessKeyId: string): SessionRecord | undefined {
    const record = this.sessions.get(accessKeyId);
    if (record === undefined || record.expiresAt > this.clock.now()) return record;
    this.remove(accessKeyId);
    return undefined;
  }

  /** True when a live session was removed. */
  delete(accessKeyId: string): boolean {
    const live = this.get(accessKeyId) !== undefined;
    this.remove(accessKeyId);
    return live;
  }

  /** Removes every session of the user; returns how many were live. */
  deleteUser(user: string): number {
    let live = 0;
    for (const id of [...(this.byUser.get(user) ?? [])]) if (this.delete(id)) live += 1;
    return live;
  }

  /** Inspects up to `budget` records, resuming where the previous sweep stopped. */
  sweep(budget: number): void {
    const now = this.clock.now();
    for (let i = 0; i < budget && this.sessions.size > 0; i += 1) {
      this.sweepPosition ??= this.sessions.values();
      const step = this.sweepPosition.next();
      if (step.done) {
        this.sweepPosition = undefined;
        continue;
      }
      if (step.value.expiresAt <= now) this.remove(step.value.accessKeyId);
    }
  }

  async userNamesAfter(after: string | undefined, count: number): Promise<readonly string[]> {
    return this.usersWithSessions.after(after, count);
  }

  async indexAfter(user: string, position: IndexEntry | undefined, count: number): Promise<readonly IndexEntry[]> {
    const now = this.clock.now();
    const live: SessionRecord[] = [];
    for (const id of this.byUser.get(user) ?? []) {
      const record = this.sessions.get(id);
      if (record !== undefined && record.expiresAt > now && isAfter(record, position)) live.push(record);
    }
    return live.sort(compareSessions).slice(0, count).map((record) => ({ a: record.accessKeyId, e: record.expiresAt }));
  }

  async load(accessKeyIds: readonly string[]): Promise<readonly (SessionRecord | undefined)[]> {
    return accessKeyIds.map((id) => this.get(id));
  }

  private remove(accessKeyId: string): void {
    const record = this.sessions.get(accessKeyId);
    if (record === undefined) return;
    this.sessions.delete(accessKeyId);
    const ids = this.byUser.get(record.user);
    ids?.delete(accessKeyId);
    if (ids?.size === 0) {
      this.byUser.delete(record.user);
      this.usersWithSessions.delete(record.user);
    }
  }
}

function isAfter(record: SessionRecord, position: IndexEntry | undefined): boolean {
  if (position === undefined) return true;
  if (record.expiresAt !== position.e) return record.expiresAt > position.e;
  return record.accessKeyId > position.a;
}
