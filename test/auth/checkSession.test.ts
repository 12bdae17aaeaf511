import assert from 'node:assert/strict';
import { createUser, removeUser } from '../../src/admin/users.js';
import { checkSessionState, MAX_CHAIN_DEPTH, type SessionState } from '../../src/auth/checkSession.js';
import { CredentialError } from '../../src/auth/credentialError.js';
import { resolveCredential } from '../../src/auth/resolveCredential.js';
import { PolicyCache } from '../../src/policy/index.js';
import { PrincipalResolver } from '../../src/sidecar/principalResolver.js';
import { TokenCache } from '../../src/sidecar/tokenCache.js';
import type { SessionRecord, UserRecord } from '../../src/store/types.js';
import { issueSession, type IssuedCredentials } from '../../src/sts/issueSession.js';
import { makeTestDeps, type TestDeps } from '../helpers/testDeps.js';

const NOW = Date.UTC(2026, 0, 1);
const HOUR = 3_600_000;
const USER: UserRecord = { name: 'alice', id: 'AIDAAAAAAAAAAAAAAAAAA', sealedSecret: 'x', createdAt: '2026-01-01T00:00:00.000Z' };
const SESSION: SessionRecord = {
  accessKeyId: 'ASIAAAAAAAAAAAAAAAAA',
  user: 'alice',
  userId: USER.id,
  sessionName: 's',
  roleArn: '',
  sessionPolicies: [],
  issuedAt: NOW - HOUR,
  expiresAt: NOW + HOUR,
};
const CLAIMS = { akid: SESSION.accessKeyId, sub: 'alice', uid: USER.id, sn: 's', iat: (NOW - HOUR) / 1000, exp: (NOW + HOUR) / 1000 };
const LIVE: SessionState = { accessKeyId: SESSION.accessKeyId, claims: CLAIMS, session: SESSION, user: USER, ancestors: [], now: NOW, keyKnown: (keyId) => keyId === 'current' };

describe('checkSessionState', () => {
  const cases: Array<[string, Partial<SessionState>, string | undefined]> = [
    ['a live session', {}, undefined],
    ['a token for another key', { accessKeyId: 'ASIABBBBBBBBBBBBBBBB' }, 'malformed'],
    ['no record, token expired', { session: undefined, claims: { ...CLAIMS, exp: NOW / 1000 } }, 'expired'],
    ['an expired record', { session: { ...SESSION, expiresAt: NOW } }, 'expired'],
    ['no record, user live', { session: undefined }, 'revoked'],
    ['no record, user gone', { session: undefined, user: undefined }, 'user-removed'],
    ['no record, user re-created', { session: undefined, user: { ...USER, id: 'AIDABBBBBBBBBBBBBBBBB' } }, 'user-removed'],
    ['user gone', { user: undefined }, 'user-removed'],
    ['user re-created', { user: { ...USER, id: 'AIDABBBBBBBBBBBBBBBBB' } }, 'user-removed'],
    ['a live parent', { ancestors: [SESSION] }, undefined],
    ['a revoked parent', { ancestors: [SESSION, undefined] }, 'revoked'],
    ['an expired parent', { ancestors: [{ ...SESSION, expiresAt: NOW }] }, 'revoked'],
    ['a parent signed under a configured key', { ancestors: [{ ...SESSION, keyId: 'current' }] }, undefined],
    ['a parent signed under a master key no longer configured', { ancestors: [{ ...SESSION, keyId: 'dropped' }] }, 'revoked'],
    ['a chain too long', { ancestors: Array.from({ length: MAX_CHAIN_DEPTH + 1 }, () => SESSION) }, 'revoked'],
  ];
  for (const [name, change, want] of cases) {
    it(`${name}: ${want ?? 'live'}`, () => {
      const result = checkSessionState({ ...LIVE, ...change });
      assert.equal(result instanceof CredentialError ? result.reason : undefined, want);
    });
  }
});

/** The same store state, judged by the Query API's resolver and by the sidecar's. */
describe('the STS and sidecar surfaces give the same reason for the same state', () => {
  interface World {
    readonly deps: TestDeps;
    readonly session: IssuedCredentials;
    readonly child: IssuedCredentials;
  }

  async function world(): Promise<World> {
    const deps = makeTestDeps({ now: NOW });
    await createUser(deps, { name: 'alice', secretKey: 'Sup3r-Secret-Key!', policy: 'readwrite' });
    const user = (await deps.store.getUser('alice')) as UserRecord;
    const request = { user, sessionName: 's', roleArn: '', sessionPolicies: [], issuedAt: NOW, expiresAt: NOW + HOUR };
    const session = await issueSession(deps, request);
    const child = await issueSession(deps, { ...request, parentAccessKeyId: session.accessKeyId, expiresAt: NOW + HOUR / 2 });
    return { deps, session, child };
  }

  const states: Array<[string, (w: World) => Promise<[string, string | undefined]>, string]> = [
    ['expired', async (w) => (w.deps.clock.advance(HOUR), [w.session.accessKeyId, w.session.sessionToken]), 'expired'],
    ['revoked', async (w) => (await w.deps.store.deleteSession(w.session.accessKeyId), [w.session.accessKeyId, w.session.sessionToken]), 'revoked'],
    ['user removed', async (w) => (await removeUser(w.deps, 'alice'), [w.session.accessKeyId, w.session.sessionToken]), 'user-removed'],
    ['parent revoked', async (w) => (await w.deps.store.deleteSession(w.session.accessKeyId), [w.child.accessKeyId, w.child.sessionToken]), 'revoked'],
    ['token of another key', async (w) => [w.child.accessKeyId, w.session.sessionToken], 'malformed'],
    ['unknown key', async () => ['nobody', undefined], 'unknown-key'],
  ];

  for (const [name, arrange, want] of states) {
    it(`${name}: ${want}`, async () => {
      const w = await world();
      const [accessKeyId, token] = await arrange(w);
      const now = w.deps.clock.now();
      const sts = await refusal(resolveCredential(w.deps, accessKeyId, token, now));
      const resolver = new PrincipalResolver(w.deps, new TokenCache(w.deps.keys, 16), new PolicyCache({ maxEntries: 16 }), { maxEntries: 16, maxAgeMs: 1000 });
      const sidecar = await refusal(token === undefined ? resolver.user(accessKeyId, now) : resolver.session(accessKeyId, token, now));
      assert.deepEqual(sts, sidecar);
      assert.equal(sts.reason, want);
    });
  }
});

async function refusal(pending: Promise<unknown>): Promise<{ reason: string; message: string }> {
  try {
    await pending;
  } catch (err) {
    if (err instanceof CredentialError) return { reason: err.reason, message: err.message };
    throw err;
  }
  assert.fail('the credential was accepted');
}
