/** A stored provider the service would no longer accept fails as the provider's problem, never a 500. */
import assert from 'node:assert/strict';
import { startLiveServer, type LiveServer } from '../helpers/liveServer.js';
import { rawRequest } from '../helpers/rawRequest.js';

const b64 = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');

describe('AssumeRoleWithWebIdentity with an unusable stored provider', () => {
  let server: LiveServer;
  before(async () => {
    server = await startLiveServer();
  });
  after(() => server.close());

  it('answers IDPCommunicationError (400), not an internal error', async () => {
    // Written straight to the store, as an older version or a hand-made record might have it.
    await server.deps.store.createOidcProvider({ key: 'idp.internal', issuer: 'http://idp.internal', audiences: ['sts'], createdAt: '2026-01-01T00:00:00.000Z' });
    const token = `${b64({ alg: 'RS256', typ: 'JWT', kid: 'k' })}.${b64({ iss: 'http://idp.internal', sub: 'x', aud: 'sts' })}.${'a'.repeat(43)}`;
    const body = new URLSearchParams({
      Action: 'AssumeRoleWithWebIdentity', Version: '2011-06-15', RoleArn: 'arn:aws:iam::000000000000:role/ci', RoleSessionName: 'ci', WebIdentityToken: token,
    }).toString();
    const res = await rawRequest(`${server.url}/`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body });
    assert.equal(res.status, 400, res.body);
    assert.match(res.body, /<Code>IDPCommunicationError<\/Code>/);
    assert.ok(!server.deps.logs.records().some((line) => line.level === 50), 'no error-level log line');
  });
});
