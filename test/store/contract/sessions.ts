import assert from 'node:assert/strict';
import type { SessionRecord, UserRecord } from '../../../src/store/types.js';
import { collect, createUsers, passTime, rejectsWithCode, sessionRecord, type FixtureRef } from './fixtures.js';

const HOUR = 3_600_000;
const ids = (sessions: readonly SessionRecord[]): string[] => sessions.map((session) => session.accessKeyId);

export function sessionCases(ref: FixtureRef): void {
  describe('sessions', () => {
    let alice: UserRecord;
    let bob: UserRecord;
    beforeEach(async () => {
      [alice, bob] = (await createUsers(ref.fixture.store, ['alice', 'bob'])) as [UserRecord, UserRecord];
    });

    it('writes and reads back a session with every field', async () => {
      const session = sessionRecord(alice, ref.fixture.clock.now() + HOUR, {
        sessionPolicies: ['{"Version":"2012-10-17","Statement":[]}'],
        parentAccessKeyId: 'ASIAPARENT0000000001',
      });
      await ref.fixture.store.putSession(session);
      assert.deepEqual(await ref.fixture.store.getSession(session.accessKeyId), session);
      assert.equal(await ref.fixture.store.getSession('ASIA0000000000000000'), undefined);
    });

    it("lists one user's sessions by expiry, then access key id", async () => {
      const now = ref.fixture.clock.now();
      const sessions = [
        sessionRecord(alice, now + 3 * HOUR, { accessKeyId: 'ASIAAAAAAAAAAAAAAAA1' }),
        sessionRecord(alice, now + HOUR, { accessKeyId: 'ASIAZZZZZZZZZZZZZZZ1' }),
        sessionRecord(alice, now + HOUR, { accessKeyId: 'ASIAMMMMMMMMMMMMMMM1' }),
        sessionRecord(bob, now + HOUR),
      ];
      for (const session of sessions) await ref.fixture.store.putSession(session);
      const page = await ref.fixture.store.listSessions('alice');
      assert.deepEqual(ids(page.items), ['ASIAMMMMMMMMMMMMMMM1', 'ASIAZZZZZZZZZZZZZZZ1', 'ASIAAAAAAAAAAAAAAAA1']);
      assert.equal(page.next, undefined);
    });

    it('pages through one user and through all users, equal expiries included', async () => {
      const { store, clock } = ref.fixture;
      const carol = ((await createUsers(store, ['carol'])) as [UserRecord])[0];
      const expiry = clock.now() + HOUR;
      const made: SessionRecord[] = [];
      for (const user of [carol, alice, bob]) {
        for (let i = 0; i < 4; i += 1) made.push(sessionRecord(user, expiry + (i % 2) * 1000));
      }
      for (const session of made) await store.putSession(session);
      const order = (a: SessionRecord, b: SessionRecord): number =>
        a.user.localeCompare(b.user) || a.expiresAt - b.expiresAt || (a.accessKeyId < b.accessKeyId ? -1 : 1);
      const all = await collect((cursor) => store.listSessions(undefined, { limit: 5, ...(cursor ? { cursor } : {}) }));
      assert.deepEqual(ids(all.items), ids([...made].sort(order)));
      assert.equal(all.pages, 3);
      const mine = await collect((cursor) => store.listSessions('bob', { limit: 3, ...(cursor ? { cursor } : {}) }));
      assert.deepEqual(ids(mine.items), ids(made.filter((s) => s.user === 'bob').sort(order)));
      assert.equal(mine.pages, 2);
    });

    it("rejects another listing's cursor", async () => {
      const now = ref.fixture.clock.now();
      for (let i = 0; i < 3; i += 1) await ref.fixture.store.putSession(sessionRecord(alice, now + HOUR));
      const page = await ref.fixture.store.listSessions('alice', { limit: 1 });
      assert.notEqual(page.next, undefined);
      await rejectsWithCode(ref.fixture.store.listSessions('bob', { cursor: page.next as string }), 'ValidationError');
    });

    it('deletes one session, once', async () => {
      const { store, clock } = ref.fixture;
      const [kept, gone] = [sessionRecord(alice, clock.now() + HOUR), sessionRecord(alice, clock.now() + HOUR)];
      await store.putSession(kept);
      await store.putSession(gone);
      assert.equal(await store.deleteSession(gone.accessKeyId), true);
      assert.equal(await store.deleteSession(gone.accessKeyId), false);
      assert.equal(await store.getSession(gone.accessKeyId), undefined);
      assert.deepEqual(ids((await store.listSessions('alice')).items), [kept.accessKeyId]);
    });

    it("revokes every session of one user and counts them, leaving others' alone", async () => {
      const { store, clock } = ref.fixture;
      for (let i = 0; i < 3; i += 1) await store.putSession(sessionRecord(alice, clock.now() + HOUR));
      const other = sessionRecord(bob, clock.now() + HOUR);
      await store.putSession(other);
      assert.equal(await store.deleteUserSessions('alice'), 3);
      assert.equal(await store.deleteUserSessions('alice'), 0);
      assert.deepEqual((await store.listSessions('alice')).items, []);
      assert.deepEqual(ids((await store.listSessions()).items), [other.accessKeyId]);
      assert.equal((await store.getUser('alice'))?.name, 'alice');
    });

    it('lets a session expire by itself', async () => {
      const { store, clock } = ref.fixture;
      const short = sessionRecord(alice, clock.now() + 300);
      const long = sessionRecord(alice, clock.now() + HOUR);
      await store.putSession(short);
      await store.putSession(long);
      assert.deepEqual(await store.getSession(short.accessKeyId), short);
      await passTime(ref.fixture, 450);
      assert.equal(await store.getSession(short.accessKeyId), undefined);
      assert.deepEqual(ids((await store.listSessions('alice')).items), [long.accessKeyId]);
      assert.deepEqual(ids((await store.listSessions()).items), [long.accessKeyId]);
      assert.equal(await store.deleteSession(short.accessKeyId), false);
      assert.equal(await store.deleteUserSessions('alice'), 1);
    });

    it('does not keep a session that has already expired', async () => {
      const session = sessionRecord(alice, ref.fixture.clock.now() - 1);
      await ref.fixture.store.putSession(session);
      assert.equal(await ref.fixture.store.getSession(session.accessKeyId), undefined);
      assert.deepEqual((await ref.fixture.store.listSessions('alice')).items, []);
    });

    it('persists only the contract fields (an extra secret is dropped)', async () => {
      const session = { ...sessionRecord(alice, ref.fixture.clock.now() + HOUR), secretAccessKey: 'x' } as SessionRecord;
      await ref.fixture.store.putSession(session);
      assert.equal('secretAccessKey' in ((await ref.fixture.store.getSession(session.accessKeyId)) ?? {}), false);
    });
  });
}
