import assert from 'node:assert/strict';
import type { Caller } from '../../src/auth/caller.js';
import { bearerCheck } from '../../src/http/bearerCheck.js';
import { LruMap } from '../../src/sidecar/lruMap.js';
import { sameSource, type PrincipalSource } from '../../src/sidecar/principalSource.js';
import { evaluationContext, isServiceKey, principalContext, SERVICE_KEYS, TimeContext } from '../../src/sidecar/serviceContext.js';
import { sessionRecord, userRecord } from '../store/contract/fixtures.js';

describe('sidecar pieces', () => {
  describe('bearerCheck', () => {
    const check = bearerCheck('the-verify-token-0123');
    const cases: Array<[string, string | undefined, boolean]> = [
      ['the token', 'Bearer the-verify-token-0123', true],
      ['no header', undefined, false],
      ['another token of the same length', 'Bearer the-verify-token-0124', false],
      ['a prefix of the token', 'Bearer the-verify', false],
      ['the token with a suffix', 'Bearer the-verify-token-0123x', false],
      ['another scheme', 'Basic the-verify-token-0123', false],
      ['lower-case scheme', 'bearer the-verify-token-0123', false],
      ['an empty bearer', 'Bearer ', false],
    ];
    for (const [name, header, want] of cases) it(`${name} -> ${want}`, () => assert.equal(check(header), want));
  });

  describe('LruMap', () => {
    it('drops the least recently used entry when full', () => {
      const lru = new LruMap<string, number>(4);
      for (const key of ['a', 'b', 'c', 'd']) lru.set(key, 1);
      lru.get('a');
      lru.set('e', 1);
      assert.equal(lru.get('b'), undefined, 'b was the least recently used');
      assert.equal(lru.get('a'), 1);
      assert.equal(lru.size, 4);
    });

    it('refuses a non-positive size', () => {
      assert.throws(() => new LruMap(0), RangeError);
    });
  });

  describe('service context keys', () => {
    const user = userRecord('alice', { id: 'AIDAALICEALICEALICE12' });
    const now = Date.UTC(2025, 0, 2, 3, 4, 5);
    const role: Caller = { kind: 'session', accessKeyId: 'ASIAROLE', user, session: sessionRecord(user, now + 1000, { sessionName: 'job', roleArn: 'arn:aws:iam::000000000000:role/app', issuedAt: now - 1000 }) };
    const plain: Caller = { kind: 'session', accessKeyId: 'ASIAPLAIN', user, session: sessionRecord(user, now + 1000, { sessionName: '', roleArn: '', issuedAt: now - 1000 }) };
    const permanent: Caller = { kind: 'user', accessKeyId: 'alice', user };
    const cases: Array<[string, Caller, Record<string, string | undefined>]> = [
      ['a role session', role, {
        'aws:username': 'alice', 'aws:userid': 'AIDAALICEALICEALICE12:job', 'aws:PrincipalArn': 'arn:aws:iam::000000000000:role/app',
        'aws:PrincipalType': 'AssumedRole', 'aws:PrincipalAccount': '000000000000', 'aws:TokenIssueTime': '2025-01-02T03:04:04.000Z',
      }],
      ['a GetSessionToken session', plain, {
        'aws:username': 'alice', 'aws:userid': 'AIDAALICEALICEALICE12', 'aws:PrincipalArn': 'arn:aws:iam::000000000000:user/alice',
        'aws:PrincipalType': 'User', 'aws:PrincipalAccount': '000000000000', 'aws:TokenIssueTime': '2025-01-02T03:04:04.000Z',
      }],
      ['a permanent key', permanent, {
        'aws:username': 'alice', 'aws:userid': 'AIDAALICEALICEALICE12', 'aws:PrincipalArn': 'arn:aws:iam::000000000000:user/alice',
        'aws:PrincipalType': 'User', 'aws:PrincipalAccount': '000000000000',
      }],
    ];
    for (const [name, caller, want] of cases) {
      it(`for ${name}`, () => assert.deepEqual({ ...principalContext(caller, '000000000000') }, want));
    }

    it('the service keys win over the frontend\'s and the time is the service clock', () => {
      const context = evaluationContext({ 'aws:SourceIp': '10.0.0.1', 'aws:username': 'mallory' }, principalContext(permanent, '000000000000'), new TimeContext().at(now));
      assert.equal(context['aws:username'], 'alice');
      assert.equal(context['aws:SourceIp'], '10.0.0.1');
      assert.equal(context['aws:CurrentTime'], '2025-01-02T03:04:05.000Z');
      assert.equal(context['aws:EpochTime'], String(now / 1000));
    });

    it('recognises every service key in any spelling, and nothing else', () => {
      for (const key of SERVICE_KEYS) {
        assert.ok(isServiceKey(key) && isServiceKey(key.toUpperCase()) && isServiceKey(key.toLowerCase()), key);
      }
      for (const key of ['aws:SourceIp', 's3:prefix', 'aws:SecureTransport', 'aws:usernames']) assert.equal(isServiceKey(key), false, key);
    });
  });

  describe('sameSource', () => {
    const user = userRecord('alice', { policy: 'p' });
    const session = sessionRecord(user, 2_000_000, { sessionPolicies: ['{"a":1}'] });
    const policies = [{ source: 'user' as const, name: 'p', document: '{"Version":"2012-10-17"}' }];
    const base: PrincipalSource = { kind: 'session', accessKeyId: session.accessKeyId, user, session, policies };
    const cases: Array<[string, PrincipalSource, boolean]> = [
      ['the same records', base, true],
      ['equal copies (as Redis returns them)', { ...base, user: { ...user }, session: { ...session, sessionPolicies: [...session.sessionPolicies] }, policies: policies.map((p) => ({ ...p })) }, true],
      ['a re-created user', { ...base, user: { ...user, id: 'AIDANEWNEWNEWNEWNEW12' } }, false],
      ['another attached policy', { ...base, user: { ...user, policy: 'q' } }, false],
      ['a changed policy document', { ...base, policies: [{ ...policies[0]!, document: '{"Version":"2008-10-17"}' }] }, false],
      ['a detached policy', { ...base, policies: [] }, false],
      ['another posix uid', { ...base, user: { ...user, posixUid: 7 } }, false],
      ['another session expiry', { ...base, session: { ...session, expiresAt: 3_000_000 } }, false],
      ['another session policy', { ...base, session: { ...session, sessionPolicies: ['{"a":2}'] } }, false],
      ['a permanent key of the same user', { kind: 'user', accessKeyId: session.accessKeyId, user, policies }, false],
    ];
    for (const [name, other, want] of cases) it(`${name} -> ${want}`, () => assert.equal(sameSource(base, other), want));
  });
});
