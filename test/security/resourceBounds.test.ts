/**
 * Issue 11: inputs any caller controls must not grow memory or CPU without bound. Each test
 * fails with its bound removed.
 */
import assert from 'node:assert/strict';
import { startLiveServer, type LiveServer } from '../helpers/liveServer.js';
import { rawRequest } from '../helpers/rawRequest.js';

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
});
