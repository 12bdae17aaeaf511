import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { Redis } from 'ioredis';
import { ManualClock } from '../helpers/manualClock.js';
import { deriveKeyRing } from '../../src/crypto/keyRing.js';
import { openSecret, sealSecret } from '../../src/crypto/secretBox.js';
import { createRedisClient } from '../../src/store/redis/createRedisClient.js';
import { RedisStore } from '../../src/store/redis/redisStore.js';
import { startRedisServer, type RedisServer } from '../helpers/redisServer.js';
import { policyRecord, sessionRecord, userRecord } from './contract/fixtures.js';
import { urlConfig } from './redisConfig.js';

/** Every key of the test server with every string in its value, whatever the key's type. */
async function dumpEverything(redis: Redis): Promise<Map<string, string[]>> {
  const dump = new Map<string, string[]>();
  let cursor = '0';
  do {
    const [next, keys] = await redis.scan(cursor, 'COUNT', 1000);
    cursor = next;
    for (const key of keys) dump.set(key, await valuesOf(redis, key));
  } while (cursor !== '0');
  return dump;
}

async function valuesOf(redis: Redis, key: string): Promise<string[]> {
  const type = await redis.type(key);
  if (type === 'string') return [(await redis.get(key)) ?? ''];
  if (type === 'hash') return Object.entries(await redis.hgetall(key)).flat();
  if (type === 'zset') return redis.zrange(key, 0, -1, 'WITHSCORES');
  if (type === 'set') return redis.smembers(key);
  throw new Error(`unexpected key type ${type} for ${key}`);
}

describe('RedisStore at rest', () => {
  let server: RedisServer;
  before(async () => {
    server = await startRedisServer();
  });
  after(async () => {
    await server?.stop();
  });

  it('never holds a plain secret, and keeps metadata under one hash tag', async () => {
    const keyRing = deriveKeyRing(randomBytes(32));
    const clock = new ManualClock(Date.now());
    const store = new RedisStore({ redis: createRedisClient(urlConfig(server.url)), prefix: 'atrest', clock });
    const secrets = new Map([['alice', 'PlainSecretAlice1!'], ['bob', 'PlainSecretBob2?'], ['carol', 'Xy9-carol-secret']]);
    await store.putPolicy(policyRecord('custom'));
    for (const [name, secret] of secrets) {
      const user = userRecord(name, { sealedSecret: sealSecret(keyRing, secret, name), policy: 'custom' });
      assert.deepEqual(await store.createUser(user), { ok: true });
      await store.putSession(sessionRecord(user, clock.now() + 3_600_000));
    }
    const raw = new Redis(server.url);
    try {
      const dump = await dumpEverything(raw);
      const everything = [...dump].flatMap(([key, values]) => [key, ...values]).join('\n');
      for (const secret of secrets.values()) assert.equal(everything.includes(secret), false, 'a plain secret is stored');
      const sealed = await raw.hget('{atrest:meta}:u:alice', 'sealedSecret');
      assert.equal(openSecret(keyRing, sealed ?? '', 'alice'), secrets.get('alice'));
      for (const key of dump.keys()) assert.match(key, /^(\{atrest:meta\}:|atrest:sess:\{ASIA[A-Z0-9]{16}\}$|atrest:usess:\{[a-z]+\}$)/);
    } finally {
      await raw.quit();
      await store.close();
    }
  });

  it('gives session records and indexes a TTL ending at the expiry', async () => {
    const clock = new ManualClock(Date.now());
    const store = new RedisStore({ redis: createRedisClient(urlConfig(server.url)), prefix: 'ttl', clock });
    const raw = new Redis(server.url);
    try {
      const user = userRecord('alice');
      const [early, late] = [sessionRecord(user, clock.now() + 60_000), sessionRecord(user, clock.now() + 120_000)];
      await store.putSession(late);
      await store.putSession(early);
      assert.equal(await raw.pexpiretime(`ttl:sess:{${early.accessKeyId}}`), early.expiresAt);
      assert.equal(await raw.pexpiretime('ttl:usess:{alice}'), late.expiresAt);
    } finally {
      await raw.quit();
      await store.close();
    }
  });
});
