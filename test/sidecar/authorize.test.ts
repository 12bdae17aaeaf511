import assert from 'node:assert/strict';
import { startLiveServer, type LiveServer } from '../helpers/liveServer.js';
import { assertMatchesSchema } from '../openapi/schemaCheck.js';
import { MEMORY_KINDS } from './support/stores.js';
import { adminOk, assumeRole, createUser, getSessionToken, putPolicy, sidecarCall, signedUserRequest, type Credentials } from './support/world.js';

const SECRET = 'Sup3r-Secret-Key!';
const S3 = 'arn:aws:s3:::';

/** One statement per service-supplied or frontend-supplied key the evaluation must see. */
const HOME_POLICY = {
  Version: '2012-10-17',
  Statement: [
    { Sid: 'OwnHome', Effect: 'Allow', Action: ['s3:GetObject', 's3:PutObject'], Resource: `${S3}home/\${aws:username}/*` },
    { Sid: 'ListOwnPrefix', Effect: 'Allow', Action: 's3:ListBucket', Resource: `${S3}home`, Condition: { StringLike: { 's3:prefix': '${aws:username}/*' } } },
    { Sid: 'NoSecrets', Effect: 'Deny', Action: 's3:*', Resource: `${S3}home/*/secret/*` },
    { Sid: 'OfficeOnly', Effect: 'Allow', Action: 's3:GetObject', Resource: `${S3}shared/*`, Condition: { IpAddress: { 'aws:SourceIp': ['10.0.0.0/8', '2001:db8::/32'] } } },
    { Sid: 'RolesOnly', Effect: 'Allow', Action: 's3:DeleteObject', Resource: `${S3}scratch/*`, Condition: { StringEquals: { 'aws:PrincipalType': 'AssumedRole' } } },
    { Sid: 'SmallLists', Effect: 'Allow', Action: 's3:ListBucket', Resource: `${S3}shared`, Condition: { NumericLessThanEquals: { 's3:max-keys': '100' } } },
    { Sid: 'FreshTokens', Effect: 'Allow', Action: 's3:GetObject', Resource: `${S3}fresh/*`, Condition: { DateGreaterThan: { 'aws:TokenIssueTime': '2020-01-01T00:00:00Z' } } },
    { Sid: 'BeforeY2K', Effect: 'Allow', Action: 's3:GetObject', Resource: `${S3}old/*`, Condition: { DateLessThan: { 'aws:CurrentTime': '2000-01-01T00:00:00Z' } } },
    { Sid: 'AfterY2K', Effect: 'Allow', Action: 's3:GetObject', Resource: `${S3}epoch/*`, Condition: { NumericGreaterThan: { 'aws:EpochTime': '946684800' } } },
    { Sid: 'JobSessions', Effect: 'Allow', Action: 's3:GetObject', Resource: `${S3}jobs/*`, Condition: { StringLike: { 'aws:userid': '*:job-*' } } },
    { Sid: 'AppRole', Effect: 'Allow', Action: 's3:GetObject', Resource: `${S3}app/*`, Condition: { ArnEquals: { 'aws:PrincipalArn': 'arn:aws:iam::000000000000:role/app' } } },
    { Sid: 'SessionArn', Effect: 'Allow', Action: 's3:GetObject', Resource: `${S3}sessions/*`, Condition: { ArnLike: { 'aws:PrincipalArn': 'arn:aws:sts::*:assumed-role/*' } } },
    { Sid: 'SecureOnly', Effect: 'Deny', Action: 's3:PutObject', Resource: '*', Condition: { Bool: { 'aws:SecureTransport': 'false' } } },
  ],
};

type Principal = 'role session' | 'GetSessionToken session' | 'permanent key';
type Want = [decision: 'Allow' | 'Deny', reason: string, sid?: string];
type Case = [name: string, principal: Principal, action: string, resource: string, context: Record<string, unknown> | undefined, want: Want];

const ALLOWED = (sid: string): Want => ['Allow', 'Allowed', sid];
const DENIED = (sid: string): Want => ['Deny', 'ExplicitDeny', sid];
const IMPLICIT: Want = ['Deny', 'ImplicitDeny'];

