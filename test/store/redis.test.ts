import assert from 'node:assert/strict';
import { Redis } from 'ioredis';
import { ManualClock } from '../helpers/manualClock.js';
import { StoreUnavailableError } from '../../src/errors.js';
import { createRedisClient } from '../../src/store/redis/createRedisClient.js';
import { redisKeys } from '../../src/store/redis/keys.js';
import { RedisStore } from '../../src/store/redis/redisStore.js';
import { startRedisServer, type RedisServer } from '../helpers/redisServer.js';
import { runStoreContract } from './contract.js';
import { urlConfig } from './redisConfig.js';
import { BUILTIN_POLICY_NAMES } from '../../src/policies/index.js';

let prefixes = 0;

describe('RedisStore', () => {
  let server: RedisServer;
  before(async () => {
    server = await startRedisServer();
  });
  after(async () => {
    await server?.stop();
  });

  // One server for the suite; each test gets its own key prefix, hence an empty store.
  runStoreContract('RedisStore', async () => {
    const clock = new ManualClock(Date.now());
    const store = new RedisStore({ redis: createRedisClient(urlConfig(server.url)), prefix: `t${(prefixes += 1)}`, clock, builtinPolicies: BUILTIN_POLICY_NAMES });
    return { store, clock, cleanup: () => store.close() };
  });

  describe('error classification', () => {
    it('reports a logic error reply (WRONGTYPE) as itself, not as unavailable', async () => {
      const redis = new Redis(server.url);
      const store = new RedisStore({ redis: createRedisClient(urlConfig(server.url)), prefix: 'wrongtype', clock: new ManualClock(Date.now()) });
      try {
        await redis.set(redisKeys('wrongtype').users, 'not a sorted set');
        await assert.rejects(store.listUsers(), (err: unknown) => err instanceof Error && !(err instanceof StoreUnavailableError) && /WRONGTYPE/.test(err.message));
      } finally {
        await store.close();
        await redis.quit();
      }
    });
  });
});

describe('RedisStore on Redis Cluster', () => {
  let server: RedisServer;
  before(async () => {
    server = await startRedisServer({ cluster: true });
  });
  after(async () => {
    await server?.stop();
  });

  // A one-node cluster refuses cross-slot commands and scripts as a real one does.
  runStoreContract('RedisStore (cluster)', async () => {
    const clock = new ManualClock(Date.now());
    const config = { ...urlConfig(undefined), clusterNodes: [{ host: '127.0.0.1', port: server.port }] };
    const store = new RedisStore({ redis: createRedisClient(config), prefix: `c${(prefixes += 1)}`, clock, builtinPolicies: BUILTIN_POLICY_NAMES });
    return { store, clock, cleanup: () => store.close() };
  });
});
