import assert from 'node:assert/strict';
import { ManualClock } from '../helpers/manualClock.js';
import { startRedisServer, type RedisServer } from '../helpers/redisServer.js';
import { createStore } from '../../src/store/index.js';
import type { Store, UserRecord } from '../../src/store/types.js';
import { urlConfig } from '../store/redisConfig.js';

const alice: UserRecord = { name: 'alice', id: 'AIDAAAAAAAAAAAAAAAAAA', sealedSecret: 'v1.old', policy: 'readonly', createdAt: '2026-01-01T00:00:00.000Z' };

/** `updateUserSecret` is a compare-and-set on the sealed secret, the same on both stores. */
function updateUserSecretContract(name: string, makeStore: () => Promise<Store>): void {
  describe(`${name}: updateUserSecret`, () => {
    let store: Store;
    beforeEach(async () => {
      store = await makeStore();
      assert.deepEqual(await store.createUser(alice), { ok: true });
    });
    afterEach(() => store.close());

    it('replaces the sealed secret while it is the expected one, keeping the rest', async () => {
      assert.equal(await store.updateUserSecret('alice', 'v1.old', 'v2.new'), true);
      assert.deepEqual(await store.getUser('alice'), { ...alice, sealedSecret: 'v2.new' });
      assert.deepEqual(await store.policyUsers('readonly'), ['alice']);
    });

    it('refuses when the secret changed meanwhile, or the user is gone', async () => {
      assert.equal(await store.updateUserSecret('alice', 'v1.other', 'v2.new'), false);
      assert.equal((await store.getUser('alice'))?.sealedSecret, 'v1.old');
      assert.equal(await store.updateUserSecret('bob', 'v1.old', 'v2.new'), false);
      assert.equal(await store.getUser('bob'), undefined);
    });

    it('bumps the revision stamp, so cached principals are re-read', async () => {
      const tracked = store as Store & { revision(): unknown };
      const before = await tracked.revision();
      await store.updateUserSecret('alice', 'v1.old', 'v2.new');
      assert.notDeepEqual(await tracked.revision(), before);
    });
  });
}

describe('Store.updateUserSecret', () => {
  let server: RedisServer;
  let prefixes = 0;
  before(async () => {
    server = await startRedisServer();
  });
  after(async () => {
    await server?.stop();
  });

  updateUserSecretContract('memory', async () => createStore({ prefix: 'x', clock: new ManualClock(Date.now()) }));
  updateUserSecretContract('redis', async () =>
    createStore({ redis: urlConfig(server.url), prefix: `reseal${(prefixes += 1)}`, clock: new ManualClock(Date.now()) }),
  );
});
