import assert from 'node:assert/strict';
import { BUILTIN_POLICIES } from '../../src/policy/index.js';
import { issueSession } from '../../src/sts/issueSession.js';
import { startLiveServer, type LiveServer } from '../helpers/liveServer.js';
import { assertMatchesSchema } from '../openapi/schemaCheck.js';
import { MEMORY_KINDS } from './support/stores.js';
import {
  adminOk, assumeRole, createUser, getSessionToken, policyDoc, putPolicy, sidecarCall, stsCall, type Credentials,
  signedUserRequest,
} from './support/world.js';

const SECRET = 'Sup3r-Secret-Key!';
const BUCKET_A = policyDoc({ sid: 'OnlyA', action: 's3:*', resource: ['arn:aws:s3:::a', 'arn:aws:s3:::a/*'] });
const GET_ONLY = policyDoc({ action: 's3:GetObject', resource: 'arn:aws:s3:::*' });

async function verify(server: LiveServer, body: unknown) {
  const res = await sidecarCall(server, '/v1/verify', body);
  assertMatchesSchema('POST', '/v1/verify', res.status, res.body);
  return res;
}

function sessionBody(creds: Credentials) {
  return { accessKeyId: creds.accessKeyId, sessionToken: creds.sessionToken };
}

for (const kind of MEMORY_KINDS) {
  describe(`POST /v1/verify on a ${kind.name}`, () => {
    let server: LiveServer;
    let alice: Credentials;

    beforeEach(async () => {
      server = await startLiveServer({ store: kind.create() });
      alice = await createUser(server, 'alice', SECRET, { policy: 'readwrite', posixUid: 1001, posixGid: 100 });
      await putPolicy(server, 'bucket-a', BUCKET_A);
    });
    afterEach(() => server.close());

    describe('principals', () => {
      const aliceUser = { user: 'alice', posixUid: 1001, posixGid: 100 };
      const userPolicy = { source: 'user', name: 'readwrite', document: BUILTIN_POLICIES.readwrite };
      const cases: Array<[string, (s: LiveServer) => Promise<Credentials>, Record<string, unknown>, unknown[]]> = [
        [
          'an AssumeRole session',
          (s) => assumeRole(s, alice, { sessionName: 'job-1' }),
          { ...aliceUser, sessionName: 'job-1', arn: 'arn:aws:sts::000000000000:assumed-role/app/job-1' },
          [userPolicy],
        ],
        [
          'an AssumeRole session with a MinIO-style dummy RoleArn',
          (s) => stsAssumeDummy(s, alice),
          { ...aliceUser, sessionName: 'minio', arn: 'arn:aws:sts::000000000000:assumed-role/s3-sts/minio' },
          [userPolicy],
        ],
        [
          'a GetSessionToken session',
          (s) => getSessionToken(s, alice),
          { ...aliceUser, sessionName: null, arn: 'arn:aws:iam::000000000000:user/alice' },
          [userPolicy],
        ],
        [
          'a session with an inline policy and PolicyArns',
          (s) => assumeRole(s, alice, { sessionName: 'scoped', policy: GET_ONLY, policyArns: ['bucket-a'] }),
          { ...aliceUser, sessionName: 'scoped', arn: 'arn:aws:sts::000000000000:assumed-role/app/scoped' },
          [userPolicy, { source: 'session', document: GET_ONLY }, { source: 'session', document: BUCKET_A }],
        ],
        [
          'a chained session (AssumeRole with temporary keys)',
          async (s) => {
            const first = await assumeRole(s, alice, { sessionName: 'first', policy: GET_ONLY });
            return assumeRole(s, first, { role: 'chained', sessionName: 'second', policyArns: ['bucket-a'] });
          },
          { ...aliceUser, sessionName: 'second', arn: 'arn:aws:sts::000000000000:assumed-role/chained/second' },
          [userPolicy, { source: 'session', document: GET_ONLY }, { source: 'session', document: BUCKET_A }],
        ],
      ];
      for (const [name, make, principal, policies] of cases) {
        it(`resolves ${name}`, async () => {
          const creds = await make(server);
          const res = await verify(server, sessionBody(creds));
          assert.equal(res.status, 200, JSON.stringify(res.body));
          assert.deepEqual(res.body.principal, { ...principal, accessKeyId: creds.accessKeyId });
          assert.equal(Date.parse(res.body.expiration), Date.parse(creds.expiration ?? ''));
          assert.deepEqual(res.body.policies, policies);
          assert.equal(res.body.combine, 'all-must-allow');
          // Twice: the second answer may come from a cache and must be the same.
          assert.deepEqual((await verify(server, sessionBody(creds))).body, res.body);
        });
      }

      it('resolves a permanent key with a signed request: user ARN, no session, no expiration', async () => {
        const res = await verify(server, signedUserRequest(server, alice));
        assert.equal(res.status, 200, JSON.stringify(res.body));
        assert.deepEqual(res.body.principal, {
          user: 'alice', accessKeyId: 'alice', sessionName: null, arn: 'arn:aws:iam::000000000000:user/alice', posixUid: 1001, posixGid: 100,
        });
        assert.equal(res.body.expiration, null);
        assert.deepEqual(res.body.policies, [userPolicy]);
      });

      it('gives a user without a policy a valid principal and no policies', async () => {
        const bob = await createUser(server, 'bob.nopolicy', SECRET);
        const res = await verify(server, signedUserRequest(server, bob));
        assert.equal(res.status, 200);
        assert.deepEqual(res.body.policies, []);
        assert.deepEqual({ posixUid: res.body.principal.posixUid, posixGid: res.body.principal.posixGid }, { posixUid: null, posixGid: null });
      });
    });

    describe('refusals: 401 {valid: false, reason}', () => {
      const cases: Array<[string, (s: LiveServer) => Promise<unknown>, string]> = [
        ['a temporary key without its token', async (s) => ({ accessKeyId: (await assumeRole(s, alice, { sessionName: 'x1' })).accessKeyId }), 'malformed'],
        ['a token that is not a JWT', async (s) => ({ accessKeyId: (await assumeRole(s, alice, { sessionName: 'x1' })).accessKeyId, sessionToken: 'not-a-token' }), 'malformed'],
        ['a token with a forged signature', async (s) => {
          const creds = await assumeRole(s, alice, { sessionName: 'x1' });
          return { ...sessionBody(creds), sessionToken: forgeSignature(creds.sessionToken ?? '') };
        }, 'bad-signature'],
        ['the token of another session', async (s) => {
          const one = await assumeRole(s, alice, { sessionName: 'one' });
          const two = await assumeRole(s, alice, { sessionName: 'two' });
          return { accessKeyId: one.accessKeyId, sessionToken: two.sessionToken };
        }, 'malformed'],
        ['a session token with a permanent key', async (s) => ({ accessKeyId: 'alice', sessionToken: (await assumeRole(s, alice, { sessionName: 'x1' })).sessionToken }), 'malformed'],
        ['a permanent key without a signed request', async () => ({ accessKeyId: 'alice' }), 'malformed'],
        ['an unknown permanent key with a signed request', async (s) => signedUserRequest(s, { accessKeyId: 'nobody', secretAccessKey: SECRET }), 'unknown-key'],
        ['a revoked session', async (s) => {
          const creds = await assumeRole(s, alice, { sessionName: 'x1' });
          await verify(s, sessionBody(creds));
          await adminOk(s, 'DELETE', `/admin/v1/sessions/${creds.accessKeyId}`);
          return sessionBody(creds);
        }, 'revoked'],
        ['a session revoked with all of its user\'s sessions', async (s) => {
          const creds = await assumeRole(s, alice, { sessionName: 'x1' });
          await verify(s, sessionBody(creds));
          await adminOk(s, 'DELETE', '/admin/v1/users/alice/sessions');
          return sessionBody(creds);
        }, 'revoked'],
        ['an expired session', async (s) => {
          const creds = await assumeRole(s, alice, { sessionName: 'x1', durationSeconds: 900 });
          await verify(s, sessionBody(creds));
          s.clock.advance(901_000);
          return sessionBody(creds);
        }, 'expired'],
        ['a session whose user was removed', async (s) => {
          const creds = await assumeRole(s, alice, { sessionName: 'x1' });
          await verify(s, sessionBody(creds));
          await adminOk(s, 'DELETE', '/admin/v1/users/alice');
          return sessionBody(creds);
        }, 'user-removed'],
        ['a session whose user was removed and re-created', async (s) => {
          const creds = await assumeRole(s, alice, { sessionName: 'x1' });
          await verify(s, sessionBody(creds));
          await adminOk(s, 'DELETE', '/admin/v1/users/alice');
          await createUser(s, 'alice', SECRET, { policy: 'readwrite' });
          return sessionBody(creds);
        }, 'user-removed'],
        ['a live session record of a user that is gone', async (s) => {
          const ghost = { name: 'ghost', id: 'AIDAGHOSTGHOSTGHOST12', sealedSecret: 'v1.x.y.z', policy: 'readwrite', createdAt: new Date().toISOString() };
          const now = s.clock.now();
          const creds = await issueSession(s.deps, { user: ghost, sessionName: 'g', roleArn: 'arn:aws:iam::000000000000:role/g', sessionPolicies: [], issuedAt: now, expiresAt: now + 3_600_000 });
          return sessionBody(creds);
        }, 'user-removed'],
      ];
      for (const [name, make, reason] of cases) {
        it(`refuses ${name} as ${reason}`, async () => {
          const body = await make(server);
          const res = await verify(server, body);
          assert.equal(res.status, 401, JSON.stringify(res.body));
          assert.equal(res.body.valid, false);
          assert.equal(res.body.reason, reason, res.body.message);
          assert.equal(typeof res.body.message, 'string');
          const denial = server.deps.logs.records().find((line) => line.audit === 'credential-denied');
          assert.equal(denial?.reason, reason);
        });
      }
    });

    it('never logs a session token or a secret', async () => {
      const creds = await assumeRole(server, alice, { sessionName: 'x1' });
      await verify(server, sessionBody(creds));
      await verify(server, { ...sessionBody(creds), sessionToken: forgeSignature(creds.sessionToken ?? '') });
      await adminOk(server, 'DELETE', `/admin/v1/sessions/${creds.accessKeyId}`);
      await verify(server, sessionBody(creds));
      const logs = server.deps.logs.text();
      const token = creds.sessionToken ?? '';
      assert.ok(logs.includes('credential-denied'));
      assert.ok(!logs.includes(token.slice(0, 40)), 'a session token prefix was logged');
      assert.ok(!logs.includes(creds.secretAccessKey) && !logs.includes(SECRET), 'a secret was logged');
    });
  });
}

function forgeSignature(token: string): string {
  const [header, payload, signature = ''] = token.split('.');
  return `${header}.${payload}.${signature.startsWith('A') ? 'B' : 'A'}${signature.slice(1)}`;
}

function stsAssumeDummy(server: LiveServer, creds: Credentials): Promise<Credentials> {
  return stsCall(server, creds, { Action: 'AssumeRole', RoleArn: 'arn:xxx:xxx:xxx:xxxx', RoleSessionName: 'minio' });
}