const CASES: Case[] = [
  ['own home via ${aws:username}', 'role session', 's3:GetObject', `${S3}home/alice/a.txt`, undefined, ALLOWED('OwnHome')],
  ['action names are case-insensitive', 'role session', 'S3:getobject', `${S3}home/alice/a.txt`, undefined, ALLOWED('OwnHome')],
  ['another user\'s home', 'role session', 's3:GetObject', `${S3}home/bob/a.txt`, undefined, IMPLICIT],
  ['a spoofed aws:username is ignored', 'role session', 's3:GetObject', `${S3}home/bob/a.txt`, { 'aws:username': 'bob' }, IMPLICIT],
  ['a spoofed AWS:UserName in another case is ignored', 'role session', 's3:GetObject', `${S3}home/bob/a.txt`, { 'AWS:UserName': 'bob' }, IMPLICIT],
  ['an explicit Deny beats an Allow', 'role session', 's3:GetObject', `${S3}home/alice/secret/k`, undefined, DENIED('NoSecrets')],
  ['s3:prefix from the frontend, own prefix', 'role session', 's3:ListBucket', `${S3}home`, { 's3:prefix': 'alice/docs/' }, ALLOWED('ListOwnPrefix')],
  ['s3:prefix from the frontend, other prefix', 'role session', 's3:ListBucket', `${S3}home`, { 's3:prefix': 'bob/' }, IMPLICIT],
  ['s3:prefix missing', 'role session', 's3:ListBucket', `${S3}home`, undefined, IMPLICIT],
  ['aws:SourceIp inside an IPv4 range', 'role session', 's3:GetObject', `${S3}shared/x`, { 'aws:SourceIp': '10.1.2.3' }, ALLOWED('OfficeOnly')],
  ['aws:SourceIp inside an IPv6 range', 'role session', 's3:GetObject', `${S3}shared/x`, { 'aws:SourceIp': '2001:db8::7' }, ALLOWED('OfficeOnly')],
  ['aws:SourceIp outside', 'role session', 's3:GetObject', `${S3}shared/x`, { 'aws:SourceIp': '192.0.2.1' }, IMPLICIT],
  ['aws:SourceIp missing', 'role session', 's3:GetObject', `${S3}shared/x`, undefined, IMPLICIT],
  ['aws:PrincipalType AssumedRole for a role session', 'role session', 's3:DeleteObject', `${S3}scratch/x`, undefined, ALLOWED('RolesOnly')],
  ['aws:PrincipalType User for a GetSessionToken session', 'GetSessionToken session', 's3:DeleteObject', `${S3}scratch/x`, undefined, IMPLICIT],
  ['a spoofed aws:PrincipalType is ignored', 'GetSessionToken session', 's3:DeleteObject', `${S3}scratch/x`, { 'aws:PrincipalType': 'AssumedRole' }, IMPLICIT],
  ['aws:PrincipalType User for a permanent key', 'permanent key', 's3:DeleteObject', `${S3}scratch/x`, undefined, IMPLICIT],
  ['a numeric s3:max-keys within the bound', 'role session', 's3:ListBucket', `${S3}shared`, { 's3:max-keys': 50 }, ALLOWED('SmallLists')],
  ['a numeric s3:max-keys over the bound', 'role session', 's3:ListBucket', `${S3}shared`, { 's3:max-keys': 500 }, IMPLICIT],
  ['aws:TokenIssueTime for a session', 'role session', 's3:GetObject', `${S3}fresh/x`, undefined, ALLOWED('FreshTokens')],
  ['no aws:TokenIssueTime for a permanent key', 'permanent key', 's3:GetObject', `${S3}fresh/x`, undefined, IMPLICIT],
  ['a spoofed aws:TokenIssueTime is ignored', 'permanent key', 's3:GetObject', `${S3}fresh/x`, { 'aws:TokenIssueTime': '2024-01-01T00:00:00Z' }, IMPLICIT],
  ['aws:CurrentTime is the service clock', 'role session', 's3:GetObject', `${S3}old/x`, undefined, IMPLICIT],
  ['a spoofed aws:CurrentTime is ignored', 'role session', 's3:GetObject', `${S3}old/x`, { 'aws:CurrentTime': '1999-01-01T00:00:00Z' }, IMPLICIT],
  ['aws:EpochTime is the service clock', 'role session', 's3:GetObject', `${S3}epoch/x`, { 'aws:EpochTime': '1' }, ALLOWED('AfterY2K')],
  ['aws:userid of a role session is <user id>:<session>', 'role session', 's3:GetObject', `${S3}jobs/x`, undefined, ALLOWED('JobSessions')],
  ['aws:userid of a permanent key is the user id', 'permanent key', 's3:GetObject', `${S3}jobs/x`, { 'aws:userid': 'X:job-9' }, IMPLICIT],
  ['aws:PrincipalArn of a role session is the role ARN', 'role session', 's3:GetObject', `${S3}app/x`, undefined, ALLOWED('AppRole')],
  ['aws:PrincipalArn of a role session is not the assumed-role ARN', 'role session', 's3:GetObject', `${S3}sessions/x`, undefined, IMPLICIT],
  ['aws:PrincipalArn of a GetSessionToken session is the user ARN', 'GetSessionToken session', 's3:GetObject', `${S3}app/x`, undefined, IMPLICIT],
  ['a frontend boolean aws:SecureTransport', 'role session', 's3:PutObject', `${S3}home/alice/a`, { 'aws:SecureTransport': false }, DENIED('SecureOnly')],
  ['a frontend multi-valued key passes through', 'role session', 's3:PutObject', `${S3}home/alice/a`, { 'aws:SecureTransport': ['true'], 'aws:TagKeys': ['a', 'b'] }, ALLOWED('OwnHome')],
];

