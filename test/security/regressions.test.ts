/**
 * Attacks found in review, each driven end to end against the live service. Each test fails
 * if its defence is removed.
 */
import assert from 'node:assert/strict';
import { signRequest } from '../../src/sigv4/index.js';
import { startLiveServer, type LiveServer } from '../helpers/liveServer.js';
import { rawRequest } from '../helpers/rawRequest.js';
import { adminOk, assumeRole, createUser, putPolicy, sidecarCall, signedStsPost, stsCall, type Credentials } from '../sidecar/support/world.js';

const SECRET = 'Sup3r-Secret-Key!';
const PUT = { action: 's3:PutObject', resource: 'arn:aws:s3:::bucket/key' };
const EVERYTHING = { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 's3:*', Resource: '*' }] };

function tag(xml: string, name: string): string | undefined {
  return new RegExp(`<${name}>([^<]*)</${name}>`).exec(xml)?.[1];
}

async function stsRaw(server: LiveServer, creds: Credentials, params: Record<string, string>) {
  const body = new URLSearchParams({ Version: '2011-06-15', ...params }).toString();
  return rawRequest(`${server.url}/`, { method: 'POST', headers: signedStsPost(server, creds, body), body });
}

describe('security regressions', () => {
  let server: LiveServer;
  let alice: Credentials;
  beforeEach(async () => {
    server = await startLiveServer();
    alice = await createUser(server, 'alice', SECRET, { policy: 'readonly' });
  });
  afterEach(() => server.close());

  it('a session policy never stands alone: detaching the user policy leaves its sessions allowed nothing', async () => {
    const session = await assumeRole(server, alice, { sessionName: 'wide', policy: EVERYTHING });
    const credential = { accessKeyId: session.accessKeyId, sessionToken: session.sessionToken };
    assert.equal((await sidecarCall(server, '/v1/authorize', { ...credential, checks: [PUT] })).body.results[0].reason, 'ImplicitDeny');
    await adminOk(server, 'DELETE', '/admin/v1/users/alice/policy');
    const after = await sidecarCall(server, '/v1/authorize', { ...credential, checks: [PUT, { action: 's3:GetObject', resource: 'arn:aws:s3:::b/k' }] });
    assert.deepEqual(after.body.results.map((r: { reason: string }) => r.reason), ['ImplicitDeny', 'ImplicitDeny']);
    assert.deepEqual((await sidecarCall(server, '/v1/verify', credential)).body.policies, []);
  });

  it('revoking a session also ends the sessions assumed with it, down the chain', async () => {
    const parent = await assumeRole(server, alice, { sessionName: 'parent' });
    const child = await assumeRole(server, parent, { sessionName: 'child' });
    const grandchild = await assumeRole(server, child, { sessionName: 'grandchild' });
    await adminOk(server, 'DELETE', `/admin/v1/sessions/${parent.accessKeyId}`);
    for (const session of [child, grandchild]) {
      const res = await sidecarCall(server, '/v1/verify', { accessKeyId: session.accessKeyId, sessionToken: session.sessionToken });
      assert.equal(res.status, 401);
      assert.equal(res.body.reason, 'revoked');
      const sts = await stsRaw(server, session, { Action: 'GetCallerIdentity' });
      assert.equal(sts.status, 403);
      assert.equal(tag(sts.body, 'Code'), 'InvalidClientTokenId');
    }
  });

  it('a presigned Query API request cannot smuggle unsigned parameters in a body', async () => {
    const query = new URLSearchParams({ Action: 'AssumeRole', Version: '2011-06-15', RoleArn: 'arn:aws:iam::000000000000:role/r', RoleSessionName: 'presigned' }).toString();
    const host = new URL(server.url).host;
    const signed = signRequest({ method: 'POST', path: '/', query, headers: { host } }, alice, {
      region: 'us-east-1', service: 'sts', now: server.clock.now(), presign: { expiresSeconds: 300 },
    });
    const url = `${server.url}/?${signed.query}`;
    assert.equal((await rawRequest(url, { method: 'POST', headers: { host } })).status, 200, 'the presigned URL works as signed');
    const smuggled = await rawRequest(url, {
      method: 'POST',
      headers: { host, 'content-type': 'application/x-www-form-urlencoded' },
      body: 'DurationSeconds=604800',
    });
    assert.equal(smuggled.status, 400);
    assert.equal(tag(smuggled.body, 'Code'), 'InvalidParameterCombination');
  });

  it('policy names that are Object.prototype members are ordinary names', async () => {
    const refused = await stsRaw(server, alice, {
      Action: 'AssumeRole', RoleArn: 'arn:aws:iam::000000000000:role/r', RoleSessionName: 'named',
      'PolicyArns.member.1.arn': 'arn:aws:iam::000000000000:policy/toString',
    });
    assert.equal(refused.status, 400);
    assert.equal(tag(refused.body, 'Code'), 'InvalidParameterValue');
    await putPolicy(server, 'constructor', EVERYTHING);
    await adminOk(server, 'PUT', '/admin/v1/users/alice/policy', { policy: 'constructor' });
    const session = await stsCall(server, alice, { Action: 'GetSessionToken' });
    const res = await sidecarCall(server, '/v1/authorize', { accessKeyId: session.accessKeyId, sessionToken: session.sessionToken, checks: [PUT] });
    assert.equal(res.status, 200);
    assert.equal(res.body.results[0].decision, 'Allow');
  });

  it('answers a path with broken percent-encoding with 400, not 500', async () => {
    const res = await server.admin('GET', '/admin/v1/users/%E0%A4%A');
    assert.equal(res.status, 400);
    assert.equal(res.body.error.code, 'ValidationError');
  });

  it('refuses a user name shaped like a temporary access key id', async () => {
    const res = await server.admin('POST', '/admin/v1/users', { name: 'ASIAAAAAAAAAAAAAAAAA', secretKey: SECRET });
    assert.equal(res.status, 400);
    assert.equal(res.body.error.field, 'name');
  });
});
