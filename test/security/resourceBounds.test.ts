/**
 * Issue 11: inputs any caller controls must not grow memory or CPU without bound. Each test
 * fails with its bound removed.
 */
import assert from 'node:assert/strict';
import { signRequest } from '../../src/sigv4/index.js';
import { startLiveServer, type LiveServer } from '../helpers/liveServer.js';
import { rawRequest } from '../helpers/rawRequest.js';
import { createUser, sidecarCall, signedStsPost, type Credentials } from '../sidecar/support/world.js';

const SECRET = 'Sup3r-Secret-Key!';

/** An S3 GET signed by `creds`, with its Authorization's SignedHeaders list rewritten by `edit`. */
function s3Request(server: LiveServer, creds: Credentials, options: { path?: string; query?: string; headers?: Record<string, string> } = {}) {
  const path = options.path ?? '/bucket/key';
  const query = options.query ?? '';
  const signed = signRequest(
    { method: 'GET', path, query, headers: { host: 's3.example.test', ...options.headers } },
    creds,
    { region: 'us-east-1', service: 's3', now: server.clock.now() },
  );
  return { method: 'GET', path, query: signed.query, headers: signed.headers };
}

function withSignedHeaders(authorization: string, list: string): string {
  return authorization.replace(/SignedHeaders=[^,]*/, `SignedHeaders=${list}`);
}

/** The distinct values one label takes across the samples of one metric. */
async function labelValues(server: LiveServer, metric: string, label: string): Promise<Set<string>> {
  const text = await server.deps.metrics.registry.getSingleMetricAsString(metric);
  const values = new Set<string>();
  for (const match of text.matchAll(new RegExp(`${label}="([^"]*)"`, 'g'))) values.add(match[1] as string);
  return values;
}

describe('resource bounds', () => {
  let server: LiveServer;
  beforeEach(async () => {
    server = await startLiveServer();
  });
  afterEach(() => server.close());

  it('names http metrics series from a fixed set of routes, never from the request path', async () => {
    const paths = ['/admin/v1/users', '/admin/v1/policies/x', '/admin/v1/sessions', '/healthz', '/metrics', '/', '/v1/verify'];
    for (let i = 0; i < 40; i++) paths.push(`/admin/x${i}/y`, `/admin/v1/u${i}`, `/admin/v1/../${i}`, `/other${i}`);
    for (const path of paths) await rawRequest(`${server.url}${path}`, { method: 'GET', headers: {} });
    const routes = await labelValues(server, 's3sts_http_requests_total', 'route');
    const durationRoutes = await labelValues(server, 's3sts_http_request_duration_seconds', 'route');
    const fixed = new Set(['sts', 'admin-users', 'admin-policies', 'admin-sessions', 'admin-other', 'healthz', 'readyz', 'metrics', 'other']);
    for (const route of [...routes, ...durationRoutes]) assert.ok(fixed.has(route), `unexpected route label ${route}`);
    assert.ok(routes.size <= fixed.size);
    assert.ok(routes.has('admin-users') && routes.has('admin-other') && routes.has('other'), [...routes].join());
  });

  describe('SignedHeaders', () => {
    let alice: Credentials;
    beforeEach(async () => {
      alice = await createUser(server, 'alice', SECRET, { policy: 'readonly' });
    });

    it('a correctly signed S3 request verifies (the baseline the refusals below depart from)', async () => {
      const res = await sidecarCall(server, '/v1/verify', { accessKeyId: 'alice', request: s3Request(server, alice) });
      assert.equal(res.status, 200, JSON.stringify(res.body));
    });

    const lists: Array<[string, (signed: string) => string]> = [
      ['a name repeated many times', (signed) => `${signed};${Array(2000).fill('x-amz-date').join(';')}`.split(';').sort().join(';')],
      ['a name given twice', (signed) => `${signed};host`.split(';').sort().join(';')],
      ['names out of order', (signed) => signed.split(';').reverse().join(';')],
      ['an upper-case name', (signed) => signed.replace('host', 'Host')],
      ['more names than any signer sends', (signed) => signed.split(';').concat(Array.from({ length: 200 }, (_, i) => `x-zz${String(i).padStart(3, '0')}`)).sort().join(';')],
    ];
    for (const [name, edit] of lists) {
      it(`refuses a SignedHeaders list with ${name} before checking the signature, on the sidecar`, async () => {
        const request = s3Request(server, alice, { headers: { 'x-amz-meta-big': 'v'.repeat(8000) } });
        const signed = /SignedHeaders=([^,]*)/.exec(request.headers.authorization as string)?.[1] as string;
        request.headers.authorization = withSignedHeaders(request.headers.authorization as string, edit(signed));
        const res = await sidecarCall(server, '/v1/verify', { accessKeyId: 'alice', request });
        assert.equal(res.status, 401);
        assert.equal(res.body.reason, 'malformed');
        assert.equal(res.body.signatureCode, 'IncompleteSignature');
      });
    }

    it('refuses a SignedHeaders list with a repeated name on the Query API', async () => {
      const body = 'Action=GetCallerIdentity&Version=2011-06-15';
      const signed = signedStsPost(server, alice, body);
      const headers = { ...signed, authorization: withSignedHeaders(signed.authorization as string, 'content-type;host;host;x-amz-date') };
      const res = await rawRequest(`${server.url}/`, { method: 'POST', headers, body });
      assert.equal(res.status, 400);
      assert.match(res.body, /<Code>IncompleteSignature<\/Code>/);
      assert.match(res.body, /sorted, each name once/);
    });

    it('refuses a request whose canonical form would exceed the bound, before hashing it', async () => {
      // Each '!' is encoded to '%21' in the canonical query and path: 3 characters out per one in.
      const request = s3Request(server, alice, { path: `/bucket/${'!'.repeat(15_000)}`, query: `q=${'!'.repeat(30_000)}` });
      const res = await sidecarCall(server, '/v1/verify', { accessKeyId: 'alice', request });
      assert.equal(res.status, 401);
      assert.equal(res.body.signatureCode, 'InvalidParameterValue');
      assert.match(res.body.message, /too large to verify/);
    });
  });
});
