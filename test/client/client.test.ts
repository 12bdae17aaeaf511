import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { StsSidecarClient, StsSidecarError } from '../../src/client/index.js';
import { StoreUnavailableError } from '../../src/errors.js';
import { MemoryStore } from '../../src/store/memory/memoryStore.js';
import { signRequest } from '../../src/sigv4/index.js';
import { OffsetClock, startLiveServer, type LiveServer } from '../helpers/liveServer.js';
import { ADMIN_TOKEN, VERIFY_TOKEN } from '../helpers/testDeps.js';
import { adminOk, assumeRole, createUser, type Credentials } from '../sidecar/support/world.js';

const SECRET = 'Sup3r-Secret-Key!';
const CHECK = { action: 's3:GetObject', resource: 'arn:aws:s3:::bucket/k' };

/** A store whose session reads can be switched to fail as an unreachable Redis would. */
class FlakyStore extends MemoryStore {
  down = false;
  override async getSession(accessKeyId: string) {
    if (this.down) throw new StoreUnavailableError(new Error('test outage'));
    return super.getSession(accessKeyId);
  }
}

interface CountingServer extends LiveServer {
  readonly store: FlakyStore;
}

/** The full app on loopback over a store whose outage tests can switch on. */
async function startCountingServer(): Promise<CountingServer> {
  const clock = new OffsetClock();
  const store = new FlakyStore({ clock });
  return Object.assign(await startLiveServer({ store, clock }), { store });
}

describe('s3-sts/client StsSidecarClient against a live service', () => {
  let server: CountingServer;
  let session: Credentials;
  let client: StsSidecarClient;

  beforeEach(async () => {
    server = await startCountingServer();
    const alice = await createUser(server, 'alice', SECRET, { policy: 'readonly', posixUid: 7 });
    session = await assumeRole(server, alice, { sessionName: 'client' });
    client = new StsSidecarClient({ endpoint: server.url, verifyToken: VERIFY_TOKEN, timeoutMs: 2000 });
  });
  afterEach(async () => {
    client.close();
    await server.close();
  });

  it('verify returns the typed principal and policies', async () => {
    const result = await client.verify({ accessKeyId: session.accessKeyId, sessionToken: session.sessionToken! });
    assert.equal(result.valid, true);
    if (!result.valid) return;
    assert.equal(result.principal.user, 'alice');
    assert.equal(result.principal.posixUid, 7);
    assert.equal(result.policies[0]?.name, 'readonly');
    assert.equal(result.combine, 'all-must-allow');
  });

  it('authorize returns valid: true and one result per check', async () => {
    const result = await client.authorize({
      accessKeyId: session.accessKeyId,
      sessionToken: session.sessionToken!,
      checks: [CHECK, { action: 's3:PutObject', resource: CHECK.resource }],
    });
    assert.equal(result.valid, true);
    if (!result.valid) return;
    assert.deepEqual(result.results.map((r) => r.decision), ['Allow', 'Deny']);
  });

  it('returns a refused credential as a result with its reason, for both calls', async () => {
    await adminOk(server, 'DELETE', `/admin/v1/sessions/${session.accessKeyId}`);
    const verified = await client.verify({ accessKeyId: session.accessKeyId, sessionToken: session.sessionToken! });
    assert.deepEqual([verified.valid, verified.valid ? '' : verified.reason], [false, 'revoked']);
    const authorized = await client.authorize({ accessKeyId: session.accessKeyId, sessionToken: session.sessionToken!, checks: [CHECK] });
    assert.deepEqual([authorized.valid, authorized.valid ? '' : authorized.reason], [false, 'revoked']);
  });

  const failures: Array<[string, () => Promise<unknown>, string, number | undefined, boolean]> = [
    ['a wrong verify token', async () => {
      const wrong = new StsSidecarClient({ endpoint: server.url, verifyToken: ADMIN_TOKEN });
      return wrong.verify({ accessKeyId: 'x' }).finally(() => wrong.close());
    }, 'Unauthorized', 401, false],
    ['a bad request', () => client.authorize({ accessKeyId: 'x', checks: [] }), 'ValidationError', 400, false],
    ['an unreachable store', async () => {
      server.store.down = true;
      return client.verify({ accessKeyId: session.accessKeyId, sessionToken: session.sessionToken! });
    }, 'ServiceUnavailable', 503, true],
  ];
  for (const [name, call, code, status, retryable] of failures) {
    it(`throws StsSidecarError ${code} for ${name}`, async () => {
      await assert.rejects(call(), (err: unknown) => {
        assert.ok(err instanceof StsSidecarError, String(err));
        assert.deepEqual([err.code, err.status, err.retryable], [code, status, retryable]);
        return true;
      });
    });
  }

  it('keeps one connection alive across calls', async () => {
    const before = server.connections();
    for (let i = 0; i < 20; i++) await client.verify({ accessKeyId: session.accessKeyId, sessionToken: session.sessionToken! });
    assert.equal(server.connections() - before, 1);
  });

  it('throws NetworkError when nothing listens', async () => {
    const port = server.port;
    await server.close();
    const lonely = new StsSidecarClient({ endpoint: `http://127.0.0.1:${port}`, verifyToken: VERIFY_TOKEN, timeoutMs: 1000 });
    await assert.rejects(lonely.verify({ accessKeyId: 'x' }), (err: unknown) => err instanceof StsSidecarError && err.code === 'NetworkError' && err.retryable);
    server = await startCountingServer();
  });
});

