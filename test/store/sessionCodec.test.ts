/** Sessions as the Redis store writes them: compact, complete, and still read in the earlier form. */
import assert from 'node:assert/strict';
import { sessionFromJson, sessionToJson } from '../../src/store/redis/codec.js';
import type { SessionRecord } from '../../src/store/types.js';

const base: SessionRecord = {
  accessKeyId: 'ASIAABCDEFGHIJKLMNOP',
  user: 'alice',
  userId: 'AIDAALICEALICEALICE12',
  sessionName: 'job-1',
  roleArn: 'arn:aws:iam::000000000000:role/app',
  sessionPolicies: ['{"Version":"2012-10-17","Statement":[]}'],
  issuedAt: 1_764_640_000_000,
  expiresAt: 1_764_643_600_000,
};
const chained: SessionRecord = { ...base, parentAccessKeyId: 'ASIAPARENTPARENTPARE' };
const federated: SessionRecord = {
  ...base,
  user: 'role:ci',
  webIdentity: { providerKey: 'idp.example.com', issuer: 'https://idp.example.com', subject: 'repo:x', audience: 'sts', claims: { sub: 'repo:x', groups: ['a', 'b'] } },
};

describe('store/redis session codec', () => {
  const signed: SessionRecord = { ...base, keyId: 'kid-of-master-key' };
  for (const [name, record] of [['a plain session', base], ['a chained session', chained], ['a web identity session', federated], ['a session with its key id', signed], ['a session whose role ARN is not an IAM one', { ...base, roleArn: 'arn:minio:iam:::role/dummy' }], ['a GetSessionToken session', { ...base, roleArn: '', sessionName: '' }], ['a chained web identity session with its key id', { ...federated, ...chained, webIdentity: federated.webIdentity, keyId: 'k' }]] as const) {
    it(`round-trips ${name}`, () => {
      const stored = sessionToJson(record);
      assert.deepEqual(sessionFromJson(stored, record.accessKeyId), record);
      assert.ok(!stored.includes(record.accessKeyId), 'the access key id is the key, not part of the value');
    });
  }

  it('stores a plain session in well under half the bytes of the object form', () => {
    const compact = Buffer.byteLength(sessionToJson({ ...base, sessionPolicies: [] }));
    const objectForm = Buffer.byteLength(JSON.stringify({ ...base, sessionPolicies: [] }));
    assert.ok(compact * 1.6 < objectForm, `${compact} vs ${objectForm}`);
  });

  it('reads a session written in the earlier object form, so live sessions survive an upgrade', () => {
    assert.deepEqual(sessionFromJson(JSON.stringify(chained), chained.accessKeyId), chained);
  });

  it('refuses a value in an unknown format', () => {
    assert.equal(sessionFromJson('[9,"x"]', base.accessKeyId), undefined);
    assert.equal(sessionFromJson('[2,"x"]', base.accessKeyId), undefined);
  });
});
