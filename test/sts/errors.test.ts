import assert from 'node:assert/strict';
import { systemClock } from '../../src/clock.js';
import { StoreUnavailableError } from '../../src/errors.js';
import type { SigningCredentials } from '../../src/sigv4/index.js';
import { MemoryStore } from '../../src/store/memory/memoryStore.js';
import type { Store } from '../../src/store/types.js';
import { startLiveServer, type LiveServer } from '../helpers/liveServer.js';
import { rawRequest } from '../helpers/rawRequest.js';
import { action, FORM_TYPE, issueCredentials, queryCall, type QueryCall, type QueryResponse } from './support/query.js';
import { parseStsXml } from './support/xml.js';
import { ACCOUNT, createPolicy, createUser, roleArn, SECRET } from './support/users.js';
import { BUILTIN_POLICY_NAMES } from '../../src/policies/index.js';

const STS_NAMESPACE = 'https://sts.amazonaws.com/doc/2011-06-15/';
const HOUR_MS = 3_600_000;

/** What the table's requests are made from: users and sessions in various states. */
interface Fixture {
  readonly server: LiveServer;
  readonly alice: SigningCredentials;
  readonly nobody: SigningCredentials;
  readonly session: Required<SigningCredentials>;
  readonly otherSession: Required<SigningCredentials>;
  readonly revoked: Required<SigningCredentials>;
  readonly removedUsers: Required<SigningCredentials>;
}

type Send = (f: Fixture) => Promise<QueryResponse>;

/** A hand-signed Query API call. */
function signed(make: (f: Fixture) => QueryCall): Send {
  return (f) => queryCall(f.server, make(f));
}

const assume = (params: Record<string, string> = {}) =>
  action('AssumeRole', { RoleArn: roleArn('errors'), RoleSessionName: 'errors-session', ...params });

/** A request sent as given, for what signRequest cannot produce. */
function raw(method: string, headers: (f: Fixture) => Record<string, string>, body = ''): Send {
  return async (f) => {
    const res = await rawRequest(`${f.server.url}/`, { method, headers: { host: `127.0.0.1:${f.server.port}`, ...headers(f) }, body });
    return { ...res, xml: parseStsXml(res.body) };
  };
}

function tamperPayload(token: string): string {
  const [header, payload, signature] = token.split('.') as [string, string, string];
  const claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as Record<string, unknown>;
  return [header, Buffer.from(JSON.stringify({ ...claims, sub: 'root' })).toString('base64url'), signature].join('.');
}

function tamperSignature(token: string): string {
  const at = token.length - 10;
  return token.slice(0, at) + (token[at] === 'A' ? 'B' : 'A') + token.slice(at + 1);
}

const bigPolicy = JSON.stringify({
  Version: '2012-10-17',
  Statement: Array.from({ length: 40 }, (_, i) => ({ Sid: `S${i}`, Effect: 'Allow', Action: 's3:GetObject', Resource: `arn:aws:s3:::bucket-${i}/*` })),
});

