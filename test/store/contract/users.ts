import assert from 'node:assert/strict';
import type { UserRecord } from '../../../src/store/types.js';
import { collect, createUsers, policyRecord, rejectsWithCode, sessionRecord, userRecord, type FixtureRef } from './fixtures.js';

export function userCases(ref: FixtureRef): void {
  describe('users', () => {
    it('creates and reads back a user with every field', async () => {
      const user = userRecord('alice', { posixUid: 4294967294, posixGid: 0 });
      assert.deepEqual(await ref.fixture.store.createUser(user), { ok: true });
      assert.deepEqual(await ref.fixture.store.getUser('alice'), user);
    });

    it('answers undefined for an unknown user', async () => {
      assert.equal(await ref.fixture.store.getUser('nobody'), undefined);
    });

    it('refuses a duplicate name and keeps the first user', async () => {
      const [first] = await createUsers(ref.fixture.store, ['alice']);
      assert.deepEqual(await ref.fixture.store.createUser(userRecord('alice')), { ok: false, reason: 'exists' });
      assert.equal((await ref.fixture.store.getUser('alice'))?.id, first?.id);
    });

    it('refuses a user whose custom policy does not exist, creating nothing', async () => {
      const result = await ref.fixture.store.createUser(userRecord('alice', { policy: 'missing' }));
      assert.deepEqual(result, { ok: false, reason: 'no-such-policy' });
      assert.equal(await ref.fixture.store.getUser('alice'), undefined);
      assert.deepEqual(await ref.fixture.store.policyUsers('missing'), []);
    });

    const attachedAtCreation: Array<[string, string, boolean]> = [
      ['a custom policy', 'custom', false],
      ['a built-in policy (named at construction, not stored)', 'readonly', true],
    ];
    for (const [name, policy, builtin] of attachedAtCreation) {
      it(`creates a user with ${name} attached`, async () => {
        if (!builtin) await ref.fixture.store.putPolicy(policyRecord(policy));
        const result = await ref.fixture.store.createUser(userRecord('alice', { policy }));
        assert.deepEqual(result, { ok: true });
        assert.equal((await ref.fixture.store.getUser('alice'))?.policy, policy);
        assert.deepEqual(await ref.fixture.store.policyUsers(policy), ['alice']);
      });
    }

    it('persists only the contract fields (an extra plain secret is dropped)', async () => {
      const user = { ...userRecord('alice'), secretKey: 'PlainSecret1' } as UserRecord;
      await ref.fixture.store.createUser(user);
      assert.equal('secretKey' in ((await ref.fixture.store.getUser('alice')) ?? {}), false);
    });

    it('lists users sorted by name across several pages', async () => {
      const names = ['mallory', 'alice', 'carol', 'bob', 'dave', 'erin', 'frank'];
      await createUsers(ref.fixture.store, names);
      const { items, pages } = await collect((cursor) => ref.fixture.store.listUsers({ limit: 3, ...(cursor ? { cursor } : {}) }));
      assert.deepEqual(items.map((user) => user.name), [...names].sort());
      assert.equal(pages, 3);
    });

    it('ends an exactly full listing without an empty extra page', async () => {
      await createUsers(ref.fixture.store, ['alice', 'bob']);
      const page = await ref.fixture.store.listUsers({ limit: 2 });
      assert.equal(page.items.length, 2);
      assert.equal(page.next, undefined);
    });

    it('rejects a malformed cursor with ValidationError', async () => {
      await rejectsWithCode(ref.fixture.store.listUsers({ cursor: 'not-a-cursor' }), 'ValidationError');
    });

    it('deletes a user with its attachment and sessions, once', async () => {
      const { store, clock } = ref.fixture;
      await store.putPolicy(policyRecord('custom'));
      const [alice] = await createUsers(store, ['alice', 'bob'], 'custom');
      const session = sessionRecord(alice as UserRecord, clock.now() + 3_600_000);
      await store.putSession(session);
      assert.equal(await store.deleteUser('alice'), true);
      assert.equal(await store.deleteUser('alice'), false);
      assert.equal(await store.getUser('alice'), undefined);
      assert.equal(await store.getSession(session.accessKeyId), undefined);
      assert.deepEqual((await store.listSessions('alice')).items, []);
      assert.deepEqual(await store.policyUsers('custom'), ['bob']);
      assert.deepEqual((await store.listUsers()).items.map((user) => user.name), ['bob']);
    });

    it('re-creates a deleted user under a new id', async () => {
      const [first] = await createUsers(ref.fixture.store, ['alice']);
      await ref.fixture.store.deleteUser('alice');
      const [second] = await createUsers(ref.fixture.store, ['alice']);
      assert.notEqual(second?.id, first?.id);
      assert.equal((await ref.fixture.store.getUser('alice'))?.id, second?.id);
    });
  });
}
