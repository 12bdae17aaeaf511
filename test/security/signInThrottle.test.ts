/**
 * Failed sign-ins are throttled where they come from (the client address, and the key from that
 * address), across instances through Redis, and never lock out the key's owner signing correctly
 * from elsewhere (issue 11.3). Clients on 127.0.0.2 and 127.0.0.3 are distinct addresses on
 * loopback.
 */
import assert from 'node:assert/strict';
import { systemClock } from '../../src/clock.js';
import { createRedisClient } from '../../src/store/index.js';
import { signRequest, type SigningCredentials } from '../../src/sigv4/index.js';
import { SignInThrottle } from '../../src/throttle/signInThrottle.js';
import { startLiveServer, type LiveServer } from '../helpers/liveServer.js';
import { rawRequest } from '../helpers/rawRequest.js';
import { startRedisServer, type RedisServer } from '../helpers/redisServer.js';
import { createUser, sidecarCall, signedStsPost } from '../sidecar/support/world.js';
import { redisConfig } from '../sidecar/support/stores.js';

const SECRET = 'Sup3r-Secret-Key!';
const ATTACKER = '127.0.0.2';
const ELSEWHERE = '127.0.0.3';
const wrong = (accessKeyId: string): SigningCredentials => ({ accessKeyId, secretAccessKey: 'Wrong-Secret-123' });

/** The Code of a signed GetCallerIdentity sent from `from`, or OK for a 200. */
async function callerIdentity(server: LiveServer, creds: SigningCredentials, from: string, extraHeaders: Record<string, string> = {}): Promise<string> {
  const body = 'Action=GetCallerIdentity&Version=2011-06-15';
  const res = await rawRequest(`${server.url}/`, { method: 'POST', headers: { ...signedStsPost(server, creds, body), ...extraHeaders }, body, localAddress: from });
  if (res.status === 200) return 'OK';
  return /<Code>([^<]*)<\/Code>/.exec(res.body)?.[1] ?? `status ${res.status}`;
}

async function repeat(times: number, call: () => Promise<string>): Promise<string[]> {
  const codes: string[] = [];
  for (let i = 0; i < times; i++) codes.push(await call());
  return codes;
}