/** [name, request, HTTP status, AWS code, the credential action it audits as refused (if any)] */
const CASES: Array<[string, Send, number, string, ('AssumeRole' | 'GetSessionToken')?]> = [
  // authentication
  ['a wrong secret', signed((f) => ({ params: assume(), creds: { ...f.alice, secretAccessKey: 'Wrong-Secret-123' } })), 403, 'SignatureDoesNotMatch', 'AssumeRole'],
  ['an unknown access key', signed(() => ({ params: assume(), creds: { accessKeyId: 'nobody-here', secretAccessKey: SECRET } })), 403, 'InvalidClientTokenId', 'AssumeRole'],
  ['an unknown temporary key', signed((f) => ({ params: action('GetCallerIdentity'), creds: { ...f.session, accessKeyId: 'ASIA0000000000000000' } })), 403, 'InvalidClientTokenId'],
  ['a revoked session', signed((f) => ({ params: action('GetCallerIdentity'), creds: f.revoked })), 403, 'InvalidClientTokenId'],
  ['a revoked session assuming a role', signed((f) => ({ params: assume(), creds: f.revoked })), 403, 'InvalidClientTokenId', 'AssumeRole'],
  ["a removed user's session", signed((f) => ({ params: action('GetCallerIdentity'), creds: f.removedUsers })), 403, 'InvalidClientTokenId'],
  ['a token with tampered claims', signed((f) => ({ params: action('GetCallerIdentity'), creds: { ...f.session, sessionToken: tamperPayload(f.session.sessionToken) } })), 403, 'InvalidClientTokenId'],
  ['a token with a tampered signature', signed((f) => ({ params: action('GetCallerIdentity'), creds: { ...f.session, sessionToken: tamperSignature(f.session.sessionToken) } })), 403, 'InvalidClientTokenId'],
  ["another session's token", signed((f) => ({ params: action('GetCallerIdentity'), creds: { ...f.session, sessionToken: f.otherSession.sessionToken } })), 403, 'InvalidClientTokenId'],
  ['a temporary key without its token', signed((f) => ({ params: action('GetCallerIdentity'), creds: { accessKeyId: f.session.accessKeyId, secretAccessKey: f.session.secretAccessKey } })), 403, 'InvalidClientTokenId'],
  ['a permanent key with a session token', signed((f) => ({ params: action('GetCallerIdentity'), creds: { ...f.alice, sessionToken: f.session.sessionToken } })), 403, 'InvalidClientTokenId'],
  ['a signature two hours old', signed((f) => ({ params: assume(), creds: f.alice, now: f.server.clock.now() - 2 * HOUR_MS })), 403, 'SignatureDoesNotMatch', 'AssumeRole'],
  ['a presigned URL past its expiry', signed((f) => ({ params: action('GetCallerIdentity'), creds: f.alice, method: 'GET', presignSeconds: 60, now: f.server.clock.now() - 120_000 })), 403, 'SignatureDoesNotMatch'],
  ['a signature scoped to another region', signed((f) => ({ params: action('GetCallerIdentity'), creds: f.alice, region: 'eu-west-1' })), 403, 'SignatureDoesNotMatch'],
  ['an unsigned request', signed(() => ({ params: assume() })), 403, 'MissingAuthenticationToken', 'AssumeRole'],
  ['an incomplete Authorization header', raw('POST', () => ({ 'content-type': FORM_TYPE, authorization: 'AWS4-HMAC-SHA256 Credential=alice' }), 'Action=GetCallerIdentity&Version=2011-06-15'), 400, 'IncompleteSignature'],
  // AssumeRole parameters
  ['DurationSeconds 899', signed((f) => ({ params: assume({ DurationSeconds: '899' }), creds: f.alice })), 400, 'ValidationError', 'AssumeRole'],
  ['DurationSeconds 604801', signed((f) => ({ params: assume({ DurationSeconds: '604801' }), creds: f.alice })), 400, 'ValidationError', 'AssumeRole'],
  ['a DurationSeconds that is not a number', signed((f) => ({ params: assume({ DurationSeconds: '1h' }), creds: f.alice })), 400, 'InvalidParameterValue', 'AssumeRole'],
  ['a one-character session name', signed((f) => ({ params: assume({ RoleSessionName: 'a' }), creds: f.alice })), 400, 'ValidationError', 'AssumeRole'],
  ['a session name with a space', signed((f) => ({ params: assume({ RoleSessionName: 'bad name' }), creds: f.alice })), 400, 'ValidationError', 'AssumeRole'],
  ['a 65-character session name', signed((f) => ({ params: assume({ RoleSessionName: 's'.repeat(65) }), creds: f.alice })), 400, 'ValidationError', 'AssumeRole'],
  ['a RoleArn under 20 characters', signed((f) => ({ params: assume({ RoleArn: 'arn:aws:iam::1:role' }), creds: f.alice })), 400, 'ValidationError', 'AssumeRole'],
  ['a session policy that is not JSON', signed((f) => ({ params: assume({ Policy: '{"Version": "2012-10-17", ' }), creds: f.alice })), 400, 'MalformedPolicyDocument', 'AssumeRole'],
  ['a session policy with a bad Effect', signed((f) => ({ params: assume({ Policy: JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Maybe', Action: 's3:*', Resource: '*' }] }) }), creds: f.alice })), 400, 'MalformedPolicyDocument', 'AssumeRole'],
  ['a session policy with a Principal', signed((f) => ({ params: assume({ Policy: JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: '*', Action: 's3:*', Resource: '*' }] }) }), creds: f.alice })), 400, 'MalformedPolicyDocument', 'AssumeRole'],
  ['an oversized session policy', signed((f) => ({ params: assume({ Policy: bigPolicy }), creds: f.alice })), 400, 'PackedPolicyTooLarge', 'AssumeRole'],
  ['an unknown PolicyArns entry', signed((f) => ({ params: assume({ 'PolicyArns.member.1.arn': `arn:aws:iam::${ACCOUNT}:policy/no-such-policy` }), creds: f.alice })), 400, 'InvalidParameterValue', 'AssumeRole'],
  ["a PolicyArns entry of another account", signed((f) => ({ params: assume({ 'PolicyArns.member.1.arn': 'arn:aws:iam::123456789012:policy/listing' }), creds: f.alice })), 400, 'InvalidParameterValue', 'AssumeRole'],
  ['eleven PolicyArns', signed((f) => ({ params: assume(Object.fromEntries(Array.from({ length: 11 }, (_, i) => [`PolicyArns.member.${i + 1}.arn`, `arn:aws:iam::${ACCOUNT}:policy/listing`]))), creds: f.alice })), 400, 'ValidationError', 'AssumeRole'],
  ['a missing RoleSessionName', signed((f) => ({ params: action('AssumeRole', { RoleArn: roleArn('errors') }), creds: f.alice })), 400, 'MissingParameter', 'AssumeRole'],
  ['a missing RoleArn', signed((f) => ({ params: action('AssumeRole', { RoleSessionName: 'errors-session' }), creds: f.alice })), 400, 'MissingParameter', 'AssumeRole'],
  ['an unsupported parameter (Tags)', signed((f) => ({ params: assume({ 'Tags.member.1.Key': 'team', 'Tags.member.1.Value': 'x' }), creds: f.alice })), 400, 'InvalidParameterValue', 'AssumeRole'],
  ['an unsupported parameter (MFA SerialNumber)', signed((f) => ({ params: assume({ SerialNumber: 'arn:aws:iam::000000000000:mfa/x', TokenCode: '123456' }), creds: f.alice })), 400, 'InvalidParameterValue', 'AssumeRole'],
  ['a repeated parameter', signed((f) => ({ params: [...assume(), ['RoleSessionName', 'second-name']], creds: f.alice })), 400, 'InvalidParameterValue'],
  // authorisation
  ['AssumeRole by a user without a policy', signed((f) => ({ params: assume(), creds: f.nobody })), 403, 'AccessDenied', 'AssumeRole'],
  ['GetSessionToken by a user without a policy', signed((f) => ({ params: action('GetSessionToken'), creds: f.nobody })), 403, 'AccessDenied', 'GetSessionToken'],
  ['GetSessionToken with temporary credentials', signed((f) => ({ params: action('GetSessionToken'), creds: f.session })), 403, 'AccessDenied', 'GetSessionToken'],
  ['GetSessionToken for 899 seconds', signed((f) => ({ params: action('GetSessionToken', { DurationSeconds: '899' }), creds: f.alice })), 400, 'ValidationError', 'GetSessionToken'],
  ['GetSessionToken with a session policy', signed((f) => ({ params: action('GetSessionToken', { Policy: '{}' }), creds: f.alice })), 400, 'InvalidParameterValue', 'GetSessionToken'],
  // the protocol
  ['an unsupported action', signed((f) => ({ params: action('AssumeRoleWithWebIdentity', { RoleArn: roleArn('errors') }), creds: f.alice })), 400, 'InvalidAction'],
  ['an unknown action', signed((f) => ({ params: action('DeleteEverything'), creds: f.alice })), 400, 'InvalidAction'],
  ['a wrong Version', signed((f) => ({ params: [['Action', 'GetCallerIdentity'], ['Version', '2010-01-01']], creds: f.alice })), 400, 'InvalidAction'],
  ['a missing Version', signed((f) => ({ params: [['Action', 'GetCallerIdentity']], creds: f.alice })), 400, 'MissingParameter'],
  ['a missing Action', signed((f) => ({ params: [['Version', '2011-06-15']], creds: f.alice })), 400, 'MissingParameter'],
  ['GetCallerIdentity with a parameter it does not take', signed((f) => ({ params: action('GetCallerIdentity', { RoleArn: roleArn('errors') }), creds: f.alice })), 400, 'InvalidParameterValue'],
  ['a PUT', signed((f) => ({ params: action('GetCallerIdentity'), creds: f.alice, method: 'PUT', inQuery: true })), 405, 'MethodNotAllowed'],
  ['a DELETE', signed((f) => ({ params: action('GetCallerIdentity'), creds: f.alice, method: 'DELETE', inQuery: true })), 405, 'MethodNotAllowed'],
  ['a JSON body', signed((f) => ({ params: action('GetCallerIdentity'), creds: f.alice, contentType: 'application/json' })), 415, 'UnsupportedMediaType'],
];

/** Every refusal is an AWS ErrorResponse: XML, the right Type and Code, the request id twice, no internals. */
function assertErrorResponse(res: QueryResponse, status: number, code: string): void {
  assert.equal(res.status, status, res.body);
  assert.match(String(res.headers['content-type']), /^text\/xml/);
  const requestId = res.headers['x-amzn-requestid'];
  assert.match(String(requestId), /^[0-9a-f-]{36}$/);
  assert.equal(res.xml.root, 'ErrorResponse');
  assert.equal(res.xml.namespace, STS_NAMESPACE);
  assert.equal(res.xml.text('Error/Code'), code);
  assert.equal(res.xml.text('Error/Type'), status >= 500 ? 'Receiver' : 'Sender');
  assert.ok((res.xml.text('Error/Message') ?? '').length > 0, 'empty Message');
  assert.equal(res.xml.text('RequestId'), requestId);
  assert.doesNotMatch(res.body, /\bat .+\.[cm]?[jt]s:\d+|node_modules|Error: /, 'stack trace in the response');
  assert.ok(!res.body.includes(SECRET), 'secret in the response');
}

describe('STS errors', function () {
  this.timeout(20_000);
  let fixture: Fixture;

  before(async () => {
    const server = await startLiveServer();
    const alice = (await createUser(server, 'alice')).creds;
    const nobody = (await createUser(server, 'nobody', null)).creds;
    await createPolicy(server, 'listing', { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 's3:ListBucket', Resource: '*' }] });
    const bob = (await createUser(server, 'bob')).creds;
    const revoked = await issueCredentials(server, alice, { RoleSessionName: 'to-revoke' });
    assert.equal((await server.admin('DELETE', `/admin/v1/sessions/${revoked.accessKeyId}`)).status, 204);
    const removedUsers = await issueCredentials(server, bob);
    assert.equal((await server.admin('DELETE', '/admin/v1/users/bob')).status, 204);
    fixture = {
      server,
      alice,
      nobody,
      session: await issueCredentials(server, alice),
      otherSession: await issueCredentials(server, alice, { RoleSessionName: 'other' }),
      revoked,
      removedUsers,
    };
  });

  after(async () => {
    await fixture?.server.close();
  });

  for (const [name, send, status, code, audited] of CASES) {
    it(`${name}: ${code} (${status})`, async () => {
      const res = await send(fixture);
      assertErrorResponse(res, status, code);
      const requestId = res.headers['x-amzn-requestid'];
      const lines = fixture.server.deps.logs.records().filter((line) => line.reqId === requestId);
      assert.ok(!lines.some((line) => line.audit === 'credentials-issued'), 'credentials issued');
      if (audited !== undefined) {
        const refused = lines.find((line) => line.audit === 'credentials-refused');
        assert.ok(refused, 'no credentials-refused audit line');
        assert.equal(refused.action, audited);
        assert.equal(refused.code, code);
      }
    });
  }

  it('GetCallerIdentity still works for a user without a policy', async () => {
    const res = await queryCall(fixture.server, { params: action('GetCallerIdentity'), creds: fixture.nobody });
    assert.equal(res.status, 200, res.body);
    assert.equal(res.xml.text('GetCallerIdentityResult/Arn'), `arn:aws:iam::${ACCOUNT}:user/nobody`);
  });
});

