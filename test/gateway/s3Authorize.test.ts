import assert from 'node:assert/strict';
import { deriveSigningKey, signRequest, type SigningCredentials } from '../../src/sigv4/index.js';
import { startLiveServer, type LiveServer } from '../helpers/liveServer.js';
import { rawRequest } from '../helpers/rawRequest.js';
import { VERIFY_TOKEN } from '../helpers/testDeps.js';
import { assertMatchesSchema } from '../openapi/schemaCheck.js';
import { adminOk, assumeRole, createUser, policyDoc, putPolicy, sidecarCall, type Credentials } from '../sidecar/support/world.js';

const SECRET = 'Sup3r-Secret-Key!';
const HOST = 's3.example.test';
const EMPTY = 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855';

interface S3Call {
  method: string;
  path: string;
  query?: string;
  headers?: Record<string, string>;
  presign?: number;
}

function signS3(server: LiveServer, creds: SigningCredentials, call: S3Call) {
  const headers = { host: HOST, ...(call.presign === undefined ? { 'x-amz-content-sha256': EMPTY } : {}), ...call.headers };
  const signed = signRequest({ method: call.method, path: call.path, query: call.query ?? '', headers }, creds, {
    region: 'us-east-1',
    service: 's3',
    now: server.clock.now(),
    ...(call.presign === undefined ? {} : { presign: { expiresSeconds: call.presign } }),
  });
  return { method: call.method, path: call.path, query: signed.query, headers: signed.headers };
}

/** Every answer is also checked against openapi/openapi.yaml. */
async function s3Authorize(server: LiveServer, request: Record<string, unknown>) {
  const res = await sidecarCall(server, '/v1/s3/authorize', request);
  assertMatchesSchema('POST', '/v1/s3/authorize', res.status, res.body);
  return res;
}

/** What nginx's auth_request sub-request looks like for a signed S3 request. */
function proxyCall(server: LiveServer, request: ReturnType<typeof signS3>, extra: Record<string, string> = {}) {
  const uri = request.query === '' ? request.path : `${request.path}?${request.query}`;
  return rawRequest(`${server.url}/v1/s3/auth`, {
    method: 'GET',
    headers: { ...request.headers, 'x-original-method': request.method, 'x-original-uri': uri, 'x-sts-authorization': `Bearer ${VERIFY_TOKEN}`, 'x-forwarded-for': '192.0.2.7', ...extra },
  });
}

