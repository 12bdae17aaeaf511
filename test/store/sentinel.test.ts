import assert from 'node:assert/strict';
import { Redis } from 'ioredis';
import { systemClock } from '../../src/clock.js';
import { ManualClock } from '../helpers/manualClock.js';
import type { RedisConfig } from '../../src/config.js';
import { StoreUnavailableError } from '../../src/errors.js';
import { createStore } from '../../src/store/index.js';
import { createRedisClient } from '../../src/store/redis/createRedisClient.js';
import { RedisStore } from '../../src/store/redis/redisStore.js';
import type { Store } from '../../src/store/types.js';
import { startRedisSentinel, type RedisSentinel } from '../helpers/redisSentinel.js';
import { userRecord } from './contract/fixtures.js';
import { runStoreContract } from './contract.js';
import { eventually } from '../helpers/eventually.js';
import { BUILTIN_POLICY_NAMES } from '../../src/policies/index.js';

const PROMOTION_TIMEOUT_MS = 15_000;
const RECOVERY_TIMEOUT_MS = 5_000;
const FAIL_FAST_MS = 1_000;

let prefixes = 0;

function sentinelConfig(topology: RedisSentinel): RedisConfig {
  return { url: undefined, sentinels: topology.sentinels, sentinelName: topology.name, clusterNodes: undefined };
}

/** How a call ended and how long it took. */
async function timed(call: () => Promise<unknown>): Promise<{ ms: number; error?: unknown }> {
  const started = Date.now();
  try {
    await call();
    return { ms: Date.now() - started };
  } catch (error) {
    return { ms: Date.now() - started, error };
  }
}

describe('RedisStore through Sentinel', () => {
  let topology: RedisSentinel;
  before(async () => {
    topology = await startRedisSentinel();
  });
  after(async () => {
    await topology?.stop();
  });

  // One topology for the suite; each test gets its own key prefix, hence an empty store.
  runStoreContract('RedisStore (sentinel)', async () => {
    const clock = new ManualClock(Date.now());
    const store = new RedisStore({ redis: createRedisClient(sentinelConfig(topology)), prefix: `s${(prefixes += 1)}`, clock, builtinPolicies: BUILTIN_POLICY_NAMES });
    return { store, clock, cleanup: () => store.close() };
  });
});

describe('RedisStore through Sentinel when the primary dies', () => {
  let topology: RedisSentinel;
  let store: Store;
  before(async () => {
    topology = await startRedisSentinel();
    store = createStore({ redis: sentinelConfig(topology), prefix: 'failover', clock: systemClock });
  });
  after(async () => {
    await store?.close();
    await topology?.stop();
  });

  it('fails fast while the primary is gone, then serves the promoted replica with the same client', async function () {
    this.timeout(PROMOTION_TIMEOUT_MS + RECOVERY_TIMEOUT_MS + 5_000);
    const alice = userRecord('alice');
    assert.deepEqual(await store.createUser(alice), { ok: true });
    // Replication is asynchronous: make sure the replica has alice before the primary dies.
    const primary = new Redis(topology.primary.port, '127.0.0.1', { maxRetriesPerRequest: 0, retryStrategy: () => null });
    try {
      assert.equal(await primary.call('WAIT', '1', '1000'), 1);
    } finally {
      primary.disconnect();
    }

    await topology.primary.kill();
    const failed = await waitForPromotion(topology, [() => store.getUser('alice'), () => store.createUser(userRecord('carol'))]);
    assert.ok(failed > 0, 'no call was made while the primary was gone');

    const promotedAt = Date.now();
    await eventually(RECOVERY_TIMEOUT_MS, async () => assert.deepEqual(await store.getUser('alice'), alice));
    await eventually(RECOVERY_TIMEOUT_MS, async () => assert.deepEqual(await store.createUser(userRecord('bob')), { ok: true }));
    const recoveredIn = Date.now() - promotedAt;
    assert.ok(recoveredIn < RECOVERY_TIMEOUT_MS, `took ${recoveredIn} ms after promotion to read and write`);
    assert.equal((await store.getUser('bob'))?.name, 'bob');
  });
});

/**
 * Polls the Sentinel until it names the replica as master, making the `probes` calls in turn
 * between polls: each must fail with StoreUnavailableError within FAIL_FAST_MS, never hang, and
 * may succeed only once the Sentinel has switched. Returns how many calls failed.
 */
async function waitForPromotion(topology: RedisSentinel, probes: ReadonlyArray<() => Promise<unknown>>): Promise<number> {
  const deadline = Date.now() + PROMOTION_TIMEOUT_MS;
  const promoted = async (): Promise<boolean> => (await topology.master())?.port === topology.replica.port;
  let failed = 0;
  let calls = 0;
  while (!(await promoted())) {
    assert.ok(Date.now() < deadline, `replica not promoted within ${PROMOTION_TIMEOUT_MS} ms`);
    const { ms, error } = await timed(probes[calls++ % probes.length] as () => Promise<unknown>);
    assert.ok(ms < FAIL_FAST_MS, `a call took ${ms} ms while the primary was gone`);
    if (error === undefined) {
      assert.ok(await promoted(), 'a call succeeded before the replica was promoted');
    } else {
      assert.ok(error instanceof StoreUnavailableError, `expected StoreUnavailableError, got ${String(error)}`);
      failed += 1;
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return failed;
}
