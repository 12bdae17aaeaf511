import assert from 'node:assert/strict';
import { collect, createUsers, policyRecord, type FixtureRef } from './fixtures.js';

export function attachCases(ref: FixtureRef): void {
  describe('attach and detach', () => {
    it('reports an unknown user', async () => {
      await ref.fixture.store.putPolicy(policyRecord('custom'));
      assert.deepEqual(await ref.fixture.store.setUserPolicy('nobody', 'custom'), { ok: false, reason: 'no-such-user' });
      assert.deepEqual(await ref.fixture.store.policyUsers('custom'), []);
    });

    it('reports an unknown custom policy and leaves the user as it was', async () => {
      await createUsers(ref.fixture.store, ['bob']);
      assert.deepEqual(await ref.fixture.store.setUserPolicy('bob', 'missing'), { ok: false, reason: 'no-such-policy' });
      assert.equal((await ref.fixture.store.getUser('bob'))?.policy, undefined);
    });

    it('attaches a custom policy, replaces it, then detaches', async () => {
      const { store } = ref.fixture;
      await store.putPolicy(policyRecord('first'));
      await store.putPolicy(policyRecord('second'));
      await createUsers(store, ['alice']);
      assert.deepEqual(await store.setUserPolicy('alice', 'first'), { ok: true });
      assert.equal((await store.getUser('alice'))?.policy, 'first');
      assert.deepEqual(await store.setUserPolicy('alice', 'second'), { ok: true });
      assert.equal((await store.getUser('alice'))?.policy, 'second');
      assert.deepEqual(await store.policyUsers('first'), []);
      assert.deepEqual(await store.policyUsers('second'), ['alice']);
      assert.deepEqual(await store.setUserPolicy('alice', undefined), { ok: true });
      assert.equal((await store.getUser('alice'))?.policy, undefined);
      assert.deepEqual(await store.policyUsers('second'), []);
    });

    it('attaches a built-in name (given at construction) without a stored record, and indexes it', async () => {
      const { store } = ref.fixture;
      await createUsers(store, ['bob', 'alice']);
      assert.deepEqual(await store.setUserPolicy('bob', 'readwrite'), { ok: true });
      assert.deepEqual(await store.setUserPolicy('alice', 'readwrite'), { ok: true });
      assert.deepEqual(await store.policyUsers('readwrite'), ['alice', 'bob']);
      assert.equal(await store.getPolicy('readwrite'), undefined);
      assert.deepEqual(await store.setUserPolicy('bob', 'ReadWrite'), { ok: false, reason: 'no-such-policy' });
    });

    it('reads the users of many policies at once, in order', async () => {
      const { store } = ref.fixture;
      await createUsers(store, ['bob', 'alice']);
      await store.putPolicy(policyRecord('custom'));
      await store.setUserPolicy('bob', 'readwrite');
      await store.setUserPolicy('alice', 'custom');
      assert.deepEqual(await store.policyUsersOf(['readwrite', 'missing', 'custom']), [['bob'], [], ['alice']]);
      assert.deepEqual(await store.policyUsersOf([]), []);
    });
  });
}

export function policyCases(ref: FixtureRef): void {
  describe('policies', () => {
    it('creates, then replaces keeping createdAt', async () => {
      const { store } = ref.fixture;
      const first = policyRecord('custom', 's3:GetObject', '2024-01-01T00:00:00.000Z');
      const second = policyRecord('custom', 's3:PutObject', '2024-02-01T00:00:00.000Z');
      assert.deepEqual(await store.putPolicy(first), { created: true });
      assert.deepEqual(await store.getPolicy('custom'), first);
      assert.deepEqual(await store.putPolicy(second), { created: false });
      assert.deepEqual(await store.getPolicy('custom'), { ...second, createdAt: first.createdAt });
    });

    it('answers undefined and no users for an unknown policy', async () => {
      assert.equal(await ref.fixture.store.getPolicy('missing'), undefined);
      assert.deepEqual(await ref.fixture.store.policyUsers('missing'), []);
    });

    it('lists custom policies sorted by name across several pages', async () => {
      const names = ['zeta', 'alpha', 'Beta', 'gamma', 'delta'];
      for (const name of names) await ref.fixture.store.putPolicy(policyRecord(name));
      const { items, pages } = await collect((cursor) => ref.fixture.store.listPolicies({ limit: 2, ...(cursor ? { cursor } : {}) }));
      assert.deepEqual(items.map((policy) => policy.name), [...names].sort());
      assert.equal(pages, 3);
    });

    it('refuses to delete an unknown policy', async () => {
      assert.deepEqual(await ref.fixture.store.deletePolicy('missing'), { ok: false, reason: 'no-such-policy' });
    });

    it('refuses to delete an attached policy, naming the users, then deletes once detached', async () => {
      const { store } = ref.fixture;
      await store.putPolicy(policyRecord('custom'));
      await createUsers(store, ['carol', 'alice'], 'custom');
      assert.deepEqual(await store.deletePolicy('custom'), { ok: false, reason: 'in-use', users: ['alice', 'carol'] });
      assert.notEqual(await store.getPolicy('custom'), undefined);
      await store.setUserPolicy('alice', undefined);
      await store.deleteUser('carol');
      assert.deepEqual(await store.deletePolicy('custom'), { ok: true });
      assert.equal(await store.getPolicy('custom'), undefined);
      assert.deepEqual((await store.listPolicies()).items, []);
    });
  });
}