describe('POST /v1/s3/authorize and the proxy endpoint /v1/s3/auth', function () {
  this.timeout(30_000);
  let server: LiveServer;
  let session: Credentials;
  let user: Credentials;

  before(async () => {
    server = await startLiveServer();
    await putPolicy(server, 'data', policyDoc(
      { sid: 'Data', action: ['s3:GetObject', 's3:PutObject', 's3:DeleteObject', 's3:DeleteObjectVersion', 's3:ListBucket'], resource: ['arn:aws:s3:::data', 'arn:aws:s3:::data/*'] },
      { sid: 'Open', action: ['s3:GetObject', 's3:DeleteObject', 's3:DeleteObjectVersion'], resource: 'arn:aws:s3:::open/*' },
      { sid: 'NoVersions', action: 's3:DeleteObject', resource: 'arn:aws:s3:::flat/*' },
      { sid: 'KeepVersions', effect: 'Deny', action: 's3:DeleteObjectVersion', resource: 'arn:aws:s3:::data/history/*' },
      { sid: 'Keep', effect: 'Deny', action: 's3:DeleteObject', resource: 'arn:aws:s3:::data/keep/*' },
    ));
    user = await createUser(server, 'alice', SECRET, { policy: 'data', posixUid: 1001, posixGid: 100 });
    session = await assumeRole(server, user, { sessionName: 'gw' });
  });
  after(() => server.close());

  const get = (creds: SigningCredentials, path = '/data/a.txt') => signS3(server, creds, { method: 'GET', path });

  it('allows a header-signed GetObject, naming the operation, the deciding statement and the principal', async () => {
    const res = await s3Authorize(server, { ...get(session), sourceIp: '192.0.2.1', secureTransport: true });
    assert.equal(res.status, 200);
    assert.equal(res.body.decision, 'Allow');
    assert.equal(res.body.operation, 'GetObject');
    assert.deepEqual([res.body.bucket, res.body.key], ['data', 'a.txt']);
    assert.deepEqual(res.body.results, [{
      action: 's3:GetObject', resource: 'arn:aws:s3:::data/a.txt', decision: 'Allow', reason: 'Allowed',
      statement: { source: 'user', policyIndex: 0, name: 'data', sid: 'Data', index: 0 },
    }]);
    assert.equal(res.body.principal.user, 'alice');
    assert.equal(res.body.principal.posixUid, 1001);
    assert.equal(res.body.principal.arn, 'arn:aws:sts::000000000000:assumed-role/app/gw');
    assert.equal(Date.parse(res.body.expiration), Date.parse(session.expiration!));
    assert.equal(res.body.s3Error, undefined);
    assert.equal(res.body.signing, undefined);
  });

  it('allows presigned GETs and permanent keys', async () => {
    for (const request of [signS3(server, session, { method: 'GET', path: '/data/a.txt', presign: 300 }), get(user)]) {
      const res = await s3Authorize(server, request);
      assert.equal(res.body.decision, 'Allow', JSON.stringify(res.body));
    }
  });

  const denials: Array<[string, () => Promise<Record<string, unknown>>, string, number, string]> = [
    ['a policy that does not allow it', async () => get(session, '/other/a.txt'), 'AccessDenied', 403, 'policy'],
    ['an explicit Deny', async () => signS3(server, session, { method: 'DELETE', path: '/data/keep/x' }), 'AccessDenied', 403, 'policy'],
    ['an anonymous request', async () => ({ method: 'GET', path: '/data/a.txt', query: '', headers: { host: HOST } }), 'AccessDenied', 403, 'anonymous'],
    ['an unknown operation', async () => signS3(server, session, { method: 'GET', path: '/data', query: 'nosuchthing=1' }), 'AccessDenied', 403, 'unknown-operation'],
    ['a tampered signature', async () => {
      const request = get(session);
      return { ...request, headers: { ...request.headers, authorization: request.headers.authorization!.replace(/.$/, (c) => (c === '0' ? '1' : '0')) } };
    }, 'SignatureDoesNotMatch', 403, 'bad-signature'],
    ['an unknown access key', async () => get({ accessKeyId: 'nobody', secretAccessKey: SECRET }), 'InvalidAccessKeyId', 403, 'unknown-key'],
    ['a stale signature', async () => {
      const request = get(session);
      server.clock.advance(16 * 60_000);
      return request;
    }, 'RequestTimeTooSkewed', 403, 'bad-signature'],
    ['a SigV2 header', async () => ({ method: 'GET', path: '/data/a.txt', query: '', headers: { host: HOST, authorization: 'AWS alice:abc' } }), 'AuthorizationHeaderMalformed', 400, 'malformed'],
  ];
  for (const [name, make, code, status, reason] of denials) {
    it(`denies ${name}: ${code}`, async () => {
      const res = await s3Authorize(server, await make());
      assert.equal(res.status, 200);
      assert.equal(res.body.decision, 'Deny');
      assert.equal(res.body.s3Error.code, code);
      assert.equal(res.body.s3Error.status, status);
      assert.equal(res.body.s3Error.reason, reason);
      assert.match(res.body.s3Error.xml, new RegExp(`^<\\?xml version="1.0" encoding="UTF-8"\\?><Error><Code>${code}</Code><Message>[^<]+</Message><RequestId>${res.body.s3Error.requestId}</RequestId></Error>$`));
    });
  }

  it('refuses revoked and expired sessions with InvalidToken and ExpiredToken', async () => {
    const revoked = await assumeRole(server, user, { sessionName: 'revoked' });
    await adminOk(server, 'DELETE', `/admin/v1/sessions/${revoked.accessKeyId}`);
    assert.equal((await s3Authorize(server, get(revoked))).body.s3Error.code, 'InvalidToken');
    const short = await assumeRole(server, user, { sessionName: 'short', durationSeconds: 900 });
    server.clock.advance(901_000);
    const res = await s3Authorize(server, get(short));
    assert.equal(res.body.s3Error.code, 'ExpiredToken');
    assert.equal(res.body.s3Error.status, 400);
  });

  it('returns the day-scoped signing context for allowed chunk-signed uploads', async () => {
    const request = signS3(server, session, {
      method: 'PUT', path: '/data/big.bin',
      headers: { 'x-amz-content-sha256': 'STREAMING-AWS4-HMAC-SHA256-PAYLOAD', 'x-amz-decoded-content-length': '10', 'content-encoding': 'aws-chunked' },
    });
    const res = await s3Authorize(server, request);
    assert.equal(res.body.decision, 'Allow', JSON.stringify(res.body));
    const day = request.headers['x-amz-date']!.slice(0, 8);
    const want = deriveSigningKey(session.secretAccessKey, day, 'us-east-1', 's3').toString('hex');
    assert.deepEqual(res.body.signing, {
      signingKey: want, amzDate: request.headers['x-amz-date'], scope: `${day}/us-east-1/s3/aws4_request`,
      seedSignature: /Signature=([0-9a-f]{64})/.exec(request.headers.authorization!)?.[1],
    });
  });

  describe('DeleteObjects (keys in the body)', () => {
    const deleteObjects = (creds: SigningCredentials, bucket: string) =>
      signS3(server, creds, { method: 'POST', path: `/${bucket}`, query: 'delete=', headers: { 'content-md5': '1B2M2Y8AsgTpgAmY7PhCfg==' } });

    it('is refused without keys when a Deny may apply to some key of the bucket', async () => {
      const res = await s3Authorize(server, deleteObjects(session, 'data'));
      assert.deepEqual([res.body.decision, res.body.s3Error.reason], ['Deny', 'keys-in-body']);
    });
    it('checks each key the frontend read from the body', async () => {
      const fine = await s3Authorize(server, { ...deleteObjects(session, 'data'), keys: ['a', 'b/c'] });
      assert.equal(fine.body.decision, 'Allow');
      assert.deepEqual(fine.body.results.map((r: { resource: string }) => r.resource), ['arn:aws:s3:::data/a', 'arn:aws:s3:::data/b/c']);
      const kept = await s3Authorize(server, { ...deleteObjects(session, 'data'), keys: ['a', 'keep/x'] });
      assert.deepEqual([kept.body.decision, kept.body.s3Error.reason, kept.body.results[1].reason], ['Deny', 'policy', 'ExplicitDeny']);
    });
    it('is allowed without keys when no Deny can apply to the bucket', async () => {
      assert.equal((await s3Authorize(server, deleteObjects(session, 'open'))).body.decision, 'Allow');
    });
    it('needs s3:DeleteObjectVersion for an entry naming a version, as AWS checks it', async () => {
      const versioned = await s3Authorize(server, { ...deleteObjects(session, 'data'), keys: ['a', { key: 'history/old', versionId: 'v1' }] });
      assert.deepEqual([versioned.body.decision, versioned.body.results[1].action, versioned.body.results[1].reason], ['Deny', 's3:DeleteObjectVersion', 'ExplicitDeny']);
      const plain = await s3Authorize(server, { ...deleteObjects(session, 'data'), keys: ['a', { key: 'history/old' }] });
      assert.equal(plain.body.decision, 'Allow');
    });
    it('without keys needs s3:DeleteObjectVersion on the bucket too, since versions may be in the body', async () => {
      const res = await s3Authorize(server, deleteObjects(session, 'flat'));
      assert.deepEqual([res.body.decision, res.body.s3Error.reason], ['Deny', 'policy']);
      assert.match(res.body.s3Error.message, /s3:DeleteObjectVersion/);
      assert.equal((await s3Authorize(server, { ...deleteObjects(session, 'flat'), keys: ['x'] })).body.decision, 'Allow');
    });
    it('keeps the operation\'s other checks when the keys are given', async () => {
      const bypass = signS3(server, session, { method: 'POST', path: '/open', query: 'delete=', headers: { 'content-md5': '1B2M2Y8AsgTpgAmY7PhCfg==', 'x-amz-bypass-governance-retention': 'true' } });
      const res = await s3Authorize(server, { ...bypass, keys: ['a'] });
      assert.equal(res.body.decision, 'Deny');
      assert.ok(res.body.results.some((r: { action: string; decision: string }) => r.action === 's3:BypassGovernanceRetention' && r.decision === 'Deny'));
    });
  });

  it('rejects calls without the verify token, and bad input', async () => {
    assert.equal((await sidecarCall(server, '/v1/s3/authorize', get(session), 'wrong-token-0123456789')).status, 401);
    assert.equal((await s3Authorize(server, { ...get(session), extra: 1 })).status, 400);
    assert.equal((await s3Authorize(server, { ...get(session), path: 'no-slash' })).status, 400);
  });

  describe('the proxy endpoint', () => {
    it('answers 200 with the principal in headers', async () => {
      const res = await proxyCall(server, get(session));
      assert.equal(res.status, 200);
      assert.equal(res.headers['x-s3-user'], 'alice');
      assert.equal(res.headers['x-s3-uid'], '1001');
      assert.equal(res.headers['x-s3-gid'], '100');
      assert.equal(res.headers['x-s3-arn'], 'arn:aws:sts::000000000000:assumed-role/app/gw');
      assert.equal(res.headers['x-s3-operation'], 'GetObject');
    });
    it('answers 403 with the S3 XML and the error in headers', async () => {
      const res = await proxyCall(server, get(session, '/other/x'));
      assert.equal(res.status, 403);
      assert.equal(res.headers['x-s3-error-code'], 'AccessDenied');
      assert.match(res.body, /<Code>AccessDenied<\/Code>/);
    });
    it('uses the S3 status when asked to (Envoy passes it on)', async () => {
      const short = await assumeRole(server, user, { sessionName: 'short2', durationSeconds: 900 });
      server.clock.advance(901_000);
      const res = await proxyCall(server, get(short), { 'x-sts-deny-status': 's3' });
      assert.deepEqual([res.status, res.headers['x-s3-error-code']], [400, 'ExpiredToken']);
    });
    it('believes no X-Forwarded-Host: the Host the client signed is the one checked', async () => {
      const request = get(session);
      const res = await proxyCall(server, { ...request, headers: { ...request.headers, host: 'secret.s3.example.test' } }, { 'x-forwarded-host': HOST });
      assert.equal(res.status, 403);
      assert.equal(res.headers['x-s3-error-code'], 'SignatureDoesNotMatch');
    });
    it('refuses an nginx sub-request that does not describe the original request', async () => {
      const request = get(session);
      const res = await rawRequest(`${server.url}/v1/s3/auth`, { method: 'GET', headers: { ...request.headers, 'x-sts-authorization': `Bearer ${VERIFY_TOKEN}` } });
      assert.equal(res.status, 400);
    });
    it('Envoy form: the path after /v1/s3/ext-authz, with X-Original-* and X-Real-IP from the client ignored', async () => {
      const request = get(session);
      const envoy = (path: string, method: string, extra: Record<string, string> = {}) =>
        rawRequest(`${server.url}/v1/s3/ext-authz${path}`, {
          method,
          headers: { ...request.headers, 'x-sts-authorization': `Bearer ${VERIFY_TOKEN}`, 'x-forwarded-for': '203.0.113.9', ...extra },
        });
      assert.equal((await envoy(request.path, 'GET')).status, 200);
      // The client signed GET data/report but Envoy forwards DELETE other/x: the spoofed headers change nothing.
      const spoofed = await envoy('/other/x', 'DELETE', { 'x-original-method': 'GET', 'x-original-uri': request.path, 'x-real-ip': '10.1.2.3' });
      assert.equal(spoofed.status, 403);
      assert.equal(spoofed.headers['x-s3-error-code'], 'SignatureDoesNotMatch');
      assert.equal((await rawRequest(`${server.url}/v1/s3/auth${request.path}`, { method: 'GET', headers: { ...request.headers, 'x-sts-authorization': `Bearer ${VERIFY_TOKEN}` } })).status, 404);
    });
    it('refuses chunk-signed uploads, which nothing behind the proxy can check', async () => {
      const request = signS3(server, session, {
        method: 'PUT', path: '/data/big.bin',
        headers: { 'x-amz-content-sha256': 'STREAMING-AWS4-HMAC-SHA256-PAYLOAD', 'x-amz-decoded-content-length': '10' },
      });
      const res = await proxyCall(server, request);
      assert.equal(res.status, 403);
      assert.match(String(res.headers['x-s3-error-message']), /chunk-signed/);
    });
    it('is 401 without the verify token', async () => {
      const res = await proxyCall(server, get(session), { 'x-sts-authorization': 'Bearer nope-nope-nope-nope' });
      assert.equal(res.status, 401);
    });
  });

  it('logs an audit line for denials, without the token', async () => {
    const request = get(session, '/other/audit');
    await s3Authorize(server, request);
    const line = server.deps.logs.records().find((r) => r.audit === 's3-denied' && r.bucket === 'other');
    assert.ok(line);
    assert.equal(line.user, 'alice');
    assert.ok(!server.deps.logs.text().includes(session.sessionToken!));
    assert.ok(!server.deps.logs.text().includes(session.secretAccessKey));
  });
});

