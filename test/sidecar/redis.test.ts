import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { Redis } from 'ioredis';
import { RedisRevisionCounter, revisionKey } from '../../src/store/revisionCounters.js';
import { startLiveServer, type LiveServer } from '../helpers/liveServer.js';
import { startRedisServer, type RedisServer } from '../helpers/redisServer.js';
import { createRedisClient } from '../../src/store/redis/createRedisClient.js';
import { RedisStore } from '../../src/store/redis/redisStore.js';
import { systemClock } from '../../src/clock.js';
import type { Store } from '../../src/store/types.js';
import { redisConfig, trackedRedisStore } from './support/stores.js';
import { adminOk, assumeRole, createUser, putPolicy, sidecarCall, type Credentials } from './support/world.js';
import { BUILTIN_POLICY_NAMES } from '../../src/policies/index.js';

const SECRET = 'Sup3r-Secret-Key!';
const S3 = 'arn:aws:s3:::';
const ONLY = (bucket: string) => ({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 's3:*', Resource: `${S3}${bucket}/*` }] });

let prefixes = 0;

/** Redis command counts from INFO commandstats, e.g. { get: 12, hgetall: 3 }. */
async function commandCounts(redis: Redis): Promise<Record<string, number>> {
  const info = await redis.info('commandstats');
  const counts: Record<string, number> = {};
  for (const match of info.matchAll(/^cmdstat_([a-z|]+):calls=(\d+)/gm)) counts[match[1] as string] = Number(match[2]);
  return counts;
}

function delta(before: Record<string, number>, after: Record<string, number>): Record<string, number> {
  const out: Record<string, number> = {};
  for (const [name, calls] of Object.entries(after)) if (calls !== (before[name] ?? 0)) out[name] = calls - (before[name] ?? 0);
  return out;
}

const KINDS: Array<[string, (url: string, prefix: string) => Store]> = [
  ['revision-tracked (principal cache checked by the stamp)', trackedRedisStore],
  ['untracked (every call re-reads)', (url, prefix) => new RedisStore({ redis: createRedisClient(redisConfig(url)), prefix, clock: systemClock, builtinPolicies: BUILTIN_POLICY_NAMES })],
];

