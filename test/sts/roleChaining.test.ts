/**
 * Role chaining: a session assumed with a session's credentials keeps every policy of its parent,
 * so it can only narrow, and what it stores stays bounded however deep the chain (issue 11.4).
 */
import assert from 'node:assert/strict';
import { MAX_SESSION_POLICY_BYTES } from '../../src/sts/sessionPolicies.js';
import { startLiveServer, type LiveServer } from '../helpers/liveServer.js';
import { rawRequest } from '../helpers/rawRequest.js';
import { assumeRole, createUser, policyDoc, putPolicy, sidecarCall, signedStsPost, type Credentials } from '../sidecar/support/world.js';

const SECRET = 'Sup3r-Secret-Key!';

/** The decisions for each action on `data/report`, with the session's credentials. */
async function decisions(server: LiveServer, session: Credentials, actions: readonly string[]): Promise<string[]> {
  const checks = actions.map((action) => ({ action, resource: 'arn:aws:s3:::data/report' }));
  const res = await sidecarCall(server, '/v1/authorize', { accessKeyId: session.accessKeyId, sessionToken: session.sessionToken, checks });
  assert.equal(res.status, 200, JSON.stringify(res.body));
  return res.body.results.map((result: { decision: string }) => result.decision);
}

/** A valid policy of about 1.9 KB, allowing s3:GetObject on data/* plus `n`'s own resources. */
function bulkyPolicy(n: number) {
  const resources = ['arn:aws:s3:::data/*'];
  for (let i = 0; resources.join('","').length < 1800; i++) resources.push(`arn:aws:s3:::bucket-${n}-${i}/some/long/prefix/*`);
  return policyDoc({ action: 's3:GetObject', resource: resources });
}

async function storedPolicyBytes(server: LiveServer, session: Credentials): Promise<number> {
  const record = await server.deps.store.getSession(session.accessKeyId);
  assert.ok(record !== undefined);
  return record.sessionPolicies.reduce((total, document) => total + Buffer.byteLength(document), 0);
}

async function assumeRoleCode(server: LiveServer, creds: Credentials, params: Record<string, string>): Promise<string> {
  const body = new URLSearchParams({ Version: '2011-06-15', Action: 'AssumeRole', RoleArn: 'arn:aws:iam::000000000000:role/app', RoleSessionName: 'deep', ...params }).toString();
  const res = await rawRequest(`${server.url}/`, { method: 'POST', headers: signedStsPost(server, creds, body), body });
  return res.status === 200 ? 'OK' : (/<Code>([^<]*)<\/Code>/.exec(res.body)?.[1] ?? String(res.status));
}

describe('role chaining', () => {
  let server: LiveServer;
  let alice: Credentials;
  beforeEach(async () => {
    server = await startLiveServer();
    alice = await createUser(server, 'alice', SECRET, { policy: 'readwrite' });
  });
  afterEach(() => server.close());

  it('only narrows down a chain of depth 3, whatever each link asks for', async () => {
    const all = ['s3:GetObject', 's3:PutObject', 's3:DeleteObject'];
    const parent = await assumeRole(server, alice, { sessionName: 'parent', policy: policyDoc({ action: ['s3:GetObject', 's3:PutObject'], resource: 'arn:aws:s3:::data/*' }) });
    assert.deepEqual(await decisions(server, parent, all), ['Allow', 'Allow', 'Deny']);
    // The child asks for everything: it still gets no more than its parent.
    const child = await assumeRole(server, parent, { sessionName: 'child', policy: policyDoc({ action: 's3:*', resource: '*' }) });
    assert.deepEqual(await decisions(server, child, all), ['Allow', 'Allow', 'Deny']);
    // The grandchild narrows to reads, and a further link asking for writes again stays there.
    const grandchild = await assumeRole(server, child, { sessionName: 'grandchild', policy: policyDoc({ action: 's3:GetObject', resource: '*' }) });
    assert.deepEqual(await decisions(server, grandchild, all), ['Allow', 'Deny', 'Deny']);
    const greatGrandchild = await assumeRole(server, grandchild, { sessionName: 'great', policy: policyDoc({ action: ['s3:PutObject', 's3:DeleteObject'], resource: '*' }) });
    assert.deepEqual(await decisions(server, greatGrandchild, all), ['Deny', 'Deny', 'Deny']);
    // Without a session policy of its own, a link keeps exactly its parent's.
    const plain = await assumeRole(server, grandchild, { sessionName: 'plain' });
    assert.deepEqual(await decisions(server, plain, all), ['Allow', 'Deny', 'Deny']);
  });

  it('stores a policy its parent already has once', async () => {
    const policy = bulkyPolicy(0);
    let session = await assumeRole(server, alice, { sessionName: 'link0', policy });
    const first = await storedPolicyBytes(server, session);
    for (let depth = 1; depth <= 5; depth++) session = await assumeRole(server, session, { sessionName: `link${depth}`, policy });
    assert.equal(await storedPolicyBytes(server, session), first);
  });

  it('caps the session policies a chain accumulates, as AWS caps the packed size', async () => {
    for (let n = 0; n < 12; n++) await putPolicy(server, `bulky${n}`, bulkyPolicy(n));
    const managed = Array.from({ length: 10 }, (_, n) => `bulky${n}`);
    let session = await assumeRole(server, alice, { sessionName: 'wide', policyArns: managed });
    assert.ok((await storedPolicyBytes(server, session)) > 10 * 1800);
    const codes: string[] = [];
    for (let depth = 0; depth < 4; depth++) {
      const params = { Policy: JSON.stringify(bulkyPolicy(200 + depth)) };
      const code = await assumeRoleCode(server, session, params);
      codes.push(code);
      if (code !== 'OK') break;
      session = await assumeRole(server, session, { sessionName: `deeper${depth}`, policy: bulkyPolicy(200 + depth) });
      assert.ok((await storedPolicyBytes(server, session)) <= MAX_SESSION_POLICY_BYTES);
    }
    assert.equal(codes.at(-1), 'PackedPolicyTooLarge', codes.join());
    // Ten managed policies of about 1.9 KB each leave room for two more links at most.
    assert.ok(codes.length <= 3, codes.join());
  });
});