function statementIndex(sid: string): number {
  return HOME_POLICY.Statement.findIndex((statement) => statement.Sid === sid);
}

async function authorize(server: LiveServer, credential: Record<string, unknown>, checks: unknown[]) {
  const res = await sidecarCall(server, '/v1/authorize', { ...credential, checks });
  assertMatchesSchema('POST', '/v1/authorize', res.status, res.body);
  return res;
}

for (const kind of MEMORY_KINDS) {
  describe(`POST /v1/authorize on a ${kind.name}`, () => {
    let server: LiveServer;
    let alice: Credentials;
    const credentials = new Map<Principal, () => Record<string, unknown>>();

    before(async () => {
      server = await startLiveServer({ store: kind.create() });
      await putPolicy(server, 'home', HOME_POLICY);
      alice = await createUser(server, 'alice', SECRET, { policy: 'home' });
      const role = await assumeRole(server, alice, { sessionName: 'job-1' });
      const plain = await getSessionToken(server, alice);
      credentials.set('role session', () => ({ accessKeyId: role.accessKeyId, sessionToken: role.sessionToken }));
      credentials.set('GetSessionToken session', () => ({ accessKeyId: plain.accessKeyId, sessionToken: plain.sessionToken }));
      credentials.set('permanent key', () => signedUserRequest(server, alice));
    });
    after(() => server.close());

    describe('IAM evaluation with the service\'s and the frontend\'s context keys', () => {
      for (const [name, principal, action, resource, context, [decision, reason, sid]] of CASES) {
        it(`${name} (${principal}): ${decision} ${reason}`, async () => {
          const check = { action, resource, ...(context === undefined ? {} : { context }) };
          const res = await authorize(server, credentials.get(principal)!(), [check]);
          assert.equal(res.status, 200, JSON.stringify(res.body));
          const want = sid === undefined
            ? { decision, reason }
            : { decision, reason, statement: { source: 'user', policyIndex: 0, name: 'home', sid, index: statementIndex(sid) } };
          assert.deepEqual(res.body.results, [want]);
        });
      }
    });

    it('answers every check of a batch of 100, in order, with the principal', async () => {
      const checks = Array.from({ length: 100 }, (_, i) => ({
        action: 's3:GetObject',
        resource: `${S3}home/${i % 2 === 0 ? 'alice' : 'bob'}/${i}`,
      }));
      const res = await authorize(server, credentials.get('role session')!(), checks);
      assert.equal(res.status, 200);
      assert.equal(res.body.results.length, 100);
      res.body.results.forEach((result: { decision: string }, i: number) => assert.equal(result.decision, i % 2 === 0 ? 'Allow' : 'Deny'));
      assert.equal(res.body.principal.arn, 'arn:aws:sts::000000000000:assumed-role/app/job-1');
      assert.deepEqual(Object.keys(res.body).sort(), ['expiration', 'principal', 'results']);
      assert.ok(Date.parse(res.body.expiration) > server.clock.now(), 'the session expiry bounds any cache of this answer');
    });
  });

  describe(`session policies on a ${kind.name}`, () => {
    let server: LiveServer;
    let alice: Credentials;
    beforeEach(async () => {
      server = await startLiveServer({ store: kind.create() });
      alice = await createUser(server, 'alice', SECRET, { policy: 'readwrite' });
      await putPolicy(server, 'no-delete', { Version: '2012-10-17', Statement: [{ Sid: 'NoDelete', Effect: 'Deny', Action: 's3:DeleteObject', Resource: '*' }, { Effect: 'Allow', Action: 's3:*', Resource: '*' }] });
    });
    afterEach(() => server.close());

    const getOnlyA = { Version: '2012-10-17', Statement: [{ Sid: 'GetA', Effect: 'Allow', Action: 's3:GetObject', Resource: `${S3}a/*` }] };
    const cases: Array<[string, { policy?: unknown; policyArns?: string[] }, string, string, unknown]> = [
      ['an inline policy allows within the user policy', { policy: getOnlyA }, 's3:GetObject', `${S3}a/k`,
        { decision: 'Allow', reason: 'Allowed', statement: { source: 'user', policyIndex: 0, name: 'readwrite', index: 0 } }],
      ['an inline policy narrows: another action', { policy: getOnlyA }, 's3:PutObject', `${S3}a/k`, { decision: 'Deny', reason: 'ImplicitDeny' }],
      ['an inline policy narrows: another bucket', { policy: getOnlyA }, 's3:GetObject', `${S3}b/k`, { decision: 'Deny', reason: 'ImplicitDeny' }],
      ['a PolicyArns Deny wins', { policyArns: ['no-delete'] }, 's3:DeleteObject', `${S3}a/k`,
        { decision: 'Deny', reason: 'ExplicitDeny', statement: { source: 'session', policyIndex: 1, sid: 'NoDelete', index: 0 } }],
      ['a PolicyArns Allow with the user policy', { policyArns: ['no-delete'] }, 's3:PutObject', `${S3}a/k`,
        { decision: 'Allow', reason: 'Allowed', statement: { source: 'user', policyIndex: 0, name: 'readwrite', index: 0 } }],
      ['inline and PolicyArns must both allow', { policy: getOnlyA, policyArns: ['no-delete'] }, 's3:PutObject', `${S3}a/k`, { decision: 'Deny', reason: 'ImplicitDeny' }],
    ];
    for (const [name, options, action, resource, want] of cases) {
      it(name, async () => {
        const creds = await assumeRole(server, alice, { sessionName: 'scoped', ...options });
        const res = await authorize(server, { accessKeyId: creds.accessKeyId, sessionToken: creds.sessionToken }, [{ action, resource }]);
        assert.deepEqual(res.body.results, [want]);
      });
    }

    it('a chained session keeps its parent\'s session policy and adds its own', async () => {
      const parent = await assumeRole(server, alice, { sessionName: 'parent', policy: getOnlyA });
      const child = await assumeRole(server, parent, { sessionName: 'child', policyArns: ['no-delete'] });
      const body = { accessKeyId: child.accessKeyId, sessionToken: child.sessionToken };
      const res = await authorize(server, body, [
        { action: 's3:GetObject', resource: `${S3}a/k` },
        { action: 's3:GetObject', resource: `${S3}b/k` },
        { action: 's3:DeleteObject', resource: `${S3}a/k` },
      ]);
      assert.deepEqual(res.body.results.map((r: { reason: string }) => r.reason), ['Allowed', 'ImplicitDeny', 'ExplicitDeny']);
    });

    it('a user without a policy (detached after issue) is allowed nothing', async () => {
      const creds = await assumeRole(server, alice, { sessionName: 'detached' });
      await adminOk(server, 'DELETE', '/admin/v1/users/alice/policy');
      const res = await authorize(server, { accessKeyId: creds.accessKeyId, sessionToken: creds.sessionToken }, [
        { action: 's3:GetObject', resource: `${S3}a/k` },
        { action: 's3:ListAllMyBuckets', resource: '*' },
      ]);
      assert.equal(res.status, 200);
      assert.deepEqual(res.body.results, [{ decision: 'Deny', reason: 'ImplicitDeny' }, { decision: 'Deny', reason: 'ImplicitDeny' }]);
    });

    it('refuses a bad credential with 401 before evaluating anything', async () => {
      const res = await authorize(server, { accessKeyId: 'ASIAAAAAAAAAAAAAAAAA', sessionToken: 'x.y.z' }, [{ action: 's3:GetObject', resource: `${S3}a/k` }]);
      assert.equal(res.status, 401);
      assert.equal(res.body.valid, false);
    });
  });
}
