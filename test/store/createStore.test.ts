import assert from 'node:assert/strict';
import { systemClock } from '../../src/clock.js';
import { createStore, hasRevision } from '../../src/store/index.js';

describe('createStore', () => {
  it('tracks revisions for the embedded store, and a change moves the stamp', async () => {
    const store = createStore({ prefix: 't', clock: systemClock });
    assert.ok(hasRevision(store));
    const before = await store.revision();
    await store.putPolicy({ name: 'p', document: '{}', createdAt: 'x', updatedAt: 'x' });
    assert.notEqual(await store.revision(), before);
    await store.close();
  });

  it('tracks revisions for a Redis store too (the wrapper is built before any connection)', async () => {
    const store = createStore({
      redis: { url: 'redis://127.0.0.1:9', sentinels: undefined, clusterNodes: undefined, sentinelName: 'mymaster' },
      prefix: 't',
      clock: systemClock,
    });
    assert.ok(hasRevision(store));
    await store.close();
  });
});
