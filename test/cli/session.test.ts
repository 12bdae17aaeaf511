import assert from 'node:assert/strict';
import { assertFailed, assertSucceeded } from './assertions.js';
import { FakeAdminApi } from './fakeAdminApi.js';
import { apiError, chainedSession, session } from './fixtures.js';
import { runCli } from './runCli.js';

describe('s3-sts session', () => {
  let api: FakeAdminApi;
  before(async () => {
    api = await FakeAdminApi.start();
  });
  afterEach(() => api.reset());
  after(() => api.close());

  describe('list', () => {
    it('prints every live session', async () => {
      api.respond('GET', '/admin/v1/sessions', { status: 200, body: { sessions: [session, chainedSession] } });
      const run = await runCli(api.url, ['session', 'list']);
      assertSucceeded(run);
      assert.deepEqual(api.only().query, {});
      assert.equal(
        run.stdout,
        [
          'ACCESS-KEY-ID         USER   SESSION-NAME  ISSUED                    EXPIRES                   PARENT                SESSION-POLICIES',
          'ASIAZ2X7Q3LMN4PQ5RST  alice  backup-job    2025-01-02T03:04:05.000Z  2025-01-02T04:04:05.000Z  -                     1',
          'ASIA0000000000000001  alice  chained       2025-01-02T03:04:05.000Z  2025-01-02T04:04:05.000Z  ASIAZ2X7Q3LMN4PQ5RST  0',
          '',
        ].join('\n'),
      );
    });

    it('filters by user and prints JSON', async () => {
      api.respond('GET', '/admin/v1/sessions', { status: 200, body: { sessions: [session] } });
      const run = await runCli(api.url, ['session', 'list', '--user', 'alice', '--json']);
      assertSucceeded(run);
      assert.deepEqual(api.only().query, { user: 'alice' });
      assert.deepEqual(JSON.parse(run.stdout), { sessions: [session] });
    });

    it('keeps the user filter on every page', async () => {
      api.respond('GET', '/admin/v1/sessions', { status: 200, body: { sessions: [session], next: 'n1' } }, { status: 200, body: { sessions: [] } });
      await runCli(api.url, ['session', 'list', '--user', 'alice']);
      assert.deepEqual(api.requests.map((r) => r.query), [{ user: 'alice' }, { user: 'alice', cursor: 'n1' }]);
    });
  });

  describe('revoke', () => {
    it('revokes one session by access key id', async () => {
      api.respond('DELETE', `/admin/v1/sessions/${session.accessKeyId}`, { status: 204 });
      const run = await runCli(api.url, ['session', 'revoke', session.accessKeyId]);
      assertSucceeded(run);
      assert.equal(api.only().method, 'DELETE');
      assert.equal(run.stdout, `Revoked session ${session.accessKeyId}\n`);
    });

    it("revokes every session of a user with --user", async () => {
      api.respond('DELETE', '/admin/v1/users/alice/sessions', { status: 200, body: { revoked: 3 } });
      const run = await runCli(api.url, ['session', 'revoke', '--user', 'alice']);
      assertSucceeded(run);
      assert.equal(api.only().method, 'DELETE');
      assert.equal(run.stdout, 'Revoked 3 sessions of user alice\n');
    });

    it('prints the count as JSON with --json', async () => {
      api.respond('DELETE', '/admin/v1/users/alice/sessions', { status: 200, body: { revoked: 1 } });
      const run = await runCli(api.url, ['session', 'revoke', '--user', 'alice', '--json']);
      assert.deepEqual(JSON.parse(run.stdout), { revoked: 1 });
    });

    const misuse: [string, string[]][] = [
      ['neither a key nor --user', []],
      ['both a key and --user', [session.accessKeyId, '--user', 'alice']],
    ];
    for (const [name, args] of misuse) {
      it(`refuses ${name} as a usage error`, async () => {
        const run = await runCli(api.url, ['session', 'revoke', ...args]);
        assert.equal(run.code, 2);
        assert.equal(run.stderr, 'error: give either an access key id or --user <user>\n');
        assert.equal(api.requests.length, 0);
      });
    }

    it('reports an unknown session', async () => {
      const path = `/admin/v1/sessions/${session.accessKeyId}`;
      api.respond('DELETE', path, { status: 404, body: apiError('NoSuchSession', `session ${session.accessKeyId} does not exist`) });
      assertFailed(await runCli(api.url, ['session', 'revoke', session.accessKeyId]), 'NoSuchSession');
    });
  });
});