describe('STS errors once a session has expired', function () {
  this.timeout(20_000);
  let server: LiveServer;
  let alice: SigningCredentials;
  let session: Required<SigningCredentials>;

  before(async () => {
    server = await startLiveServer();
    alice = (await createUser(server, 'alice')).creds;
    session = await issueCredentials(server, alice, { DurationSeconds: '900' });
    server.clock.advance(2 * HOUR_MS);
  });

  after(async () => {
    await server?.close();
  });

  const cases: Array<[string, (now: number) => QueryCall, number, string]> = [
    ['signed at the server time: ExpiredToken', (now) => ({ params: action('GetCallerIdentity'), creds: session, now }), 400, 'ExpiredToken'],
    ['assuming a role, signed at the server time: ExpiredToken', (now) => ({ params: assume(), creds: session, now }), 400, 'ExpiredToken'],
    ['signed at real time, two hours behind the server: SignatureDoesNotMatch', () => ({ params: action('GetCallerIdentity'), creds: session, now: Date.now() }), 403, 'SignatureDoesNotMatch'],
  ];
  for (const [name, make, status, code] of cases) {
    it(name, async () => {
      assertErrorResponse(await queryCall(server, make(server.clock.now())), status, code);
    });
  }

  it('the permanent keys still work at the server time', async () => {
    const res = await queryCall(server, { params: action('GetCallerIdentity'), creds: alice });
    assert.equal(res.status, 200, res.body);
  });
});

