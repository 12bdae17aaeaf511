import assert from 'node:assert/strict';
import { Agent, request } from 'node:http';
import type { SigningCredentials } from '../../src/sigv4/index.js';
import { startLiveServer, type LiveServer } from '../helpers/liveServer.js';
import { action, queryCall } from './support/query.js';
import { createUser } from './support/users.js';

/** The `sts` route's request count for one status, from the Prometheus counter. */
async function stsRequests(server: LiveServer, status: string): Promise<number> {
  const metric = await server.deps.metrics.httpRequests.get();
  return metric.values.find((v) => v.labels.route === 'sts' && v.labels.status === status)?.value ?? 0;
}

async function stsDurations(server: LiveServer): Promise<number> {
  const metric = await server.deps.metrics.httpDuration.get();
  return metric.values.find((v) => v.metricName?.endsWith('_count') === true && v.labels.route === 'sts')?.value ?? 0;
}

/** Posts `body` to `/` through `agent`; resolves with the status once the answer has been read. */
function post(server: LiveServer, agent: Agent, body: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const headers = { 'content-type': 'application/x-www-form-urlencoded', 'content-length': String(Buffer.byteLength(body)) };
    const req = request(`${server.url}/`, { method: 'POST', agent, headers }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode ?? 0));
    });
    req.on('error', reject);
    req.end(body);
  });
}

describe('STS access log and http metrics', function () {
  this.timeout(20_000);
  let server: LiveServer;
  let alice: SigningCredentials;

  before(async () => {
    server = await startLiveServer();
    alice = (await createUser(server, 'alice')).creds;
  });

  after(async () => {
    await server?.close();
  });

  for (const [name, creds, status] of [
    ['a signed call', true, '200'],
    ['an unsigned call', false, '403'],
  ] as const) {
    it(`logs ${name} and counts it under the sts route`, async () => {
      const [countBefore, durationsBefore] = [await stsRequests(server, status), await stsDurations(server)];
      const res = await queryCall(server, { params: action('GetCallerIdentity'), ...(creds ? { creds: alice } : {}) });
      assert.equal(String(res.status), status, res.body);
      const requestId = String(res.headers['x-amzn-requestid']);
      assert.equal(res.headers['content-type'], 'text/xml; charset=utf-8');
      assert.equal(res.xml.text(creds ? 'ResponseMetadata/RequestId' : 'RequestId'), requestId);
      const line = server.deps.logs.records().find((r) => r.msg === 'request' && r.reqId === requestId);
      assert.ok(line, 'no access log line for the request');
      assert.deepEqual({ method: line.method, path: line.path, status: line.status }, { method: 'POST', path: '/', status: Number(status) });
      assert.equal(typeof line.ms, 'number');
      assert.equal(await stsRequests(server, status), countBefore + 1);
      assert.equal(await stsDurations(server), durationsBefore + 1);
    });
  }

  it('reads off an oversized body before its 413, so the connection carries the next request', async () => {
    const agent = new Agent({ keepAlive: true, maxSockets: 1 });
    try {
      const connectionsBefore = server.connections();
      assert.equal(await post(server, agent, `Action=GetCallerIdentity&Policy=${'x'.repeat(600_000)}`), 413);
      assert.equal(await post(server, agent, 'Action=GetCallerIdentity'), 403);
      assert.equal(server.connections(), connectionsBefore + 1);
    } finally {
      agent.destroy();
    }
  });
});