for (const [kindName, makeStore] of KINDS) describe(`sidecar on Redis, ${kindName}: two instances, one store`, () => {
  const tracked = makeStore === trackedRedisStore;
  let redisServer: RedisServer;
  let probe: Redis;
  let a: LiveServer;
  let b: LiveServer;
  let alice: Credentials;

  before(async () => {
    redisServer = await startRedisServer();
    probe = new Redis(redisServer.url);
  });
  after(async () => {
    probe?.disconnect();
    await redisServer?.stop();
  });

  beforeEach(async () => {
    const prefix = `sc${(prefixes += 1)}`;
    const env = { STS_MASTER_KEY: randomBytes(32).toString('base64') };
    a = await startLiveServer({ env, store: makeStore(redisServer.url, prefix) });
    b = await startLiveServer({ env, store: makeStore(redisServer.url, prefix) });
    await putPolicy(a, 'only-a', ONLY('a'));
    alice = await createUser(a, 'alice', SECRET, { policy: 'only-a' });
  });
  afterEach(async () => {
    await a.close();
    await b.close();
    await a.deps.store.close();
    await b.deps.store.close();
  });

  async function warm(creds: Credentials): Promise<void> {
    for (const server of [a, b, a, b]) {
      const res = await sidecarCall(server, '/v1/verify', { accessKeyId: creds.accessKeyId, sessionToken: creds.sessionToken });
      assert.equal(res.status, 200, JSON.stringify(res.body));
    }
  }

  function check(server: LiveServer, creds: Credentials, bucket: string) {
    return sidecarCall(server, '/v1/authorize', {
      accessKeyId: creds.accessKeyId,
      sessionToken: creds.sessionToken,
      checks: [{ action: 's3:GetObject', resource: `${S3}${bucket}/k` }],
    });
  }

  const changes: Array<[string, (creds: Credentials) => Promise<void>, (creds: Credentials) => Promise<void>]> = [
    ['revoking the session on A shows on B at the next call', (creds) => adminOk(a, 'DELETE', `/admin/v1/sessions/${creds.accessKeyId}`), async (creds) => {
      const res = await sidecarCall(b, '/v1/verify', { accessKeyId: creds.accessKeyId, sessionToken: creds.sessionToken });
      assert.deepEqual([res.status, res.body.reason], [401, 'revoked']);
    }],
    ['revoking all of the user\'s sessions on B shows on A at the next call', () => adminOk(b, 'DELETE', '/admin/v1/users/alice/sessions'), async (creds) => {
      const res = await check(a, creds, 'a');
      assert.deepEqual([res.status, res.body.reason], [401, 'revoked']);
    }],
    ['removing the user on A shows on B at the next call', () => adminOk(a, 'DELETE', '/admin/v1/users/alice'), async (creds) => {
      const res = await check(b, creds, 'a');
      assert.deepEqual([res.status, res.body.reason], [401, 'user-removed']);
    }],
    ['detaching the policy on B shows on A at the next call', () => adminOk(b, 'DELETE', '/admin/v1/users/alice/policy'), async (creds) => {
      const res = await check(a, creds, 'a');
      assert.deepEqual(res.body.results, [{ decision: 'Deny', reason: 'ImplicitDeny' }]);
      const verified = await sidecarCall(a, '/v1/verify', { accessKeyId: creds.accessKeyId, sessionToken: creds.sessionToken });
      assert.deepEqual(verified.body.policies, []);
    }],
    ['changing the policy document on A shows on B at the next call', () => putPolicy(a, 'only-a', ONLY('b')), async (creds) => {
      assert.equal((await check(b, creds, 'a')).body.results[0].decision, 'Deny');
      assert.equal((await check(b, creds, 'b')).body.results[0].decision, 'Allow');
    }],
    ['attaching another policy on B shows on A at the next call', () => adminOk(b, 'PUT', '/admin/v1/users/alice/policy', { policy: 'readonly' }), async (creds) => {
      assert.equal((await check(a, creds, 'elsewhere')).body.results[0].decision, 'Allow');
      const verified = await sidecarCall(a, '/v1/verify', { accessKeyId: creds.accessKeyId, sessionToken: creds.sessionToken });
      assert.equal(verified.body.policies[0].name, 'readonly');
    }],
  ];
  for (const [name, change, expect] of changes) {
    it(name, async () => {
      const creds = await assumeRole(a, alice, { sessionName: 'shared' });
      await warm(creds);
      assert.equal((await check(b, creds, 'a')).body.results[0].decision, 'Allow');
      await change(creds);
      await expect(creds);
    });
  }

  it(tracked ? 'answers a warm principal with one Redis read per call (the revision stamp), no record reads'
    : 'reads the session, the user and the policy on every call', async () => {
    const creds = await assumeRole(a, alice, { sessionName: 'warm' });
    await warm(creds);
    const before = await commandCounts(probe);
    for (let i = 0; i < 10; i++) assert.equal((await check(b, creds, 'a')).status, 200);
    const used = delta(before, await commandCounts(probe));
    delete used.info;
    assert.deepEqual(used, tracked ? { get: 10 } : { get: 10, hgetall: 20 });
  });

  it('answers 503 ServiceUnavailable while Redis is down, and recovers', async function () {
    this.timeout(20_000);
    const creds = await assumeRole(a, alice, { sessionName: 'outage' });
    await warm(creds);
    await redisServer.kill();
    try {
      for (const path of ['/v1/verify', '/v1/authorize']) {
        const res = await sidecarCall(b, path, { accessKeyId: creds.accessKeyId, sessionToken: creds.sessionToken, ...(path === '/v1/authorize' ? { checks: [{ action: 's3:GetObject', resource: `${S3}a/k` }] } : {}) });
        assert.equal(res.status, 503, JSON.stringify(res.body));
        assert.equal(res.body.error.code, 'ServiceUnavailable');
      }
    } finally {
      await redisServer.restart();
    }
    // The throwaway server keeps no data across the crash: the session is gone, and says so.
    const deadline = Date.now() + 10_000;
    let res;
    do {
      res = await sidecarCall(b, '/v1/verify', { accessKeyId: creds.accessKeyId, sessionToken: creds.sessionToken });
      if (res.status !== 503) break;
      await new Promise((resolve) => setTimeout(resolve, 100));
    } while (Date.now() < deadline);
    assert.equal(res.status, 401, JSON.stringify(res.body));
    probe.disconnect();
    probe = new Redis(redisServer.url);
  });
});


describe('RedisRevisionCounter', () => {
  let redisServer: RedisServer;
  let redis: Redis;
  before(async () => {
    redisServer = await startRedisServer();
    redis = new Redis(redisServer.url);
  });
  after(async () => {
    redis?.disconnect();
    await redisServer?.stop();
  });

  it('lives at <prefix>:{<prefix>:meta}:revision, in the metadata hash slot', () => {
    assert.equal(revisionKey('s3sts'), 's3sts:{s3sts:meta}:revision');
  });

  it('shares one GET between callers that ask before it is sent', async () => {
    const counter = new RedisRevisionCounter(redis, 'batch');
    await counter.current();
    const before = await commandCounts(redis);
    const values = await Promise.all(Array.from({ length: 20 }, () => counter.current()));
    const used = delta(before, await commandCounts(redis));
    assert.equal(used.get, 1);
    assert.equal(new Set(values).size, 1);
  });

  it('sees every bump that completed before the call, from another client', async () => {
    const reader = new RedisRevisionCounter(redis, 'two');
    const writerClient = new Redis(redisServer.url);
    try {
      const writer = new RedisRevisionCounter(writerClient, 'two');
      const seen = new Set<string>([await reader.current()]);
      for (let i = 0; i < 5; i++) {
        await writer.bump();
        const value = await reader.current();
        assert.ok(!seen.has(value), `stamp ${value} repeated after a bump`);
        seen.add(value);
      }
    } finally {
      writerClient.disconnect();
    }
  });

  it('starts from a random point, also after the key was lost, so old stamps never come back', async () => {
    const counter = new RedisRevisionCounter(redis, 'lost');
    const first = await counter.current();
    assert.ok(Number(first) > 2 ** 40);
    await redis.del(revisionKey('lost'));
    await counter.bump();
    const afterLoss = await counter.current();
    assert.ok(Number(afterLoss) > 2 ** 40 && afterLoss !== first, `${afterLoss} after ${first}`);
  });
});