describe('the S3 gateway with STS_S3_DOMAINS', () => {
  let server: LiveServer;
  let session: Credentials;
  before(async () => {
    server = await startLiveServer({ env: { STS_S3_DOMAINS: HOST } });
    await putPolicy(server, 'pub', policyDoc({ action: 's3:GetObject', resource: 'arn:aws:s3:::public/*' }));
    const user = await createUser(server, 'carol', SECRET, { policy: 'pub' });
    session = await assumeRole(server, user, { sessionName: 'vhost' });
  });
  after(() => server.close());

  function signedFor(host: string, path: string) {
    const signed = signRequest({ method: 'GET', path, query: '', headers: { host, 'x-amz-content-sha256': EMPTY } }, session, {
      region: 'us-east-1', service: 's3', now: server.clock.now(),
    });
    return { method: 'GET', path, query: signed.query, headers: signed.headers };
  }

  it('reads <bucket>.<domain> as the bucket, so another bucket\'s keys are not reachable through the Host', async () => {
    assert.equal((await s3Authorize(server, signedFor(`public.${HOST}`, '/report.csv'))).body.decision, 'Allow');
    const other = await s3Authorize(server, signedFor(`secret.${HOST}`, '/public/payroll.csv'));
    assert.deepEqual([other.body.decision, other.body.bucket, other.body.key], ['Deny', 'secret', 'public/payroll.csv']);
  });

  it('denies a Host that is not the S3 domain or a bucket under it', async () => {
    const res = await s3Authorize(server, signedFor('s3.elsewhere.test', '/public/report.csv'));
    assert.equal(res.body.decision, 'Deny');
    assert.match(res.body.s3Error.message, /unknown-host/);
  });
});