describe('failed sign-in throttling', function () {
  this.timeout(20_000);

  describe('on one instance', () => {
    let server: LiveServer;
    beforeEach(async () => {
      server = await startLiveServer({ env: { STS_SIGNIN_FAILURE_LIMIT: '10' } });
      await createUser(server, 'alice', SECRET);
      await createUser(server, 'bob', SECRET);
    });
    afterEach(() => server.close());

    it('blocks the failing address for that key, while the owner signing from elsewhere gets in', async () => {
      const codes = await repeat(11, () => callerIdentity(server, wrong('alice'), ATTACKER));
      assert.deepEqual(codes, [...Array(10).fill('SignatureDoesNotMatch'), 'Throttling']);
      // The owner, elsewhere, is never refused for someone else's failures.
      assert.deepEqual(await repeat(3, () => callerIdentity(server, { accessKeyId: 'alice', secretAccessKey: SECRET }, ELSEWHERE)), ['OK', 'OK', 'OK']);
      // From the failing address, even the right secret waits: the source is blocked, not the key.
      assert.equal(await callerIdentity(server, { accessKeyId: 'alice', secretAccessKey: SECRET }, ATTACKER), 'Throttling');
      // Another key from that address still works: one key's failures are not the address's limit.
      assert.equal(await callerIdentity(server, { accessKeyId: 'bob', secretAccessKey: SECRET }, ATTACKER), 'OK');
      server.clock.advance(61_000);
      assert.equal(await callerIdentity(server, { accessKeyId: 'alice', secretAccessKey: SECRET }, ATTACKER), 'OK');
    });

    it('blocks an address that sprays failures over many keys', async () => {
      const codes: string[] = [];
      for (let i = 0; i < 101; i++) codes.push(await callerIdentity(server, wrong(`user${i % 20}`), ATTACKER));
      assert.ok(codes.slice(0, 100).every((code) => code === 'InvalidClientTokenId'), codes.join());
      assert.equal(codes[100], 'Throttling');
      assert.equal(await callerIdentity(server, { accessKeyId: 'bob', secretAccessKey: SECRET }, ATTACKER), 'Throttling');
      assert.equal(await callerIdentity(server, { accessKeyId: 'bob', secretAccessKey: SECRET }, ELSEWHERE), 'OK');
    });

    it('never counts a correctly signed request as a failure', async () => {
      const codes = await repeat(30, () => callerIdentity(server, { accessKeyId: 'alice', secretAccessKey: SECRET }, ATTACKER));
      assert.ok(codes.every((code) => code === 'OK'), codes.join());
    });
  });

  describe('through the sidecar and the S3 gateway', () => {
    let server: LiveServer;
    beforeEach(async () => {
      server = await startLiveServer({ env: { STS_SIGNIN_FAILURE_LIMIT: '5' } });
      await createUser(server, 'alice', SECRET, { policy: 'readonly' });
    });
    afterEach(() => server.close());

    function s3Get(creds: SigningCredentials) {
      const signed = signRequest({ method: 'GET', path: '/bucket/key', query: '', headers: { host: 's3.example.test' } }, creds, {
        region: 'us-east-1', service: 's3', now: server.clock.now(),
      });
      return { method: 'GET', path: '/bucket/key', query: signed.query, headers: signed.headers };
    }
    const reasons = async (times: number, body: () => Record<string, unknown>) => {
      const out: string[] = [];
      for (let i = 0; i < times; i++) {
        const res = await sidecarCall(server, '/v1/verify', body());
        out.push(res.status === 200 ? 'OK' : res.body.reason);
      }
      return out;
    };

    it('counts failed signatures by the sourceIp the frontend passes, never refusing the owner elsewhere', async () => {
      const guess = () => ({ accessKeyId: 'alice', request: s3Get(wrong('alice')), sourceIp: '192.0.2.9' });
      assert.deepEqual(await reasons(6, guess), [...Array(5).fill('bad-signature'), 'throttled']);
      const owner = (sourceIp: string) => () => ({ accessKeyId: 'alice', request: s3Get({ accessKeyId: 'alice', secretAccessKey: SECRET }), sourceIp });
      assert.deepEqual(await reasons(2, owner('192.0.2.10')), ['OK', 'OK']);
      assert.deepEqual(await reasons(1, owner('192.0.2.9')), ['throttled']);
      // The Query API shares the count: the same source is refused there too.
      assert.equal(server.deps.signIns.blocked({ address: '192.0.2.9', accessKeyId: 'alice' }), true);
    });

    it('takes the first check\'s aws:SourceIp on /v1/authorize when no sourceIp is given', async () => {
      const check = { action: 's3:GetObject', resource: 'arn:aws:s3:::bucket/key', context: { 'aws:SourceIp': '198.51.100.4' } };
      const out: string[] = [];
      for (let i = 0; i < 6; i++) {
        const res = await sidecarCall(server, '/v1/authorize', { accessKeyId: 'alice', request: s3Get(wrong('alice')), checks: [check] });
        out.push(res.body.reason);
      }
      assert.deepEqual(out, [...Array(5).fill('bad-signature'), 'throttled']);
    });

    it('refuses a throttled source on /v1/s3/authorize with an S3 AccessDenied', async () => {
      const body = () => ({ ...s3Get(wrong('alice')), sourceIp: '203.0.113.5' });
      const codes: string[] = [];
      for (let i = 0; i < 6; i++) {
        const res = await sidecarCall(server, '/v1/s3/authorize', body());
        codes.push(`${res.body.s3Error?.code}/${res.body.s3Error?.reason}`);
      }
      assert.deepEqual(codes, [...Array(5).fill('SignatureDoesNotMatch/bad-signature'), 'AccessDenied/throttled']);
    });

    it('without a client address counts a permanent key\'s failures for the key alone', async () => {
      assert.deepEqual(await reasons(6, () => ({ accessKeyId: 'alice', request: s3Get(wrong('alice')) })), [...Array(5).fill('bad-signature'), 'throttled']);
      // A frontend that passes addresses is unaffected by the addressless bucket.
      const owner = () => ({ accessKeyId: 'alice', request: s3Get({ accessKeyId: 'alice', secretAccessKey: SECRET }), sourceIp: '192.0.2.10' });
      assert.deepEqual(await reasons(1, owner), ['OK']);
    });
  });

  describe('behind a trusted proxy', () => {
    let server: LiveServer;
    beforeEach(async () => {
      server = await startLiveServer({ env: { STS_SIGNIN_FAILURE_LIMIT: '3', STS_TRUSTED_PROXIES: `${ATTACKER},10.0.0.0/8` } });
      await createUser(server, 'alice', SECRET);
    });
    afterEach(() => server.close());

    it('throttles the client X-Forwarded-For names, not the proxy, and ignores what the client wrote itself', async () => {
      const viaProxy = (client: string, creds: SigningCredentials) => callerIdentity(server, creds, ATTACKER, { 'x-forwarded-for': `1.1.1.1, ${client}, 10.1.2.3` });
      assert.deepEqual(await repeat(4, () => viaProxy('192.0.2.7', wrong('alice'))), ['SignatureDoesNotMatch', 'SignatureDoesNotMatch', 'SignatureDoesNotMatch', 'Throttling']);
      assert.equal(await viaProxy('192.0.2.8', { accessKeyId: 'alice', secretAccessKey: SECRET }), 'OK');
      // The left-most entry is the client's own claim: varying it does not escape the block.
      const spoofed = await callerIdentity(server, wrong('alice'), ATTACKER, { 'x-forwarded-for': '9.9.9.9, 192.0.2.7, 10.1.2.3' });
      assert.equal(spoofed, 'Throttling');
    });

    it('ignores X-Forwarded-For from an address that is not a trusted proxy', async () => {
      const direct = (forwarded: string) => callerIdentity(server, wrong('alice'), ELSEWHERE, { 'x-forwarded-for': forwarded });
      const codes = [await direct('192.0.2.1'), await direct('192.0.2.2'), await direct('192.0.2.3'), await direct('192.0.2.4')];
      assert.deepEqual(codes, ['SignatureDoesNotMatch', 'SignatureDoesNotMatch', 'SignatureDoesNotMatch', 'Throttling']);
    });
  });

  describe('across instances sharing Redis', () => {
    let redis: RedisServer;
    let servers: LiveServer[];
    let throttles: SignInThrottle[];
    let clients: Array<ReturnType<typeof createRedisClient>>;
    before(async () => {
      redis = await startRedisServer();
    });
    after(() => redis.stop());
    beforeEach(async () => {
      const prefix = `throttle${Date.now()}`;
      clients = [createRedisClient(redisConfig(redis.url)), createRedisClient(redisConfig(redis.url))];
      throttles = clients.map((client) => new SignInThrottle({ limit: 5, redis: client, prefix, clock: systemClock }));
      servers = [];
      for (const signIns of throttles) servers.push(await startLiveServer({ signIns }));
      for (const server of servers) await createUser(server, 'alice', SECRET);
    });
    afterEach(async () => {
      await Promise.all(servers.map((server) => server.close()));
      for (const client of clients) client.disconnect();
    });

    it('counts failures on every instance together: the other instance blocks after one more', async () => {
      const [first, second] = servers as [LiveServer, LiveServer];
      assert.deepEqual(await repeat(5, () => callerIdentity(first, wrong('alice'), ATTACKER)), Array(5).fill('SignatureDoesNotMatch'));
      assert.deepEqual(await repeat(2, () => callerIdentity(second, wrong('alice'), ATTACKER)), ['SignatureDoesNotMatch', 'Throttling']);
      assert.equal(await callerIdentity(second, { accessKeyId: 'alice', secretAccessKey: SECRET }, ELSEWHERE), 'OK');
    });

    it('keeps counting in memory while Redis is away', async () => {
      await redis.kill();
      try {
        const [first] = servers as [LiveServer];
        const codes = await repeat(6, () => callerIdentity(first, wrong('alice'), ATTACKER));
        // The users live in memory here; only the counters are in Redis, so sign-ins still run.
        assert.deepEqual(codes, [...Array(5).fill('SignatureDoesNotMatch'), 'Throttling']);
      } finally {
        await redis.restart();
      }
    });
  });
});
