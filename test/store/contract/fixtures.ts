import assert from 'node:assert/strict';
import { randomInt } from 'node:crypto';
import type { ManualClock } from '../../helpers/manualClock.js';
import { AppError } from '../../../src/errors.js';
import type { Page, PolicyRecord, SessionRecord, Store, UserRecord } from '../../../src/store/types.js';

/** What each contract test gets: a fresh, empty store and the clock it reads. */
export interface StoreFixture {
  readonly store: Store;
  /** Starts at the real time, so Redis (which expires keys in real time) and the store agree. */
  readonly clock: ManualClock;
  cleanup(): Promise<void>;
}

export type MakeStore = () => Promise<StoreFixture>;

/** Mocha context holder: each test reads `current.fixture` set by the suite's beforeEach. */
export interface FixtureRef {
  fixture: StoreFixture;
}

const ALPHANUMERIC = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';

function randomId(prefix: string, length: number): string {
  let id = prefix;
  for (let i = 0; i < length; i += 1) id += ALPHANUMERIC[randomInt(ALPHANUMERIC.length)];
  return id;
}

export function userRecord(name: string, overrides: Partial<UserRecord> = {}): UserRecord {
  return { name, id: randomId('AIDA', 17), sealedSecret: `v1.sealed-for-${name}`, createdAt: '2024-01-02T03:04:05.000Z', ...overrides };
}

export function policyRecord(name: string, action = 's3:GetObject', updatedAt = '2024-01-02T03:04:05.000Z'): PolicyRecord {
  const document = JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: action, Resource: '*' }] });
  return { name, document, createdAt: updatedAt, updatedAt };
}

export function sessionRecord(user: UserRecord, expiresAt: number, overrides: Partial<SessionRecord> = {}): SessionRecord {
  return {
    accessKeyId: randomId('ASIA', 16),
    user: user.name,
    userId: user.id,
    sessionName: 'contract',
    roleArn: 'arn:aws:iam::000000000000:role/contract',
    sessionPolicies: [],
    issuedAt: expiresAt - 3_600_000,
    expiresAt,
    ...overrides,
  };
}

/** Lets `ms` pass both on the manual clock and in real time (Redis expires in real time). */
export async function passTime(fixture: StoreFixture, ms: number): Promise<void> {
  await new Promise((resolve) => setTimeout(resolve, ms));
  fixture.clock.advance(ms);
}

/** Every item of a paged listing, and how many pages it took. */
export async function collect<T>(list: (cursor: string | undefined) => Promise<Page<T>>): Promise<{ items: T[]; pages: number }> {
  const items: T[] = [];
  let cursor: string | undefined;
  for (let pages = 1; pages < 1000; pages += 1) {
    const page = await list(cursor);
    items.push(...page.items);
    if (page.next === undefined) return { items, pages };
    cursor = page.next;
  }
  throw new Error('listing never ended');
}

export async function rejectsWithCode(promise: Promise<unknown>, code: string): Promise<void> {
  await assert.rejects(promise, (err: unknown) => err instanceof AppError && err.code === code);
}

export async function createUsers(store: Store, names: readonly string[], policy?: string): Promise<UserRecord[]> {
  const users = names.map((name) => userRecord(name, policy === undefined ? {} : { policy }));
  for (const user of users) assert.deepEqual(await store.createUser(user), { ok: true });
  return users;
}
