import assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from '../cli/runCli.js';
import { startLiveServer, type LiveServer } from '../helpers/liveServer.js';
import { INSECURE_LOOPBACK } from './support/webIdentityWorld.js';

const ISSUER = 'https://idp.example/tenant-1';
const KEY = 'idp.example/tenant-1';

describe('s3-sts role and oidc-provider commands', function () {
  this.timeout(20_000);
  let server: LiveServer;
  let dir: string;
  before(async () => {
    server = await startLiveServer({ env: INSECURE_LOOPBACK });
    dir = await mkdtemp(join(tmpdir(), 's3-sts-role-'));
  });
  after(async () => {
    await server?.close();
    await rm(dir, { recursive: true, force: true });
  });

  async function ok(argv: string[]): Promise<string> {
    const run = await runCli(server.url, argv);
    assert.equal(run.code, 0, run.stderr);
    return run.stdout;
  }

  it('creates, shows, lists and removes an OIDC provider (by key or issuer URL)', async () => {
    const created = JSON.parse(await ok(['oidc-provider', 'create', ISSUER, '--audience', 'sts.example', '--audience', 'other', '--json']));
    assert.deepEqual([created.key, created.audiences], [KEY, ['sts.example', 'other']]);
    assert.match(await ok(['oidc-provider', 'show', KEY]), /^Issuer: +https:\/\/idp\.example\/tenant-1$/m);
    assert.deepEqual(JSON.parse(await ok(['oidc-provider', 'list', '--json'])).providers.map((p: any) => p.key), [KEY]);
    const duplicate = await runCli(server.url, ['oidc-provider', 'create', ISSUER, '--audience', 'x']);
    assert.notEqual(duplicate.code, 0);
    assert.match(duplicate.stderr, /OidcProviderAlreadyExists/);
    await ok(['oidc-provider', 'remove', ISSUER]);
    assert.deepEqual(JSON.parse(await ok(['oidc-provider', 'list', '--json'])).providers, []);
  });

  it('creates a role from a trust policy file, attaches, detaches, lists and removes it', async () => {
    const trust = { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { Federated: KEY }, Action: 'sts:AssumeRoleWithWebIdentity' }] };
    const file = join(dir, 'trust.json');
    await writeFile(file, JSON.stringify(trust));
    const role = JSON.parse(await ok(['role', 'create', 'ci', '--trust-policy', file, '--policy', 'readonly', '--max-session-duration', '2h', '--posix-uid', '7', '--json']));
    assert.deepEqual([role.arn, role.policy, role.maxSessionDuration, role.posixUid], ['arn:aws:iam::000000000000:role/ci', 'readonly', 7200, 7]);
    assert.deepEqual(role.trustPolicy, trust);
    assert.match(await ok(['role', 'show', 'ci']), /^Policy: +readonly$/m);
    assert.equal(JSON.parse(await ok(['role', 'attach', 'readwrite', 'ci', '--json'])).policy, 'readwrite');
    assert.equal(JSON.parse(await ok(['role', 'detach', 'ci', '--json'])).policy, null);
    assert.match(await ok(['role', 'list']), /^ci +AROA/m);
    assert.match(await ok(['role', 'revoke-sessions', 'ci']), /Revoked 0 sessions of role ci/);
    await ok(['role', 'remove', 'ci']);
    const gone = await runCli(server.url, ['role', 'show', 'ci']);
    assert.notEqual(gone.code, 0);
    assert.match(gone.stderr, /NoSuchRole/);
  });

  it('refuses a bad trust policy naming the statement at fault', async () => {
    const file = join(dir, 'bad.json');
    await writeFile(file, JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 'sts:AssumeRoleWithWebIdentity' }] }));
    const run = await runCli(server.url, ['role', 'create', 'bad', '--trust-policy', file]);
    assert.notEqual(run.code, 0);
    assert.match(run.stderr, /MalformedPolicyDocument/);
    assert.match(run.stderr, /Statement\[0\]/);
  });
});