describe('StsSidecarClient timeouts', () => {
  it('gives up after timeoutMs with Timeout', async () => {
    const silent = createServer(() => undefined);
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    const port = (silent.address() as AddressInfo).port;
    const client = new StsSidecarClient({ endpoint: `http://127.0.0.1:${port}`, verifyToken: VERIFY_TOKEN, timeoutMs: 150 });
    const started = Date.now();
    try {
      await assert.rejects(client.verify({ accessKeyId: 'x' }), (err: unknown) => err instanceof StsSidecarError && err.code === 'Timeout');
      assert.ok(Date.now() - started < 1500);
    } finally {
      client.close();
      silent.closeAllConnections();
      await new Promise<void>((resolve) => silent.close(() => resolve()));
    }
  });
});

describe('StsSidecarClient micro-cache', () => {
  let server: CountingServer;
  let session: Credentials;
  let now: number;
  let client: StsSidecarClient;

  beforeEach(async () => {
    server = await startCountingServer();
    const alice = await createUser(server, 'alice', SECRET, { policy: 'readonly' });
    session = await assumeRole(server, alice, { sessionName: 'cached', durationSeconds: 900 });
    now = 1_000_000;
    client = new StsSidecarClient({ endpoint: server.url, verifyToken: VERIFY_TOKEN, timeoutMs: 2000, microCache: { ttlMs: 1000, maxEntries: 100 }, now: () => now });
  });
  afterEach(async () => {
    client.close();
    await server.close();
  });

  const body = () => ({ accessKeyId: session.accessKeyId, sessionToken: session.sessionToken! });

  it('serves a successful answer for at most ttlMs: a revocation shows once it has passed', async () => {
    assert.equal((await client.verify(body())).valid, true);
    assert.equal((await client.authorize({ ...body(), checks: [CHECK] })).valid, true);
    await adminOk(server, 'DELETE', `/admin/v1/sessions/${session.accessKeyId}`);
    now += 999;
    assert.equal((await client.verify(body())).valid, true, 'within ttlMs the cached answer is served (the documented staleness)');
    assert.equal((await client.authorize({ ...body(), checks: [CHECK] })).valid, true);
    now += 1;
    assert.equal((await client.verify(body())).valid, false);
    assert.equal((await client.authorize({ ...body(), checks: [CHECK] })).valid, false);
  });

  it('keys answers by checks: other checks go to the service', async () => {
    await client.authorize({ ...body(), checks: [CHECK] });
    await adminOk(server, 'DELETE', `/admin/v1/sessions/${session.accessKeyId}`);
    assert.equal((await client.authorize({ ...body(), checks: [{ ...CHECK, resource: 'arn:aws:s3:::bucket/other' }] })).valid, false);
  });

  it('never caches refusals', async () => {
    const forged = { accessKeyId: session.accessKeyId, sessionToken: `${session.sessionToken!}x` };
    assert.equal((await client.verify(forged)).valid, false);
    assert.equal((await client.verify(forged)).valid, false);
    const wrongKey = { accessKeyId: 'ASIAAAAAAAAAAAAAAAAA', sessionToken: session.sessionToken! };
    assert.equal((await client.verify(wrongKey)).valid, false);
  });

  it('never caches calls with a signed request', async () => {
    const signed = signRequest({ method: 'GET', path: '/bucket/k', query: '', headers: { host: 's3.example.test' } }, session, {
      region: 'us-east-1', service: 's3', now: server.clock.now(),
    });
    const withRequest = { ...body(), request: { method: 'GET', path: '/bucket/k', query: signed.query, headers: signed.headers } };
    assert.equal((await client.verify(withRequest)).valid, true);
    await adminOk(server, 'DELETE', `/admin/v1/sessions/${session.accessKeyId}`);
    assert.equal((await client.verify(withRequest)).valid, false);
  });

  it('never caches errors such as 503', async () => {
    server.store.down = true;
    await assert.rejects(client.verify(body()), (err: unknown) => err instanceof StsSidecarError && err.status === 503);
    server.store.down = false;
    assert.equal((await client.verify(body())).valid, true);
  });

  it('never serves an answer past the session expiration', async () => {
    const expiresAt = Date.parse(session.expiration!);
    now = expiresAt - 500;
    assert.equal((await client.verify(body())).valid, true);
    await adminOk(server, 'DELETE', `/admin/v1/sessions/${session.accessKeyId}`);
    now = expiresAt;
    assert.equal((await client.verify(body())).valid, false);
  });

  it('never serves an authorize answer past the session expiration either', async () => {
    const expiresAt = Date.parse(session.expiration!);
    now = expiresAt - 500;
    assert.equal((await client.authorize({ ...body(), checks: [CHECK] })).valid, true);
    await adminOk(server, 'DELETE', `/admin/v1/sessions/${session.accessKeyId}`);
    now = expiresAt;
    assert.equal((await client.authorize({ ...body(), checks: [CHECK] })).valid, false);
  });
});
