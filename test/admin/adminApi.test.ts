import assert from 'node:assert/strict';
import request from 'supertest';
import { createRequestHandler } from '../../src/app.js';
import { ADMIN_TOKEN, VERIFY_TOKEN, makeTestDeps, type TestDeps } from '../helpers/testDeps.js';

const SECRET = 'Sup3r-Secret-Key!';
const DOC = { Version: '2012-10-17', Statement: [{ Sid: 'Get', Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::bucket/*' }] };

function setup() {
  const deps = makeTestDeps();
  const app = createRequestHandler(deps);
  const auth = { Authorization: `Bearer ${ADMIN_TOKEN}` };
  return { deps, app, auth };
}

async function snapshot(deps: TestDeps): Promise<string> {
  const users = await deps.store.listUsers({ limit: 1000 });
  const policies = await deps.store.listPolicies({ limit: 1000 });
  return JSON.stringify([users.items, policies.items]);
}

describe('admin API', () => {
  describe('authentication', () => {
    const cases: Array<[string, Record<string, string>]> = [
      ['no token', {}],
      ['a wrong token', { Authorization: 'Bearer nope-nope-nope-nope' }],
      ['the verify token', { Authorization: `Bearer ${VERIFY_TOKEN}` }],
      ['a basic auth header', { Authorization: `Basic ${Buffer.from(`admin:${ADMIN_TOKEN}`).toString('base64')}` }],
    ];
    for (const [name, headers] of cases) {
      it(`refuses ${name} with 401 Unauthorized`, async () => {
        const { app } = setup();
        const res = await request(app).get('/admin/v1/users').set(headers);
        assert.equal(res.status, 401);
        assert.equal(res.body.error.code, 'Unauthorized');
      });
    }
  });

  describe('users', () => {
    it('creates, shows, lists and removes a user without ever returning the secret', async () => {
      const { deps, app, auth } = setup();
      const created = await request(app)
        .post('/admin/v1/users')
        .set(auth)
        .send({ name: 'alice', secretKey: SECRET, posixUid: 1000, posixGid: 100, policy: 'readonly' });
      assert.equal(created.status, 201);
      assert.equal(created.body.name, 'alice');
      assert.match(created.body.id, /^AIDA[A-Z0-9]{17}$/);
      assert.equal(created.body.policy, 'readonly');
      assert.equal(created.body.posixUid, 1000);
      const shown = await request(app).get('/admin/v1/users/alice').set(auth);
      assert.equal(shown.status, 200);
      assert.deepEqual(shown.body, created.body);
      const listed = await request(app).get('/admin/v1/users').set(auth);
      assert.deepEqual(listed.body.users, [created.body]);
      for (const res of [created, shown, listed]) assert.ok(!JSON.stringify(res.body).includes(SECRET));
      assert.ok(!deps.logs.text().includes(SECRET), 'secret found in logs');
      const stored = await deps.store.getUser('alice');
      assert.ok(stored && !JSON.stringify(stored).includes(SECRET), 'secret stored in plain text');
      assert.equal((await request(app).delete('/admin/v1/users/alice').set(auth)).status, 204);
      assert.equal((await request(app).get('/admin/v1/users/alice').set(auth)).status, 404);
      assert.equal((await request(app).delete('/admin/v1/users/alice').set(auth)).body.error.code, 'NoSuchUser');
    });

    const badUsers: Array<[string, unknown, number, string]> = [
      ['a too short name', { name: 'ab', secretKey: SECRET }, 400, 'ValidationError'],
      ['a name with a slash', { name: 'a/bc', secretKey: SECRET }, 400, 'ValidationError'],
      ['a name starting with a dot', { name: '.abc', secretKey: SECRET }, 400, 'ValidationError'],
      ['a 65-character name', { name: 'a'.repeat(65), secretKey: SECRET }, 400, 'ValidationError'],
      ['a missing secret', { name: 'bob' }, 400, 'ValidationError'],
      ['a short secret', { name: 'bob', secretKey: 'Ab1' }, 400, 'ValidationError'],
      ['a secret without upper case', { name: 'bob', secretKey: 'lowercase1' }, 400, 'ValidationError'],
      ['a secret without lower case', { name: 'bob', secretKey: 'UPPERCASE1' }, 400, 'ValidationError'],
      ['a secret of letters only', { name: 'bob', secretKey: 'OnlyLetters' }, 400, 'ValidationError'],
      ['a 129-character secret', { name: 'bob', secretKey: `Aa1${'x'.repeat(126)}` }, 400, 'ValidationError'],
      ['a non-ASCII secret', { name: 'bob', secretKey: 'Pässwört123' }, 400, 'ValidationError'],
      ['a negative posixUid', { name: 'bob', secretKey: SECRET, posixUid: -1 }, 400, 'ValidationError'],
      ['a posixGid above 4294967294', { name: 'bob', secretKey: SECRET, posixGid: 4294967295 }, 400, 'ValidationError'],
      ['a fractional posixUid', { name: 'bob', secretKey: SECRET, posixUid: 1.5 }, 400, 'ValidationError'],
      ['a string posixUid', { name: 'bob', secretKey: SECRET, posixUid: '1' }, 400, 'ValidationError'],
      ['an unknown field', { name: 'bob', secretKey: SECRET, admin: true }, 400, 'ValidationError'],
      ['an unknown policy', { name: 'bob', secretKey: SECRET, policy: 'nope' }, 404, 'NoSuchPolicy'],
      ['a bad policy name', { name: 'bob', secretKey: SECRET, policy: 'no/pe' }, 400, 'ValidationError'],
      ['an array body', [], 400, 'ValidationError'],
      ['a duplicate user', { name: 'alice', secretKey: SECRET }, 409, 'UserAlreadyExists'],
    ];
    for (const [name, body, status, code] of badUsers) {
      it(`refuses ${name} with ${status} ${code} and changes nothing`, async () => {
        const { deps, app, auth } = setup();
        await request(app).post('/admin/v1/users').set(auth).send({ name: 'alice', secretKey: SECRET }).expect(201);
        const before = await snapshot(deps);
        const res = await request(app).post('/admin/v1/users').set(auth).send(body as object);
        assert.equal(res.status, status);
        assert.equal(res.body.error.code, code);
        assert.equal(await snapshot(deps), before);
        assert.ok(!res.text.includes(SECRET));
      });
    }

    const badBodies: Array<[string, string, string, number, string]> = [
      ['non-JSON text', 'application/json', '{"name": ', 400, 'ValidationError'],
      ['a form body', 'application/x-www-form-urlencoded', 'name=bob', 415, 'UnsupportedMediaType'],
      ['an oversized body', 'application/json', JSON.stringify({ name: 'bob', secretKey: SECRET, pad: 'x'.repeat(20_000) }), 413, 'PayloadTooLarge'],
    ];
    for (const [name, type, body, status, code] of badBodies) {
      it(`refuses ${name} with ${status} ${code}`, async () => {
        const { deps, app, auth } = setup();
        const before = await snapshot(deps);
        const res = await request(app).post('/admin/v1/users').set(auth).set('Content-Type', type).send(body);
        assert.equal(res.status, status);
        assert.equal(res.body.error.code, code);
        assert.ok(!/at .*\.(ts|js):\d+/.test(res.text), 'stack trace leaked');
        assert.equal(await snapshot(deps), before);
      });
    }

    it('pages through users with limit and cursor', async () => {
      const { app, auth } = setup();
      const names = ['user01', 'user02', 'user03', 'user04', 'user05'];
      for (const name of names) await request(app).post('/admin/v1/users').set(auth).send({ name, secretKey: SECRET }).expect(201);
      const seen: string[] = [];
      let cursor: string | undefined;
      do {
        const res = await request(app).get('/admin/v1/users').query({ limit: 2, ...(cursor ? { cursor } : {}) }).set(auth).expect(200);
        assert.ok(res.body.users.length <= 2);
        seen.push(...res.body.users.map((u: { name: string }) => u.name));
        cursor = res.body.next;
      } while (cursor);
      assert.deepEqual(seen.sort(), names);
      assert.equal((await request(app).get('/admin/v1/users?limit=0').set(auth)).status, 400);
    });
  });

  describe('policies', () => {
    it('lists the pre-defined policies and refuses to change or remove them', async () => {
      const { app, auth } = setup();
      const res = await request(app).get('/admin/v1/policies').set(auth).expect(200);
      const builtins = res.body.policies.filter((p: { builtin: boolean }) => p.builtin).map((p: { name: string }) => p.name);
      assert.deepEqual(builtins.sort(), ['readonly', 'readwrite', 'writeonly']);
      const readwrite = await request(app).get('/admin/v1/policies/readwrite').set(auth).expect(200);
      assert.deepEqual(readwrite.body.document, {
        Version: '2012-10-17',
        Statement: [{ Effect: 'Allow', Action: ['s3:*'], Resource: ['arn:aws:s3:::*'] }],
      });
      assert.equal((await request(app).put('/admin/v1/policies/readonly').set(auth).send(DOC)).body.error.code, 'PolicyImmutable');
      assert.equal((await request(app).delete('/admin/v1/policies/readonly').set(auth)).status, 409);
    });

    it('creates, replaces, shows and removes a custom policy', async () => {
      const { app, auth } = setup();
      const created = await request(app).put('/admin/v1/policies/getter').set(auth).send(DOC);
      assert.equal(created.status, 201);
      assert.deepEqual(created.body.document, DOC);
      assert.equal(created.body.builtin, false);
      const replaced = await request(app).put('/admin/v1/policies/getter').set(auth).send({ ...DOC, Statement: [{ ...DOC.Statement[0], Sid: 'Other' }] });
      assert.equal(replaced.status, 200);
      assert.equal(replaced.body.document.Statement[0].Sid, 'Other');
      assert.equal(replaced.body.createdAt, created.body.createdAt);
      assert.equal((await request(app).get('/admin/v1/policies/getter').set(auth)).body.document.Statement[0].Sid, 'Other');
      assert.equal((await request(app).delete('/admin/v1/policies/getter').set(auth)).status, 204);
      assert.equal((await request(app).get('/admin/v1/policies/getter').set(auth)).body.error.code, 'NoSuchPolicy');
    });

    const badDocs: Array<[string, unknown, string, Record<string, string>]> = [
      ['a Principal', { ...DOC, Statement: [{ ...DOC.Statement[0], Principal: '*' }] }, 'MalformedPolicyDocument', { statement: 'Get' }],
      ['a bad Effect', { ...DOC, Statement: [{ ...DOC.Statement[0], Effect: 'Maybe' }] }, 'MalformedPolicyDocument', { field: 'Effect' }],
      ['no Version', { Statement: DOC.Statement }, 'MalformedPolicyDocument', {}],
      ['a 3 KB document', { ...DOC, Statement: [{ ...DOC.Statement[0], Resource: Array.from({ length: 100 }, (_, i) => `arn:aws:s3:::bucket-${i}/*`) }] }, 'PolicyTooLarge', {}],
      ['a JSON array', [DOC], 'MalformedPolicyDocument', {}],
    ];
    for (const [name, document, code, details] of badDocs) {
      it(`refuses a document with ${name} (${code}) and changes nothing`, async () => {
        const { deps, app, auth } = setup();
        const before = await snapshot(deps);
        const res = await request(app).put('/admin/v1/policies/bad').set(auth).send(document as object);
        assert.equal(res.status, 400);
        assert.equal(res.body.error.code, code);
        for (const [key, value] of Object.entries(details)) assert.match(String(res.body.error[key]), new RegExp(value));
        assert.equal(await snapshot(deps), before);
      });
    }

    it('attaches and detaches, and refuses to remove an attached policy naming its users', async () => {
      const { app, auth } = setup();
      await request(app).put('/admin/v1/policies/getter').set(auth).send(DOC).expect(201);
      await request(app).post('/admin/v1/users').set(auth).send({ name: 'alice', secretKey: SECRET }).expect(201);
      await request(app).post('/admin/v1/users').set(auth).send({ name: 'bob.b', secretKey: SECRET, policy: 'getter' }).expect(201);
      const attached = await request(app).put('/admin/v1/users/alice/policy').set(auth).send({ policy: 'getter' });
      assert.equal(attached.status, 200);
      assert.equal(attached.body.policy, 'getter');
      const refused = await request(app).delete('/admin/v1/policies/getter').set(auth);
      assert.equal(refused.status, 409);
      assert.equal(refused.body.error.code, 'PolicyInUse');
      assert.deepEqual([...refused.body.error.users].sort(), ['alice', 'bob.b']);
      assert.deepEqual((await request(app).get('/admin/v1/policies/getter').set(auth)).body.users.sort(), ['alice', 'bob.b']);
      assert.equal((await request(app).delete('/admin/v1/users/alice/policy').set(auth)).body.policy, null);
      await request(app).delete('/admin/v1/users/bob.b').set(auth).expect(204);
      await request(app).delete('/admin/v1/policies/getter').set(auth).expect(204);
      assert.equal((await request(app).put('/admin/v1/users/alice/policy').set(auth).send({ policy: 'getter' })).body.error.code, 'NoSuchPolicy');
      assert.equal((await request(app).put('/admin/v1/users/nobody/policy').set(auth).send({ policy: 'readonly' })).body.error.code, 'NoSuchUser');
    });
  });

  describe('sessions', () => {
    it('lists and revokes sessions', async () => {
      const { deps, app, auth } = setup();
      await request(app).post('/admin/v1/users').set(auth).send({ name: 'alice', secretKey: SECRET, policy: 'readonly' }).expect(201);
      const user = await deps.store.getUser('alice');
      assert.ok(user);
      const now = deps.clock.now();
      for (const key of ['ASIAAAAAAAAAAAAAAAA1', 'ASIAAAAAAAAAAAAAAAA2']) {
        await deps.store.putSession({
          accessKeyId: key, user: 'alice', userId: user.id, sessionName: 's', roleArn: 'arn:aws:iam::000000000000:role/r',
          sessionPolicies: [], issuedAt: now, expiresAt: now + 900_000,
        });
      }
      const listed = await request(app).get('/admin/v1/sessions?user=alice').set(auth).expect(200);
      assert.deepEqual(listed.body.sessions.map((s: { accessKeyId: string }) => s.accessKeyId).sort(), ['ASIAAAAAAAAAAAAAAAA1', 'ASIAAAAAAAAAAAAAAAA2']);
      await request(app).delete('/admin/v1/sessions/ASIAAAAAAAAAAAAAAAA1').set(auth).expect(204);
      assert.equal((await request(app).delete('/admin/v1/sessions/ASIAAAAAAAAAAAAAAAA1').set(auth)).body.error.code, 'NoSuchSession');
      assert.equal((await request(app).delete('/admin/v1/sessions/not-a-key').set(auth)).status, 400);
      assert.deepEqual((await request(app).delete('/admin/v1/users/alice/sessions').set(auth)).body, { revoked: 1 });
      assert.deepEqual((await request(app).get('/admin/v1/sessions').set(auth)).body.sessions, []);
    });
  });

  it('answers unknown paths with a JSON 404', async () => {
    const { app, auth } = setup();
    const res = await request(app).get('/admin/v1/nothing').set(auth);
    assert.equal(res.status, 404);
    assert.equal(res.body.error.code, 'NotFound');
  });
});
