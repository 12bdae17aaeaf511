import assert from 'node:assert/strict';
import { roleOwner } from '../../../src/store/records.js';
import type { OidcProviderRecord, RoleRecord } from '../../../src/store/types.js';
import { collect, createUsers, policyRecord, sessionRecord, type FixtureRef } from './fixtures.js';

const TRUST = JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { Federated: 'idp.example' }, Action: 'sts:AssumeRoleWithWebIdentity' }] });

function roleRecord(name: string, overrides: Partial<RoleRecord> = {}): RoleRecord {
  return { name, id: `AROA${name.toUpperCase().padEnd(17, 'X').slice(0, 17)}`, trustPolicy: TRUST, maxSessionDuration: 3600, createdAt: '2024-01-02T03:04:05.000Z', ...overrides };
}

function providerRecord(key: string, audiences: string[] = ['sts.example']): OidcProviderRecord {
  return { key, issuer: `https://${key}`, audiences, createdAt: '2024-01-02T03:04:05.000Z' };
}

export function roleCases(ref: FixtureRef): void {
  describe('roles', () => {
    it('creates and reads back a role with every field, refusing a duplicate', async () => {
      const role = roleRecord('deploy', { policy: 'readonly', posixUid: 1000, posixGid: 0, maxSessionDuration: 43200 });
      assert.deepEqual(await ref.fixture.store.createRole(role), { ok: true });
      assert.deepEqual(await ref.fixture.store.getRole('deploy'), role);
      assert.deepEqual(await ref.fixture.store.createRole(roleRecord('deploy')), { ok: false, reason: 'exists' });
      assert.equal(await ref.fixture.store.getRole('nobody'), undefined);
    });

    it('refuses a role whose policy does not exist, creating nothing', async () => {
      assert.deepEqual(await ref.fixture.store.createRole(roleRecord('deploy', { policy: 'missing' })), { ok: false, reason: 'no-such-policy' });
      assert.equal(await ref.fixture.store.getRole('deploy'), undefined);
    });

    it('lists roles by name across pages', async () => {
      for (const name of ['c-role', 'a-role', 'b-role']) await ref.fixture.store.createRole(roleRecord(name));
      const names = (await collect((cursor) => ref.fixture.store.listRoles({ limit: 2, ...(cursor ? { cursor } : {}) }))).items.map((role) => role.name);
      assert.deepEqual(names, ['a-role', 'b-role', 'c-role']);
    });

    it('attaches, replaces and detaches the permission policy; an attached policy cannot be removed', async () => {
      await ref.fixture.store.putPolicy(policyRecord('custom'));
      await ref.fixture.store.createRole(roleRecord('deploy'));
      assert.deepEqual(await ref.fixture.store.setRolePolicy('deploy', 'custom'), { ok: true });
      assert.deepEqual(await ref.fixture.store.policyUsers('custom'), [roleOwner('deploy')]);
      assert.deepEqual(await ref.fixture.store.deletePolicy('custom'), { ok: false, reason: 'in-use', users: [roleOwner('deploy')] });
      assert.deepEqual(await ref.fixture.store.setRolePolicy('deploy', 'readonly'), { ok: true });
      assert.deepEqual(await ref.fixture.store.policyUsers('custom'), []);
      assert.deepEqual(await ref.fixture.store.setRolePolicy('deploy', undefined), { ok: true });
      assert.equal((await ref.fixture.store.getRole('deploy'))?.policy, undefined);
      assert.deepEqual(await ref.fixture.store.setRolePolicy('nobody', 'readonly'), { ok: false, reason: 'no-such-role' });
      assert.deepEqual(await ref.fixture.store.setRolePolicy('deploy', 'missing'), { ok: false, reason: 'no-such-policy' });
    });

    it('replaces the trust policy of an existing role only', async () => {
      await ref.fixture.store.createRole(roleRecord('deploy'));
      assert.equal(await ref.fixture.store.setRoleTrustPolicy('deploy', '{"Version":"2012-10-17","Statement":[]}'), true);
      assert.equal((await ref.fixture.store.getRole('deploy'))?.trustPolicy, '{"Version":"2012-10-17","Statement":[]}');
      assert.equal(await ref.fixture.store.setRoleTrustPolicy('nobody', TRUST), false);
      assert.equal(await ref.fixture.store.getRole('nobody'), undefined);
    });

    it('keeps role sessions under role:<name>, with their web identity, listed beside users\' and removed with the role', async () => {
      const store = ref.fixture.store;
      const [alice] = await createUsers(store, ['alice']);
      const role = roleRecord('deploy', { policy: 'readonly' });
      await store.createRole(role);
      const owner = { name: roleOwner('deploy'), id: role.id } as Parameters<typeof sessionRecord>[0];
      const webIdentity = { providerKey: 'idp.example', issuer: 'https://idp.example', subject: 'ci', audience: 'sts.example', claims: { sub: 'ci', groups: ['a', 'b'] } };
      const session = sessionRecord(owner, ref.fixture.clock.now() + 3_600_000, { webIdentity });
      await store.putSession(session);
      await store.putSession(sessionRecord(alice!, ref.fixture.clock.now() + 3_600_000));
      assert.deepEqual(await store.getSession(session.accessKeyId), session);
      assert.deepEqual((await store.listSessions(roleOwner('deploy'))).items.map((item) => item.accessKeyId), [session.accessKeyId]);
      const all = await collect((cursor) => store.listSessions(undefined, cursor ? { cursor } : {}));
      assert.deepEqual(all.items.map((item) => item.user), ['alice', roleOwner('deploy')]);
      assert.equal(await store.deleteRole('deploy'), true);
      assert.equal(await store.getSession(session.accessKeyId), undefined);
      assert.equal(await store.getRole('deploy'), undefined);
      assert.deepEqual(await store.policyUsers('readonly'), []);
      assert.equal(await store.deleteRole('deploy'), false);
    });
  });

  describe('OIDC providers', () => {
    it('creates, reads, lists and removes providers, refusing a duplicate key', async () => {
      const store = ref.fixture.store;
      const idp = providerRecord('idp.example/tenant', ['a', 'b']);
      assert.deepEqual(await store.createOidcProvider(idp), { ok: true });
      assert.deepEqual(await store.createOidcProvider(providerRecord('idp.example/tenant', ['c'])), { ok: false, reason: 'exists' });
      assert.deepEqual(await store.getOidcProvider('idp.example/tenant'), idp);
      await store.createOidcProvider(providerRecord('127.0.0.1:8443'));
      await store.createOidcProvider(providerRecord('accounts.example'));
      const keys = (await collect((cursor) => store.listOidcProviders({ limit: 2, ...(cursor ? { cursor } : {}) }))).items.map((p) => p.key);
      assert.deepEqual(keys, ['127.0.0.1:8443', 'accounts.example', 'idp.example/tenant']);
      assert.equal(await store.deleteOidcProvider('idp.example/tenant'), true);
      assert.equal(await store.getOidcProvider('idp.example/tenant'), undefined);
      assert.equal(await store.deleteOidcProvider('idp.example/tenant'), false);
    });
  });
}
