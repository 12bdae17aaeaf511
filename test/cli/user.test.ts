import assert from 'node:assert/strict';
import { PassThrough } from 'node:stream';
import type { SecretInput } from '../../src/cli/io.js';
import { assertFailed, assertSucceeded } from './assertions.js';
import { FakeAdminApi } from './fakeAdminApi.js';
import { alice, apiError, bob } from './fixtures.js';
import { ADMIN_TOKEN, runCli } from './runCli.js';

/** A stdin that claims to be a terminal, with raw mode recorded. */
function fakeTerminal(): PassThrough & SecretInput & { rawModes: boolean[] } {
  const rawModes: boolean[] = [];
  return Object.assign(new PassThrough(), { isTTY: true, rawModes, setRawMode: (mode: boolean) => rawModes.push(mode) });
}

describe('s3-sts user', () => {
  let api: FakeAdminApi;
  before(async () => {
    api = await FakeAdminApi.start();
  });
  afterEach(() => api.reset());
  after(() => api.close());

  describe('create', () => {
    it('posts every option and prints the user', async () => {
      api.respond('POST', '/admin/v1/users', { status: 201, body: alice });
      const run = await runCli(api.url, [
        'user', 'create', 'alice', '--password', 'Secret-Key-1', '--posix-uid', '1001', '--posix-gid', '1002', '--policy', 'readwrite',
      ]);
      assertSucceeded(run);
      const request = api.only();
      assert.equal(request.method, 'POST');
      assert.equal(request.path, '/admin/v1/users');
      assert.equal(request.authorization, `Bearer ${ADMIN_TOKEN}`);
      assert.equal(request.contentType, 'application/json');
      assert.deepEqual(request.body, { name: 'alice', secretKey: 'Secret-Key-1', posixUid: 1001, posixGid: 1002, policy: 'readwrite' });
      assert.equal(
        run.stdout,
        [
          'Name:       alice',
          'ID:         AIDAJQABLZS4A3QDU576Q',
          'Policy:     readwrite',
          'POSIX UID:  1001',
          'POSIX GID:  1002',
          'Created:    2025-01-02T03:04:05.000Z',
          '',
        ].join('\n'),
      );
    });

    it('sends only name and secret when no option is given, and --json prints the API JSON', async () => {
      api.respond('POST', '/admin/v1/users', { status: 201, body: bob });
      const run = await runCli(api.url, ['user', 'create', 'bob@example.com', '--password', 'Secret-Key-1', '--json']);
      assertSucceeded(run);
      assert.deepEqual(api.only().body, { name: 'bob@example.com', secretKey: 'Secret-Key-1' });
      assert.deepEqual(JSON.parse(run.stdout), bob);
    });

    it('prompts for the password without echo on a terminal', async () => {
      api.respond('POST', '/admin/v1/users', { status: 201, body: alice });
      const stdin = fakeTerminal();
      const running = runCli(api.url, ['user', 'create', 'alice'], { stdin });
      // Typed in pieces, with a typo erased by backspace.
      setImmediate(() => {
        stdin.write('Secret-Kez');
        stdin.write('\u007fy-1\r');
      });
      const run = await running;
      assert.equal(run.code, 0, run.stderr);
      assert.equal(run.stderr, 'Password: \n', 'only the prompt, no echo');
      assert.deepEqual(stdin.rawModes, [true, false]);
      assert.deepEqual(api.only().body, { name: 'alice', secretKey: 'Secret-Key-1' });
    });

    it('stops at Ctrl-C in the prompt without calling the service', async () => {
      const stdin = fakeTerminal();
      const running = runCli(api.url, ['user', 'create', 'alice'], { stdin });
      setImmediate(() => stdin.write('Sec\u0003'));
      const run = await running;
      assert.equal(run.code, 1);
      assert.match(run.stderr, /^Password: \nerror: PromptAborted: /);
      assert.deepEqual(stdin.rawModes, [true, false]);
      assert.equal(api.requests.length, 0);
    });

    it('reads the password from piped standard input, and requires one when there is none', async () => {
      api.respond('POST', '/admin/v1/users', { status: 201, body: alice });
      const piped = Object.assign(new PassThrough(), { isTTY: false });
      piped.end('Piped-Secret-1\n');
      const run = await runCli(api.url, ['user', 'create', 'alice'], { stdin: piped });
      assert.equal(run.code, 0, run.stderr);
      assert.deepEqual(api.only().body, { name: 'alice', secretKey: 'Piped-Secret-1' });
      const empty = Object.assign(new PassThrough(), { isTTY: false });
      empty.end('');
      assertFailed(await runCli(api.url, ['user', 'create', 'bob'], { stdin: empty }), 'MissingPassword');
      assertFailed(await runCli(api.url, ['user', 'create', 'bob']), 'MissingPassword');
      assert.equal(api.requests.length, 1);
    });

    const badIds = ['-1', '4294967295', '1.5', 'abc', ''];
    for (const value of badIds) {
      it(`refuses --posix-uid ${JSON.stringify(value)} as a usage error`, async () => {
        const run = await runCli(api.url, ['user', 'create', 'alice', '--password', 'Secret-Key-1', '--posix-uid', value]);
        assert.equal(run.code, 2);
        assert.match(run.stderr, /^error: option '--posix-uid <n>' argument .* is invalid/);
        assert.equal(api.requests.length, 0);
      });
    }

    it('reports a conflict as one error line', async () => {
      api.respond('POST', '/admin/v1/users', { status: 409, body: apiError('UserAlreadyExists', 'user "alice" already exists') });
      const run = await runCli(api.url, ['user', 'create', 'alice', '--password', 'Secret-Key-1']);
      assertFailed(run, 'UserAlreadyExists');
      assert.equal(run.stderr, 'error: UserAlreadyExists: user "alice" already exists\n');
    });

    it('reports a validation error', async () => {
      const body = apiError('ValidationError', 'secretKey must be 8-128 printable ASCII characters', { field: 'secretKey' });
      api.respond('POST', '/admin/v1/users', { status: 400, body });
      const run = await runCli(api.url, ['user', 'create', 'alice', '--password', 'short']);
      assert.equal(run.stderr, 'error: ValidationError: secretKey must be 8-128 printable ASCII characters\n');
      assert.equal(run.code, 1);
    });
  });

  describe('list', () => {
    it('follows every page and prints one table', async () => {
      api.respond('GET', '/admin/v1/users', { status: 200, body: { users: [alice], next: 'c1' } }, { status: 200, body: { users: [bob] } });
      const run = await runCli(api.url, ['user', 'list']);
      assertSucceeded(run);
      assert.deepEqual(
        api.requests.map((r) => r.query),
        [{}, { cursor: 'c1' }],
      );
      assert.equal(
        run.stdout,
        [
          'NAME             ID                     POLICY     POSIX-UID  POSIX-GID  CREATED',
          'alice            AIDAJQABLZS4A3QDU576Q  readwrite  1001       1002       2025-01-02T03:04:05.000Z',
          'bob@example.com  AIDAZZZZZZZZZZZZZZZZZ  -          -          -          2025-02-03T04:05:06.000Z',
          '',
        ].join('\n'),
      );
    });

    it('prints all pages as one JSON list with --json', async () => {
      api.respond('GET', '/admin/v1/users', { status: 200, body: { users: [alice], next: 'c1' } }, { status: 200, body: { users: [bob] } });
      const run = await runCli(api.url, ['--json', 'user', 'list']);
      assertSucceeded(run);
      assert.deepEqual(JSON.parse(run.stdout), { users: [alice, bob] });
    });

    it('fetches a single page with --limit/--cursor and says how to continue', async () => {
      api.respond('GET', '/admin/v1/users', { status: 200, body: { users: [bob], next: 'c2' } });
      const run = await runCli(api.url, ['user', 'list', '--limit', '1', '--cursor', 'c1']);
      assert.equal(run.code, 0);
      assert.deepEqual(api.only().query, { limit: '1', cursor: 'c1' });
      assert.equal(run.stderr, 'more: --cursor c2\n');
      assert.match(run.stdout, /^NAME .*\nbob@example\.com /);
    });

    it('keeps the cursor in the JSON of a single page', async () => {
      api.respond('GET', '/admin/v1/users', { status: 200, body: { users: [alice], next: 'c2' } });
      const run = await runCli(api.url, ['user', 'list', '--limit', '1', '--json']);
      assert.deepEqual(JSON.parse(run.stdout), { users: [alice], next: 'c2' });
    });

    it('refuses a service that repeats a cursor instead of looping', async () => {
      api.respond('GET', '/admin/v1/users', { status: 200, body: { users: [alice], next: 'same' } });
      assertFailed(await runCli(api.url, ['user', 'list']), 'InvalidResponse');
      assert.equal(api.requests.length, 2);
    });

    it('refuses --limit 0 as a usage error', async () => {
      const run = await runCli(api.url, ['user', 'list', '--limit', '0']);
      assert.equal(run.code, 2);
      assert.equal(api.requests.length, 0);
    });
  });

  describe('show', () => {
    it('gets the user by its encoded name', async () => {
      api.respond('GET', '/admin/v1/users/bob%40example.com', { status: 200, body: bob });
      const run = await runCli(api.url, ['user', 'show', 'bob@example.com']);
      assertSucceeded(run);
      assert.equal(api.only().path, '/admin/v1/users/bob%40example.com');
      assert.match(run.stdout, /^Name: {7}bob@example\.com\n/);
      assert.match(run.stdout, /\nPolicy: {5}-\n/);
    });

    it('encodes characters that would change the path', async () => {
      await runCli(api.url, ['user', 'show', 'a+b/../c']);
      assert.equal(api.only().path, '/admin/v1/users/a%2Bb%2F..%2Fc');
    });

    it('reports a missing user', async () => {
      api.respond('GET', '/admin/v1/users/carol', { status: 404, body: apiError('NoSuchUser', 'user "carol" does not exist') });
      assertFailed(await runCli(api.url, ['user', 'show', 'carol']), 'NoSuchUser');
    });
  });

  describe('remove', () => {
    it('deletes the user and confirms', async () => {
      api.respond('DELETE', '/admin/v1/users/alice', { status: 204 });
      const run = await runCli(api.url, ['user', 'remove', 'alice']);
      assertSucceeded(run);
      assert.equal(api.only().method, 'DELETE');
      assert.equal(api.only().body, undefined);
      assert.equal(run.stdout, 'Removed user alice\n');
    });

    it('prints nothing with --json (the API answers 204)', async () => {
      api.respond('DELETE', '/admin/v1/users/alice', { status: 204 });
      const run = await runCli(api.url, ['user', 'remove', 'alice', '--json']);
      assertSucceeded(run);
      assert.equal(run.stdout, '');
    });

    it('reports a missing user', async () => {
      api.respond('DELETE', '/admin/v1/users/alice', { status: 404, body: apiError('NoSuchUser', 'user "alice" does not exist') });
      assertFailed(await runCli(api.url, ['user', 'remove', 'alice']), 'NoSuchUser');
    });
  });
});
