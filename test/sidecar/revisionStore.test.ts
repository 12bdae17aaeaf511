import assert from 'node:assert/strict';
import { ManualClock } from '../helpers/manualClock.js';
import { StoreUnavailableError } from '../../src/errors.js';
import { MemoryStore } from '../../src/store/memory/memoryStore.js';
import { LocalRevisionCounter, type RevisionCounter } from '../../src/store/revisionCounters.js';
import { hasRevision, RevisionTrackingStore } from '../../src/store/revisionTrackingStore.js';
import type { Store } from '../../src/store/types.js';
import { policyRecord, sessionRecord, userRecord } from '../store/contract/fixtures.js';
import { runStoreContract } from '../store/contract.js';
import { BUILTIN_POLICY_NAMES } from '../../src/policies/index.js';

// The decorator must be invisible to everything but the stamp: the whole store contract holds through it.
runStoreContract('RevisionTrackingStore over MemoryStore', async () => {
  const clock = new ManualClock(Date.now());
  const store = new RevisionTrackingStore(new MemoryStore({ clock, builtinPolicies: BUILTIN_POLICY_NAMES }), new LocalRevisionCounter());
  return { store, clock, cleanup: () => store.close() };
});

class CountingCounter implements RevisionCounter {
  bumps = 0;
  failBumps = false;
  current(): number {
    return this.bumps;
  }
  async bump(): Promise<void> {
    if (this.failBumps) throw new StoreUnavailableError(new Error('down'));
    this.bumps++;
  }
}

describe('RevisionTrackingStore', () => {
  const alice = userRecord('alice');
  const session = sessionRecord(alice, Date.now() + 3_600_000);

  async function fixture() {
    const inner = new MemoryStore({ clock: new ManualClock(Date.now()), sweepIntervalMs: 0 });
    await inner.createUser(alice);
    await inner.putPolicy(policyRecord('p1'));
    await inner.putSession(session);
    const counter = new CountingCounter();
    return { store: new RevisionTrackingStore(inner, counter), counter };
  }

  const operations: Array<[string, (store: Store) => Promise<unknown>, boolean]> = [
    ['createUser', (s) => s.createUser(userRecord('bob')), true],
    ['deleteUser', (s) => s.deleteUser('alice'), true],
    ['setUserPolicy (attach)', (s) => s.setUserPolicy('alice', 'p1'), true],
    ['setUserPolicy (detach)', (s) => s.setUserPolicy('alice', undefined), true],
    ['putPolicy', (s) => s.putPolicy(policyRecord('p1', 's3:PutObject')), true],
    ['deletePolicy', (s) => s.deletePolicy('p1'), true],
    ['deleteSession', (s) => s.deleteSession(session.accessKeyId), true],
    ['deleteUserSessions', (s) => s.deleteUserSessions('alice'), true],
    ['a write that changes nothing (deleteSession of an unknown key)', (s) => s.deleteSession('ASIAUNKNOWNUNKNOWN00'), true],
    ['putSession (a new key no cache holds)', (s) => s.putSession(sessionRecord(alice, Date.now() + 60_000)), false],
    ['getUser', (s) => s.getUser('alice'), false],
    ['listUsers', (s) => s.listUsers(), false],
    ['getPolicy', (s) => s.getPolicy('p1'), false],
    ['listPolicies', (s) => s.listPolicies(), false],
    ['policyUsers', (s) => s.policyUsers('p1'), false],
    ['getSession', (s) => s.getSession(session.accessKeyId), false],
    ['listSessions', (s) => s.listSessions('alice'), false],
    ['ping', (s) => s.ping(), false],
  ];
  for (const [name, operation, bumps] of operations) {
    it(`${name} ${bumps ? 'bumps' : 'does not bump'} the revision`, async () => {
      const { store, counter } = await fixture();
      const before = await store.revision();
      await operation(store);
      assert.equal(counter.bumps, bumps ? 1 : 0);
      assert.equal(before !== (await store.revision()), bumps);
    });
  }

  it('bumps even when the write fails, and rethrows the write error', async () => {
    const { store, counter } = await fixture();
    const failing = Object.assign(Object.create(store.inner) as Store, {
      deleteSession: () => Promise.reject(new StoreUnavailableError(new Error('write lost'))),
    });
    const wrapped = new RevisionTrackingStore(failing, counter);
    await assert.rejects(wrapped.deleteSession(session.accessKeyId), StoreUnavailableError);
    assert.equal(counter.bumps, 1);
  });

  it('fails the write when the bump fails, so the admin retries', async () => {
    const { store, counter } = await fixture();
    counter.failBumps = true;
    await assert.rejects(store.deleteSession(session.accessKeyId), StoreUnavailableError);
  });

  it('is recognised as a revision source; plain stores are not', async () => {
    const { store } = await fixture();
    assert.equal(hasRevision(store), true);
    assert.equal(hasRevision(store.inner), false);
  });
});
