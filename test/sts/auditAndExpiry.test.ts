import assert from 'node:assert/strict';
import type { SigningCredentials } from '../../src/sigv4/index.js';
import { startLiveServer, type LiveServer } from '../helpers/liveServer.js';
import { action, issueCredentials, queryCall } from './support/query.js';
import { createUser, roleArn, SECRET } from './support/users.js';

const WRONG_SECRET = 'Wrong-But-Secret-42';

/** Pieces of a token long enough to identify it: each JWT segment but the short header. */
function tokenPieces(token: string): string[] {
  return token.split('.').slice(1);
}

describe('STS audit lines and logs', function () {
  this.timeout(20_000);
  let server: LiveServer;
  let alice: SigningCredentials;
  const issued: Array<Required<SigningCredentials>> = [];
  const refusedRequestIds: string[] = [];

  before(async () => {
    server = await startLiveServer();
    alice = (await createUser(server, 'alice')).creds;
    const nobody = (await createUser(server, 'nobody', null)).creds;
    issued.push(await issueCredentials(server, alice, { RoleSessionName: 'first', DurationSeconds: '900' }));
    issued.push(await issueCredentials(server, alice, {}, 'GetSessionToken'));
    issued.push(await issueCredentials(server, issued[0] as SigningCredentials, { RoleSessionName: 'chained' }));
    for (const creds of issued) {
      const res = await queryCall(server, { params: action('GetCallerIdentity'), creds });
      assert.equal(res.status, 200, res.body);
    }
    const refusals = [
      { params: action('AssumeRole', { RoleArn: roleArn('audit'), RoleSessionName: 'wrong-secret' }), creds: { ...alice, secretAccessKey: WRONG_SECRET } },
      { params: action('AssumeRole', { RoleArn: roleArn('audit'), RoleSessionName: 'no-policy' }), creds: nobody },
      { params: action('GetSessionToken'), creds: issued[0] },
      { params: action('AssumeRole', { RoleArn: roleArn('audit'), RoleSessionName: 'x' }), creds: alice },
      {
        params: action('AssumeRole', { RoleArn: roleArn('audit'), RoleSessionName: 'bad-token' }),
        creds: { ...(issued[0] as SigningCredentials), sessionToken: `${issued[0]?.sessionToken}x` },
      },
    ];
    for (const call of refusals) {
      const res = await queryCall(server, call);
      assert.ok(res.status >= 400, res.body);
      refusedRequestIds.push(String(res.headers['x-amzn-requestid']));
    }
  });

  after(async () => {
    await server?.close();
  });

  it('writes one credentials-issued line per issued credential, naming its key and user', () => {
    const lines = server.deps.logs.records().filter((line) => line.audit === 'credentials-issued');
    assert.deepEqual(
      lines.map((line) => line.accessKeyId),
      issued.map((creds) => creds.accessKeyId),
    );
    assert.deepEqual(
      lines.map((line) => line.action),
      ['AssumeRole', 'GetSessionToken', 'AssumeRole'],
    );
    assert.ok(lines.every((line) => line.user === 'alice'));
  });

  it('writes one credentials-refused line per refused AssumeRole or GetSessionToken, with its code', () => {
    const lines = server.deps.logs.records().filter((line) => line.audit === 'credentials-refused');
    assert.deepEqual(
      lines.map((line) => line.reqId),
      refusedRequestIds,
    );
    assert.deepEqual(
      lines.map((line) => line.code),
      ['SignatureDoesNotMatch', 'AccessDenied', 'AccessDenied', 'ValidationError', 'InvalidClientTokenId'],
    );
  });

  it('never logs a secret key or a whole session token', () => {
    const text = server.deps.logs.text();
    assert.ok(server.deps.logs.lines.length > 20, 'expected the requests to be logged');
    const secrets = [SECRET, WRONG_SECRET, ...issued.map((creds) => creds.secretAccessKey)];
    for (const secret of secrets) assert.ok(!text.includes(secret), 'a secret key is in the logs');
    for (const creds of issued) {
      for (const piece of tokenPieces(creds.sessionToken)) assert.ok(!text.includes(piece), 'a session token is in the logs');
    }
  });
});

describe('STS session lifetime in the store', function () {
  this.timeout(20_000);
  let server: LiveServer;
  let alice: SigningCredentials;

  beforeEach(async () => {
    server = await startLiveServer();
    alice = (await createUser(server, 'alice')).creds;
  });

  afterEach(async () => {
    await server?.close();
  });

  const cases: Array<[string, 'AssumeRole' | 'GetSessionToken', number]> = [
    ['an AssumeRole session of 15 minutes', 'AssumeRole', 900],
    ['an AssumeRole session of 12 hours', 'AssumeRole', 12 * 3600],
    ['a GetSessionToken session of one week', 'GetSessionToken', 604_800],
  ];
  for (const [name, actionName, seconds] of cases) {
    it(`${name} lives exactly as long as asked, then is gone from the store and refused`, async () => {
      const creds = await issueCredentials(server, alice, { DurationSeconds: String(seconds) }, actionName);
      const session = await server.deps.store.getSession(creds.accessKeyId);
      assert.ok(session !== undefined, 'no session record');
      assert.equal(session.expiresAt - session.issuedAt, seconds * 1000);
      assert.equal(new Date(session.expiresAt).toISOString().replace('.000Z', 'Z'), creds.expiration);

      server.clock.advance(session.expiresAt - server.clock.now() - 1000);
      assert.ok(await server.deps.store.getSession(creds.accessKeyId), 'gone a second before it expires');
      const late = await queryCall(server, { params: action('GetCallerIdentity'), creds });
      assert.equal(late.status, 200, late.body);

      server.clock.advance(1000);
      assert.equal(await server.deps.store.getSession(creds.accessKeyId), undefined);
      const listed = await server.admin('GET', '/admin/v1/sessions?user=alice');
      assert.deepEqual(listed.body.sessions, []);
      const expired = await queryCall(server, { params: action('GetCallerIdentity'), creds });
      assert.equal(expired.status, 400, expired.body);
      assert.equal(expired.xml.text('Error/Code'), 'ExpiredToken');
    });
  }
});
