/**
 * Backup and restore (issue 10.2): a backup taken from a memory-store service with
 * `s3-sts backup`, written to a file and restored with `s3-sts restore` into a Redis-store
 * service; users sign in there with their old secrets; a second restore changes nothing; a
 * backup sealed under a master key the service does not hold is refused.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { deriveKeyRing } from '../../src/crypto/keyRing.js';
import { sealedKeyId } from '../../src/crypto/secretBox.js';
import { BUILTIN_POLICY_NAMES } from '../../src/policies/index.js';
import { createStore } from '../../src/store/index.js';
import type { Store } from '../../src/store/types.js';
import { OffsetClock, type LiveServer } from '../helpers/liveServer.js';
import { startRedisServer, type RedisServer } from '../helpers/redisServer.js';
import { runCli } from '../cli/runCli.js';
import { assumeRole, createUser, putPolicy, policyDoc, type Credentials } from '../sidecar/support/world.js';
import { urlConfig } from '../store/redisConfig.js';
import { callerIdentity, newMasterKey, serviceWith, sidecarVerdict } from '../keyRotation/support.js';

const SECRETS = { alice: 'Sup3r-Secret-Key!', bob: 'An0ther-Secret!', carol: 'Th1rd-Secret!' } as const;

describe('backup and restore: memory -> file -> Redis', () => {
  let redis: RedisServer;
  let dir: string;
  let prefixes = 0;
  const servers: LiveServer[] = [];
  const keyK = newMasterKey();
  const clock = new OffsetClock();

  const redisService = async (current: string, previous: string[] = []): Promise<{ server: LiveServer; store: Store }> => {
    const store = createStore({ redis: urlConfig(redis.url), prefix: `restore${(prefixes += 1)}`, clock, builtinPolicies: BUILTIN_POLICY_NAMES });
    const server = await serviceWith(store, clock, current, previous);
    servers.push(server);
    return { server, store };
  };

  /** The memory-store source: a custom policy, three users (one per kind of attachment), its backup file. */
  const sourceBackup = async (): Promise<string> => {
    const source = await serviceWith(createStore({ prefix: 'x', clock, builtinPolicies: BUILTIN_POLICY_NAMES }), clock, keyK);
    servers.push(source);
    await putPolicy(source, 'getter', policyDoc({ action: 's3:GetObject', resource: 'arn:aws:s3:::data/*' }));
    await createUser(source, 'alice', SECRETS.alice, { policy: 'getter', posixUid: 1000, posixGid: 100 });
    await createUser(source, 'bob', SECRETS.bob, { policy: 'readonly' });
    await createUser(source, 'carol', SECRETS.carol);
    const file = join(dir, 'backup.json');
    const run = await runCli(source.url, ['backup', '--out', file]);
    assert.equal(run.code, 0, run.stderr);
    return file;
  };

  before(async () => {
    redis = await startRedisServer();
  });
  after(async () => {
    await redis?.stop();
  });
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 's3-sts-backup-'));
  });
  afterEach(async () => {
    await Promise.all(servers.splice(0).map((server) => server.close()));
    rmSync(dir, { recursive: true, force: true });
  });

  it('writes sealed secrets only, naming the key that sealed them', async () => {
    const text = readFileSync(await sourceBackup(), 'utf8');
    for (const secret of Object.values(SECRETS)) assert.ok(!text.includes(secret), 'no plain secret in a backup');
    const backup = JSON.parse(text);
    const keyId = deriveKeyRing(Buffer.from(keyK, 'base64')).keyId;
    assert.equal(backup.format, 's3-sts-backup');
    assert.equal(backup.version, 1);
    assert.deepEqual(backup.keyIds, [keyId]);
    assert.deepEqual(backup.users.map((u: { name: string }) => u.name), ['alice', 'bob', 'carol']);
    for (const user of backup.users) assert.equal(sealedKeyId(user.sealedSecret), keyId);
    assert.deepEqual(backup.policies.map((p: { name: string }) => p.name), ['getter'], 'custom policies only');
    assert.deepEqual(backup.attachments, [{ user: 'alice', policy: 'getter' }, { user: 'bob', policy: 'readonly' }]);
  });

  it('restores into Redis, where users sign in with their old secrets; twice is the same as once', async () => {
    const file = await sourceBackup();
    const { server, store } = await redisService(keyK);
    const first = await runCli(server.url, ['--json', 'restore', file]);
    assert.equal(first.code, 0, first.stderr);
    const report = JSON.parse(first.stdout);
    assert.deepEqual(report.created, { policy: 1, oidcProvider: 0, role: 0, user: 3, attachment: 2 });
    assert.deepEqual(report.conflicts, []);

    const alice: Credentials = { accessKeyId: 'alice', secretAccessKey: SECRETS.alice };
    assert.equal(await callerIdentity(server, alice), 'arn:aws:iam::000000000000:user/alice');
    assert.equal(await callerIdentity(server, { accessKeyId: 'carol', secretAccessKey: SECRETS.carol }), 'arn:aws:iam::000000000000:user/carol');
    const session = await assumeRole(server, alice, { sessionName: 'restored' });
    assert.equal(await sidecarVerdict(server, session), 'valid');
    const shown = await server.admin('GET', '/admin/v1/users/alice');
    assert.deepEqual([shown.body.policy, shown.body.posixUid, shown.body.posixGid], ['getter', 1000, 100]);

    const before = await Promise.all(['alice', 'bob', 'carol'].map((name) => store.getUser(name)));
    const second = await runCli(server.url, ['--json', 'restore', file]);
    assert.equal(second.code, 0, second.stderr);
    const again = JSON.parse(second.stdout);
    assert.deepEqual(again.created, { policy: 0, oidcProvider: 0, role: 0, user: 0, attachment: 0 });
    assert.deepEqual(again.unchanged, { policy: 1, oidcProvider: 0, role: 0, user: 3, attachment: 2 });
    assert.deepEqual(await Promise.all(['alice', 'bob', 'carol'].map((name) => store.getUser(name))), before);
  });

  it('keeps what differs and reports it as a conflict, with a non-zero exit', async () => {
    const file = await sourceBackup();
    const { server } = await redisService(keyK);
    await createUser(server, 'bob', 'Different-S3cret!', { policy: 'readonly' });
    await createUser(server, 'carol', SECRETS.carol, { policy: 'readwrite' });
    const run = await runCli(server.url, ['restore', file]);
    assert.equal(run.code, 1);
    assert.match(run.stderr, /RestoreConflicts/);
    assert.match(run.stdout, /conflict: user bob: /);
    assert.match(run.stdout, /conflict: attachment user:bob: /);
    assert.equal(await callerIdentity(server, { accessKeyId: 'bob', secretAccessKey: 'Different-S3cret!' }), 'arn:aws:iam::000000000000:user/bob');
    assert.equal(await callerIdentity(server, { accessKeyId: 'alice', secretAccessKey: SECRETS.alice }), 'arn:aws:iam::000000000000:user/alice');
  });

  it('refuses a backup sealed under a master key the service does not hold, writing nothing', async () => {
    const file = await sourceBackup();
    const { server, store } = await redisService(newMasterKey());
    const run = await runCli(server.url, ['restore', file]);
    assert.equal(run.code, 1);
    assert.match(run.stderr, /^error: ValidationError: .*sealed under master key id/);
    const res = await server.admin('POST', '/admin/v1/restore', JSON.parse(readFileSync(file, 'utf8')));
    assert.equal(res.status, 400);
    assert.equal(res.body.error.reason, 'unknown-sealing-key');
    assert.deepEqual((await store.listUsers()).items, []);
    assert.deepEqual((await store.listPolicies()).items, []);
  });

  it('restores a backup sealed under a previous key, re-sealing under the current one', async () => {
    const file = await sourceBackup();
    const keyNew = newMasterKey();
    const { server, store } = await redisService(keyNew, [keyK]);
    const run = await runCli(server.url, ['restore', file]);
    assert.equal(run.code, 0, run.stderr);
    assert.equal(sealedKeyId((await store.getUser('alice'))?.sealedSecret ?? ''), deriveKeyRing(Buffer.from(keyNew, 'base64')).keyId);
    assert.equal(await callerIdentity(server, { accessKeyId: 'alice', secretAccessKey: SECRETS.alice }), 'arn:aws:iam::000000000000:user/alice');
  });

  it('refuses a file that is not a backup', async () => {
    const { server } = await redisService(keyK);
    const res = await server.admin('POST', '/admin/v1/restore', { format: 'something-else' });
    assert.equal(res.status, 400);
    assert.equal(res.body.error.code, 'ValidationError');
  });

  it('refuses a backup whose role trust policy or provider entry is not usable, writing nothing', async () => {
    const { server, store } = await redisService(keyK);
    const base = { format: 's3-sts-backup', version: 1, createdAt: '2026-01-01T00:00:00.000Z', keyIds: [], policies: [], users: [], attachments: [] };
    const role = { name: 'ci', id: 'AROACIROLECIROLECIRO1', maxSessionDuration: 3600, createdAt: '2026-01-01T00:00:00.000Z' };
    const badTrust = await server.admin('POST', '/admin/v1/restore', { ...base, oidcProviders: [], roles: [{ ...role, trustPolicy: '{"Statement":"nope"}' }] });
    assert.equal(badTrust.status, 400);
    assert.match(badTrust.body.error.message, /trust policy of role "ci"/);
    const provider = { key: 'idp.example.com', issuer: 'https://other.example.com', audiences: ['sts'], createdAt: '2026-01-01T00:00:00.000Z' };
    const badProvider = await server.admin('POST', '/admin/v1/restore', { ...base, roles: [], oidcProviders: [provider] });
    assert.equal(badProvider.status, 400);
    assert.equal(await store.getRole('ci'), undefined);
    assert.equal(await store.getOidcProvider('idp.example.com'), undefined);
  });

  it('holds restored entries to the admin API\'s rules, and never attaches to anyone outside the backup', async () => {
    const { server, store } = await redisService(keyK);
    const base = { format: 's3-sts-backup', version: 1, createdAt: '2026-01-01T00:00:00.000Z', keyIds: [], policies: [], users: [], roles: [], oidcProviders: [], attachments: [] };
    const refused: Array<[string, Record<string, unknown>]> = [
      ['a user name shaped like a temporary key', { users: [{ name: 'ASIAAAAAAAAAAAAAAAAA', id: 'AIDAAAAAAAAAAAAAAAAAA', sealedSecret: 'x', createdAt: base.createdAt }] }],
      ['a role name the API refuses', { roles: [{ name: 'bad/role:name', id: 'AROAAAAAAAAAAAAAAAAAA', trustPolicy: '{}', maxSessionDuration: 3600, createdAt: base.createdAt }] }],
      ['a role session length out of range', { roles: [{ name: 'ci', id: 'AROAAAAAAAAAAAAAAAAAA', trustPolicy: '{}', maxSessionDuration: -5, createdAt: base.createdAt }] }],
      ['an http issuer', { oidcProviders: [{ key: 'idp.internal', issuer: 'http://idp.internal', audiences: ['sts'], createdAt: base.createdAt }] }],
      ['a provider without audiences', { oidcProviders: [{ key: 'idp.example.com', issuer: 'https://idp.example.com', audiences: [], createdAt: base.createdAt }] }],
      ['a policy with an unknown S3 action', { policies: [{ name: 'odd', document: '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:NoSuchAction","Resource":"*"}]}', createdAt: base.createdAt, updatedAt: base.createdAt }] }],
      ['a timestamp that is not one', { policies: [{ name: 'odd', document: '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:GetObject","Resource":"*"}]}', createdAt: 'garbage', updatedAt: base.createdAt }] }],
    ];
    for (const [name, extra] of refused) {
      const res = await server.admin('POST', '/admin/v1/restore', { ...base, ...extra });
      assert.equal(res.status, 400, `${name}: ${JSON.stringify(res.body)}`);
    }
    assert.equal(await store.getPolicy('odd'), undefined);
    await server.admin('POST', '/admin/v1/users', { name: 'victim', secretKey: SECRETS.alice });
    const res = await server.admin('POST', '/admin/v1/restore', { ...base, attachments: [{ user: 'victim', policy: 'readwrite' }] });
    assert.equal(res.status, 200);
    assert.equal(res.body.conflicts[0].reason, 'its user or role is not in this backup');
    assert.equal((await store.getUser('victim'))?.policy, undefined);
  });
});