/** A memory store that can be made unreachable, as a Redis outage looks to the service. */
function switchableStore(): { store: Store; setDown(down: boolean): void } {
  let down = false;
  const memory = new MemoryStore({ clock: systemClock, builtinPolicies: BUILTIN_POLICY_NAMES });
  const store = new Proxy(memory, {
    get(target, property, receiver) {
      const value: unknown = Reflect.get(target, property, receiver);
      if (typeof value !== 'function' || property === 'close') return value;
      return (...args: unknown[]) => (down ? Promise.reject(new StoreUnavailableError()) : value.apply(target, args));
    },
  });
  return { store, setDown: (next) => (down = next) };
}

describe('STS errors while the store is unreachable', function () {
  this.timeout(20_000);
  let server: LiveServer;
  let alice: SigningCredentials;
  const backend = switchableStore();

  before(async () => {
    server = await startLiveServer({ store: backend.store });
    alice = (await createUser(server, 'alice')).creds;
    backend.setDown(true);
  });

  after(async () => {
    backend.setDown(false);
    await server?.close();
  });

  const cases: Array<[string, QueryCall['params'], boolean]> = [
    ['AssumeRole', assume(), true],
    ['GetCallerIdentity', action('GetCallerIdentity'), false],
  ];
  for (const [name, params, audited] of cases) {
    it(`${name} fails closed: ServiceUnavailable (503)`, async () => {
      const res = await queryCall(server, { params, creds: alice });
      assertErrorResponse(res, 503, 'ServiceUnavailable');
      const refused = server.deps.logs.records().find((line) => line.reqId === res.headers['x-amzn-requestid'] && line.audit === 'credentials-refused');
      assert.equal(refused?.code, audited ? 'ServiceUnavailable' : undefined);
    });
  }
});
