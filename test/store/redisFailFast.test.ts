import assert from 'node:assert/strict';
import { Redis } from 'ioredis';
import { systemClock } from '../../src/clock.js';
import { StoreUnavailableError } from '../../src/errors.js';
import { createStore } from '../../src/store/index.js';
import type { Store } from '../../src/store/types.js';
import { startRedisServer, type RedisServer } from '../helpers/redisServer.js';
import { policyRecord, userRecord } from './contract/fixtures.js';
import { urlConfig } from './redisConfig.js';
import { eventually } from '../helpers/eventually.js';

describe('RedisStore when Redis goes away', () => {
  let server: RedisServer;
  let store: Store;
  before(async () => {
    server = await startRedisServer();
    store = createStore({ redis: urlConfig(server.url), prefix: 'failfast', clock: systemClock });
  });
  after(async () => {
    await store?.close();
    await server?.stop();
  });

  it('fails fast with StoreUnavailableError, then recovers by itself when Redis is back', async () => {
    await store.putPolicy(policyRecord('custom'));
    assert.deepEqual(await store.createUser(userRecord('alice', { policy: 'custom' })), { ok: true });

    await server.kill();
    for (const call of [() => store.getUser('alice'), () => store.createUser(userRecord('bob')), () => store.ping()]) {
      const started = Date.now();
      await assert.rejects(call(), StoreUnavailableError);
      assert.ok(Date.now() - started < 1000, `took ${Date.now() - started} ms to fail`);
    }

    await server.restart();
    const recoveredIn = await eventually(5000, () => store.ping());
    assert.ok(recoveredIn < 5000, `took ${recoveredIn} ms to recover`);
    // The restarted server is empty and has no scripts cached: scripts must load again.
    assert.deepEqual(await store.createUser(userRecord('carol')), { ok: true });
    assert.equal((await store.getUser('carol'))?.name, 'carol');
  });

  it('times out on a hung Redis and fails calls in flight when it dies, each within 1 s', async () => {
    await eventually(5000, () => store.ping());
    // A script that never ends stalls the whole server: nothing answers, nothing disconnects.
    const hog = new Redis(server.url, { retryStrategy: () => null, maxRetriesPerRequest: 0 });
    hog.on('error', () => undefined);
    hog.eval('while true do end', 0).catch(() => undefined);
    await new Promise((resolve) => setTimeout(resolve, 50));
    try {
      let started = Date.now();
      await assert.rejects(store.getUser('alice'), StoreUnavailableError);
      assert.ok(Date.now() - started < 1000, `command timeout took ${Date.now() - started} ms`);
      started = Date.now();
      const inFlight = assert.rejects(store.getUser('alice'), StoreUnavailableError);
      await new Promise((resolve) => setTimeout(resolve, 100));
      await server.kill();
      await inFlight;
      assert.ok(Date.now() - started < 1000, `in-flight call took ${Date.now() - started} ms to fail`);
    } finally {
      hog.disconnect();
    }
    await server.restart();
    await eventually(5000, () => store.ping());
  });

  it('answers StoreUnavailableError soon when Redis is not there at start', async () => {
    const probe = await startRedisServer();
    await probe.stop();
    const orphan = createStore({ redis: urlConfig(probe.url), prefix: 'failfast', clock: systemClock });
    try {
      const started = Date.now();
      await assert.rejects(orphan.getUser('alice'), StoreUnavailableError);
      await assert.rejects(orphan.ping(), StoreUnavailableError);
      assert.ok(Date.now() - started < 1500, `took ${Date.now() - started} ms to fail`);
    } finally {
      await orphan.close();
    }
  });
});
