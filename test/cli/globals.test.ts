import assert from 'node:assert/strict';
import { createServer } from 'node:net';
import type { AddressInfo } from 'node:net';
import { assertFailed, assertSucceeded } from './assertions.js';
import { FakeAdminApi } from './fakeAdminApi.js';
import { alice, apiError } from './fixtures.js';
import { runCli } from './runCli.js';

/** A loopback port with nothing listening on it. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

/** A fetch that records the URL and headers it was called with and answers an empty list. */
function recordingFetch(): { fetch: typeof fetch; calls: { url: string; headers: Headers }[] } {
  const calls: { url: string; headers: Headers }[] = [];
  const fake = async (input: string | URL | Request, init?: RequestInit): Promise<Response> => {
    calls.push({ url: String(input), headers: new Headers(init?.headers) });
    return Response.json({ users: [] });
  };
  return { fetch: fake as typeof fetch, calls };
}

describe('s3-sts global options and failures', () => {
  let api: FakeAdminApi;
  before(async () => {
    api = await FakeAdminApi.start();
  });
  afterEach(() => api.reset());
  after(() => api.close());

  describe('endpoint and token', () => {
    it('fails clearly without an admin token, before any request', async () => {
      const run = await runCli(api.url, ['user', 'list'], { env: { STS_ADMIN_TOKEN: '' } });
      assertFailed(run, 'MissingAdminToken');
      assert.match(run.stderr, /--admin-token/);
      assert.match(run.stderr, /STS_ADMIN_TOKEN/);
      assert.equal(api.requests.length, 0);
    });

    it('prefers --admin-token to STS_ADMIN_TOKEN', async () => {
      await runCli(api.url, ['user', 'list', '--admin-token', 'flag-token']);
      assert.equal(api.only().authorization, 'Bearer flag-token');
    });

    it('prefers --endpoint to STS_ENDPOINT', async () => {
      api.respond('GET', '/admin/v1/users', { status: 200, body: { users: [alice] } });
      const run = await runCli(`http://127.0.0.1:${await closedPort()}`, ['--endpoint', api.url, 'user', 'list']);
      assertSucceeded(run);
      assert.equal(api.requests.length, 1);
    });

    it('defaults to http://127.0.0.1:8080', async () => {
      const { fetch, calls } = recordingFetch();
      await runCli(undefined, ['user', 'list'], { fetch });
      assert.equal(calls[0]?.url, 'http://127.0.0.1:8080/admin/v1/users');
    });

    it('keeps a path prefix of the endpoint', async () => {
      const { fetch, calls } = recordingFetch();
      await runCli('https://sts.example.com/base/', ['user', 'list'], { fetch });
      assert.equal(calls[0]?.url, 'https://sts.example.com/base/admin/v1/users');
      assert.equal(calls[0]?.headers.get('accept'), 'application/json');
    });

    for (const endpoint of ['ftp://127.0.0.1', 'not a url', '127.0.0.1:8080']) {
      it(`refuses the endpoint ${JSON.stringify(endpoint)}`, async () => {
        assertFailed(await runCli(endpoint, ['user', 'list']), 'InvalidEndpoint');
      });
    }

    it('accepts global options before or after the command', async () => {
      api.respond('GET', '/admin/v1/users/alice', { status: 200, body: alice });
      const before = await runCli(api.url, ['--json', 'user', 'show', 'alice']);
      const after = await runCli(api.url, ['user', 'show', 'alice', '--json']);
      assert.deepEqual(JSON.parse(before.stdout), alice);
      assert.equal(after.stdout, before.stdout);
    });
  });

  describe('failures are one line and exit 1', () => {
    it('a refused connection', async () => {
      const run = await runCli(`http://127.0.0.1:${await closedPort()}`, ['user', 'list']);
      assertFailed(run, 'ConnectionFailed');
      assert.match(run.stderr, /ECONNREFUSED/);
    });

    it('a wrong admin token', async () => {
      api.respond('GET', '/admin/v1/users', { status: 401, body: apiError('Unauthorized', 'a valid admin bearer token is required') });
      const run = await runCli(api.url, ['user', 'list']);
      assert.equal(run.stderr, 'error: Unauthorized: a valid admin bearer token is required\n');
      assert.equal(run.code, 1);
    });

    it('an unavailable store', async () => {
      api.respond('GET', '/admin/v1/users', { status: 503, body: apiError('ServiceUnavailable', 'The credential store is unavailable') });
      assertFailed(await runCli(api.url, ['user', 'list']), 'ServiceUnavailable');
    });

    it('an error page that is not JSON', async () => {
      api.respond('GET', '/admin/v1/users', { status: 502, raw: '<html>Bad Gateway</html>' });
      const run = await runCli(api.url, ['user', 'list']);
      assert.equal(run.stderr, 'error: HttpError: the service answered 502 Bad Gateway\n');
      assert.equal(run.code, 1);
    });

    it('a success that is not JSON', async () => {
      api.respond('GET', '/admin/v1/users', { status: 200, raw: 'hello' });
      assertFailed(await runCli(api.url, ['user', 'list']), 'InvalidResponse');
    });

    it('a success without the expected list', async () => {
      api.respond('GET', '/admin/v1/users', { status: 200, raw: '{"items": []}' });
      assertFailed(await runCli(api.url, ['user', 'list']), 'InvalidResponse');
    });

    it('an error message spread over lines stays on one line', async () => {
      api.respond('GET', '/admin/v1/users/alice', { status: 404, body: apiError('NoSuchUser', 'user\n"alice"\r\ndoes not exist') });
      const run = await runCli(api.url, ['user', 'show', 'alice']);
      assert.equal(run.stderr, 'error: NoSuchUser: user "alice" does not exist\n');
    });
  });

  describe('usage', () => {
    it('--help prints usage on stdout and exits 0', async () => {
      const run = await runCli(api.url, ['--help']);
      assert.equal(run.code, 0);
      assert.match(run.stdout, /^Usage: s3-sts /);
      for (const command of ['serve', 'user', 'policy', 'session']) assert.match(run.stdout, new RegExp(`\\n  ${command} `));
    });

    it('--version prints the package version', async () => {
      const run = await runCli(api.url, ['--version']);
      assert.equal(run.code, 0);
      assert.match(run.stdout, /^\d+\.\d+\.\d+/);
    });

    const misuse: [string, string[], RegExp][] = [
      ['an unknown command', ['usr', 'list'], /^error: unknown command 'usr'/],
      ['an unknown option', ['user', 'list', '--colour'], /^error: unknown option '--colour'/],
      ['a missing argument', ['user', 'show'], /^error: missing required argument 'name'/],
      ['an extra argument', ['policy', 'detach', 'alice', 'bob'], /^error: too many arguments/],
    ];
    for (const [name, argv, message] of misuse) {
      it(`exits 2 on ${name}`, async () => {
        const run = await runCli(api.url, argv);
        assert.equal(run.code, 2);
        assert.match(run.stderr, message);
        assert.doesNotMatch(run.stderr, /\n\s+at /, 'no stack trace');
        assert.equal(api.requests.length, 0);
      });
    }
  });
});
