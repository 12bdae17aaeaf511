import assert from 'node:assert/strict';
import { Redis } from 'ioredis';
import { systemClock } from '../../src/clock.js';
import { signRequest } from '../../src/sigv4/index.js';
import { createRedisClient, RedisStore } from '../../src/store/index.js';
import { startLiveServer, type LiveServer } from '../helpers/liveServer.js';
import { startRedisServer, type RedisServer } from '../helpers/redisServer.js';
import { BUILTIN_POLICY_NAMES } from '../../src/policies/index.js';

const SECRET = 'Sup3r-Secret-Key!';

/** A signed Query API call from node, as any SDK would send it. */
async function sts(server: LiveServer, params: Record<string, string>, creds: { accessKeyId: string; secretAccessKey: string; sessionToken?: string }) {
  const body = new URLSearchParams({ Version: '2011-06-15', ...params }).toString();
  const headers = { host: `127.0.0.1:${server.port}`, 'content-type': 'application/x-www-form-urlencoded' };
  const signed = signRequest({ method: 'POST', path: '/', query: '', headers, body }, creds, {
    region: 'us-east-1', service: 'sts', now: server.clock.now(),
  });
  if (creds.sessionToken) signed.headers['x-amz-security-token'] = creds.sessionToken;
  const res = await fetch(`${server.url}/`, { method: 'POST', headers: signed.headers, body });
  return { status: res.status, text: await res.text() };
}

function tag(xml: string, name: string): string {
  return new RegExp(`<${name}>([^<]*)</${name}>`).exec(xml)?.[1] ?? '';
}

describe('service on a real Redis', function () {
  this.timeout(30_000);
  let redis: RedisServer;
  let server: LiveServer;
  let store: RedisStore;
  let run = 0;

  before(async () => {
    redis = await startRedisServer();
  });
  after(async () => {
    await redis?.stop();
  });
  beforeEach(async () => {
    const client = createRedisClient({ url: redis.url, sentinels: undefined, sentinelName: 'mymaster', clusterNodes: undefined });
    store = new RedisStore({ redis: client, prefix: `e2e${++run}`, clock: systemClock, builtinPolicies: BUILTIN_POLICY_NAMES });
    server = await startLiveServer({ store });
  });
  afterEach(async () => {
    await server?.close();
    await store?.close();
  });

  it('issues, lists and revokes sessions, and keeps no secret or token at rest', async () => {
    assert.equal((await server.admin('POST', '/admin/v1/users', { name: 'alice', secretKey: SECRET, policy: 'readwrite' })).status, 201);
    const issued = await sts(server, { Action: 'AssumeRole', RoleArn: 'arn:aws:iam::000000000000:role/demo', RoleSessionName: 's1' }, { accessKeyId: 'alice', secretAccessKey: SECRET });
    assert.equal(issued.status, 200, issued.text);
    const temp = { accessKeyId: tag(issued.text, 'AccessKeyId'), secretAccessKey: tag(issued.text, 'SecretAccessKey'), sessionToken: tag(issued.text, 'SessionToken') };
    const who = await sts(server, { Action: 'GetCallerIdentity' }, temp);
    assert.equal(tag(who.text, 'Arn'), 'arn:aws:sts::000000000000:assumed-role/demo/s1');

    const listed = await server.admin('GET', '/admin/v1/sessions?user=alice');
    assert.deepEqual(listed.body.sessions.map((s: { accessKeyId: string }) => s.accessKeyId), [temp.accessKeyId]);

    const scan = new Redis(redis.url);
    try {
      const keys = await scan.keys('*');
      assert.ok(keys.length > 0);
      for (const key of keys) {
        const type = await scan.type(key);
        const dump = type === 'string' ? await scan.get(key) : JSON.stringify(
          type === 'hash' ? await scan.hgetall(key) : type === 'set' ? await scan.smembers(key) : type === 'zset' ? await scan.zrange(key, 0, -1) : [],
        );
        const ttl = await scan.pttl(key);
        for (const secret of [SECRET, temp.secretAccessKey, temp.sessionToken]) {
          assert.ok(!String(dump).includes(secret), `a secret or token is stored at ${key}`);
        }
        if (key.includes(temp.accessKeyId) && key.includes('sess:')) assert.ok(ttl > 0 && ttl <= 3_600_000, `session key ${key} has TTL ${ttl}`);
      }
    } finally {
      scan.disconnect();
    }

    assert.equal((await server.admin('DELETE', `/admin/v1/sessions/${temp.accessKeyId}`)).status, 204);
    const revoked = await sts(server, { Action: 'GetCallerIdentity' }, temp);
    assert.equal(revoked.status, 403);
    assert.equal(tag(revoked.text, 'Code'), 'InvalidClientTokenId');
  });

  it('fails closed with 503 within 1 s while Redis is down and recovers by itself within 5 s', async () => {
    assert.equal((await server.admin('POST', '/admin/v1/users', { name: 'alice', secretKey: SECRET, policy: 'readonly' })).status, 201);
    await redis.kill();
    const started = Date.now();
    const down = await sts(server, { Action: 'GetCallerIdentity' }, { accessKeyId: 'alice', secretAccessKey: SECRET });
    assert.ok(Date.now() - started < 1000, `took ${Date.now() - started} ms`);
    assert.equal(down.status, 503);
    assert.equal(tag(down.text, 'Code'), 'ServiceUnavailable');
    assert.equal((await server.admin('GET', '/admin/v1/users')).status, 503);
    assert.equal((await fetch(`${server.url}/readyz`)).status, 503);

    await redis.restart();
    const back = Date.now();
    let status = 0;
    while (Date.now() - back < 5000) {
      status = (await fetch(`${server.url}/readyz`)).status;
      if (status === 200) break;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    assert.equal(status, 200, 'not ready again within 5 s');
    // The throwaway server keeps nothing on disk: the user is gone, but the service answers normally.
    const after = await sts(server, { Action: 'GetCallerIdentity' }, { accessKeyId: 'alice', secretAccessKey: SECRET });
    assert.equal(tag(after.text, 'Code'), 'InvalidClientTokenId');
  });
});
