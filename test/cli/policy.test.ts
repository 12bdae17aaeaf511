import assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { assertFailed, assertSucceeded } from './assertions.js';
import { FakeAdminApi } from './fakeAdminApi.js';
import { alice, apiError, document, readonlyPolicy, teamPolicy } from './fixtures.js';
import { runCli } from './runCli.js';

describe('s3-sts policy', () => {
  let api: FakeAdminApi;
  let dir: string;
  before(async () => {
    api = await FakeAdminApi.start();
    dir = await mkdtemp(join(tmpdir(), 's3-sts-cli-'));
  });
  afterEach(() => api.reset());
  after(async () => {
    await api.close();
    await rm(dir, { recursive: true, force: true });
  });

  async function policyFile(name: string, text: string): Promise<string> {
    const file = join(dir, name);
    await writeFile(file, text);
    return file;
  }

  describe('list', () => {
    it('prints built-in and custom policies with their user counts', async () => {
      api.respond('GET', '/admin/v1/policies', { status: 200, body: { policies: [readonlyPolicy, teamPolicy] } });
      const run = await runCli(api.url, ['policy', 'list']);
      assertSucceeded(run);
      assert.equal(
        run.stdout,
        [
          'NAME      TYPE      USERS  UPDATED',
          'readonly  built-in  0      -',
          'team      custom    2      2025-01-03T03:04:05.000Z',
          '',
        ].join('\n'),
      );
    });

    it('prints the API JSON with --json', async () => {
      api.respond('GET', '/admin/v1/policies', { status: 200, body: { policies: [readonlyPolicy] } });
      const run = await runCli(api.url, ['policy', 'list', '--json']);
      assert.deepEqual(JSON.parse(run.stdout), { policies: [readonlyPolicy] });
    });
  });

  describe('show', () => {
    it('prints the pretty document, ready for `policy create`', async () => {
      api.respond('GET', '/admin/v1/policies/team', { status: 200, body: teamPolicy });
      const run = await runCli(api.url, ['policy', 'show', 'team']);
      assertSucceeded(run);
      assert.equal(run.stdout, `${JSON.stringify(document, null, 2)}\n`);
    });

    it('prints the whole policy with --json', async () => {
      api.respond('GET', '/admin/v1/policies/team', { status: 200, body: teamPolicy });
      const run = await runCli(api.url, ['policy', 'show', 'team', '--json']);
      assert.deepEqual(JSON.parse(run.stdout), teamPolicy);
    });

    it('reports a missing policy', async () => {
      api.respond('GET', '/admin/v1/policies/nope', { status: 404, body: apiError('NoSuchPolicy', 'policy "nope" does not exist') });
      assertFailed(await runCli(api.url, ['policy', 'show', 'nope']), 'NoSuchPolicy');
    });
  });

  describe('create', () => {
    const outcomes: [string, number, string][] = [
      ['a new policy', 201, 'Created policy team\n'],
      ['an existing policy', 200, 'Replaced policy team\n'],
    ];
    for (const [name, status, output] of outcomes) {
      it(`puts the file's document for ${name}`, async () => {
        api.respond('PUT', '/admin/v1/policies/team', { status, body: { ...teamPolicy, warnings: [] } });
        const file = await policyFile('team.json', JSON.stringify(document, null, 4));
        const run = await runCli(api.url, ['policy', 'create', 'team', file]);
        assertSucceeded(run);
        const request = api.only();
        assert.equal(request.method, 'PUT');
        assert.equal(request.contentType, 'application/json');
        assert.deepEqual(request.body, document);
        assert.equal(run.stdout, output);
      });
    }

    it('stores a policy with warnings, printing each on stderr and exiting 0', async () => {
      const warning = { code: 'ResourceNeverMatches', statement: 0, field: 'Resource', value: 's3:GetObject', message: 'Statement[0]: never matches' };
      api.respond('PUT', '/admin/v1/policies/team', { status: 201, body: { ...teamPolicy, warnings: [warning] } });
      const run = await runCli(api.url, ['policy', 'create', 'team', await policyFile('w.json', JSON.stringify(document))]);
      assert.equal(run.code, 0, run.stderr);
      assert.equal(run.stdout, 'Created policy team\n');
      assert.equal(run.stderr, 'warning: ResourceNeverMatches: Statement[0]: never matches\n');
    });

    it('prints the stored policy with --json', async () => {
      api.respond('PUT', '/admin/v1/policies/team', { status: 201, body: { ...teamPolicy, warnings: [] } });
      const run = await runCli(api.url, ['--json', 'policy', 'create', 'team', await policyFile('p.json', JSON.stringify(document))]);
      assert.deepEqual(JSON.parse(run.stdout), { ...teamPolicy, warnings: [] });
    });

    const badFiles: [string, string | undefined][] = [
      ['a missing file', undefined],
      ['a file that is not JSON', '{"Version": '],
      ['a JSON array', '[]'],
      ['a JSON string', '"policy"'],
    ];
    for (const [name, text] of badFiles) {
      it(`refuses ${name} without calling the service`, async () => {
        const file = text === undefined ? join(dir, 'missing.json') : await policyFile('bad.json', text);
        assertFailed(await runCli(api.url, ['policy', 'create', 'team', file]), 'InvalidPolicyFile');
        assert.equal(api.requests.length, 0);
      });
    }

    it('names the statement and field of a rejected document', async () => {
      const body = apiError('MalformedPolicyDocument', 'Statement[0]: Action: "s3:Get Object" is not a valid action', {
        statement: 'Statement[0]',
        field: 'Action',
      });
      api.respond('PUT', '/admin/v1/policies/team', { status: 400, body });
      const run = await runCli(api.url, ['policy', 'create', 'team', await policyFile('p.json', '{}')]);
      assert.equal(run.stderr, 'error: MalformedPolicyDocument: Statement[0]: Action: "s3:Get Object" is not a valid action\n');
      assert.equal(run.code, 1);
    });

    it('reports a pre-defined policy as immutable', async () => {
      api.respond('PUT', '/admin/v1/policies/readonly', { status: 409, body: apiError('PolicyImmutable', 'policy "readonly" is pre-defined') });
      assertFailed(await runCli(api.url, ['policy', 'create', 'readonly', await policyFile('p.json', '{}')]), 'PolicyImmutable');
    });
  });

  describe('remove', () => {
    it('deletes the policy and confirms', async () => {
      api.respond('DELETE', '/admin/v1/policies/team', { status: 204 });
      const run = await runCli(api.url, ['policy', 'remove', 'team']);
      assertSucceeded(run);
      assert.equal(api.only().method, 'DELETE');
      assert.equal(run.stdout, 'Removed policy team\n');
    });

    it('names the users of a policy in use', async () => {
      const body = apiError('PolicyInUse', 'policy "team" is attached to: alice, carol', { users: ['alice', 'carol'] });
      api.respond('DELETE', '/admin/v1/policies/team', { status: 409, body });
      const run = await runCli(api.url, ['policy', 'remove', 'team']);
      assert.equal(run.stderr, 'error: PolicyInUse: policy "team" is attached to: alice, carol\n');
      assert.equal(run.code, 1);
    });
  });

  describe('attach and detach', () => {
    it('attach puts {policy} on the user and prints the user', async () => {
      api.respond('PUT', '/admin/v1/users/alice/policy', { status: 200, body: { ...alice, policy: 'readonly' } });
      const run = await runCli(api.url, ['policy', 'attach', 'readonly', 'alice']);
      assertSucceeded(run);
      assert.deepEqual(api.only().body, { policy: 'readonly' });
      assert.match(run.stdout, /\nPolicy: {5}readonly\n/);
    });

    it('attach reports a missing policy', async () => {
      api.respond('PUT', '/admin/v1/users/alice/policy', { status: 404, body: apiError('NoSuchPolicy', 'policy "x" does not exist') });
      assertFailed(await runCli(api.url, ['policy', 'attach', 'x', 'alice']), 'NoSuchPolicy');
    });

    it('detach deletes the user policy and prints the user', async () => {
      api.respond('DELETE', '/admin/v1/users/alice/policy', { status: 200, body: { ...alice, policy: null } });
      const run = await runCli(api.url, ['policy', 'detach', 'alice', '--json']);
      assertSucceeded(run);
      assert.equal(api.only().method, 'DELETE');
      assert.equal(api.only().body, undefined);
      assert.deepEqual(JSON.parse(run.stdout), { ...alice, policy: null });
    });
  });
});
