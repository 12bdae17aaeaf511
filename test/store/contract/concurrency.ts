import assert from 'node:assert/strict';
import type { Store } from '../../../src/store/types.js';
import { createUsers, policyRecord, userRecord, type FixtureRef } from './fixtures.js';

const USERS = Array.from({ length: 20 }, (_, i) => `user${String(i).padStart(2, '0')}`);

/** After any interleaving: a deleted policy has no users, and an existing one lists exactly its users. */
async function assertNoDanglingAttachment(store: Store, policy: string): Promise<void> {
  const attached = [];
  for (const name of USERS) if ((await store.getUser(name))?.policy === policy) attached.push(name);
  if ((await store.getPolicy(policy)) === undefined) assert.deepEqual(attached, []);
  assert.deepEqual(await store.policyUsers(policy), attached);
}

export function concurrencyCases(ref: FixtureRef): void {
  describe('concurrency', () => {
    it('parallel attaches and a delete of the policy never leave a user on a deleted policy', async () => {
      const { store } = ref.fixture;
      for (let round = 0; round < 5; round += 1) {
        await store.putPolicy(policyRecord('contested'));
        await createUsers(store, USERS);
        const attaches = USERS.map((name) => store.setUserPolicy(name, 'contested'));
        const deleted = store.deletePolicy('contested');
        const results = await Promise.all(attaches);
        const deleteResult = await deleted;
        await assertNoDanglingAttachment(store, 'contested');
        const attachedCount = results.filter((result) => result.ok).length;
        assert.equal(deleteResult.ok, attachedCount === 0 || (await store.getPolicy('contested')) === undefined);
        for (const name of USERS) await store.deleteUser(name);
        await store.deletePolicy('contested');
      }
    });

    it('parallel creations with the policy and a delete of it stay consistent', async () => {
      const { store } = ref.fixture;
      await store.putPolicy(policyRecord('contested'));
      const creates = USERS.map((name) => store.createUser(userRecord(name, { policy: 'contested' })));
      const deleted = store.deletePolicy('contested');
      await Promise.all([...creates, deleted]);
      await assertNoDanglingAttachment(store, 'contested');
    });

    it('lets exactly one of many parallel creations of one name win', async () => {
      const results = await Promise.all(Array.from({ length: 10 }, () => ref.fixture.store.createUser(userRecord('alice'))));
      assert.equal(results.filter((result) => result.ok).length, 1);
    });
  });
}
