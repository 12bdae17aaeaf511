import assert from 'node:assert/strict';
import { ManualClock } from '../helpers/manualClock.js';
import { MemorySessions } from '../../src/store/memory/memorySessions.js';
import { MemoryStore } from '../../src/store/memory/memoryStore.js';
import { sessionRecord, userRecord } from './contract/fixtures.js';
import { runStoreContract } from './contract.js';
import { BUILTIN_POLICY_NAMES } from '../../src/policies/index.js';

runStoreContract('MemoryStore', async () => {
  const clock = new ManualClock(Date.now());
  const store = new MemoryStore({ clock, builtinPolicies: BUILTIN_POLICY_NAMES });
  return { store, clock, cleanup: () => store.close() };
});

describe('MemoryStore expiry sweep', () => {
  const alice = userRecord('alice');

  it('drops expired records without anyone reading them, a bounded number per run', () => {
    const clock = new ManualClock(1_000_000);
    const sessions = new MemorySessions(clock);
    for (let i = 0; i < 10; i += 1) sessions.put(sessionRecord(alice, clock.now() + 1000));
    clock.advance(1000);
    sessions.sweep(4);
    assert.equal(sessions.size, 6);
    sessions.sweep(100);
    assert.equal(sessions.size, 0);
  });

  it('sweeps a little on every write, so garbage cannot outgrow the writes', () => {
    const clock = new ManualClock(1_000_000);
    const sessions = new MemorySessions(clock);
    for (let i = 0; i < 100; i += 1) {
      sessions.put(sessionRecord(alice, clock.now() + 10));
      clock.advance(20);
    }
    assert.ok(sessions.size < 10, `expected most expired sessions swept, ${sessions.size} left`);
  });

  it('keeps live records through a sweep', () => {
    const clock = new ManualClock(1_000_000);
    const sessions = new MemorySessions(clock);
    const live = sessionRecord(alice, clock.now() + 5000);
    sessions.put(live);
    sessions.put(sessionRecord(alice, clock.now() + 10));
    clock.advance(100);
    sessions.sweep(10);
    assert.equal(sessions.size, 1);
    assert.deepEqual(sessions.get(live.accessKeyId), live);
  });
});
