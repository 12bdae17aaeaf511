import assert from 'node:assert/strict';
import type { SigningCredentials } from '../../src/sigv4/index.js';
import { startLiveServer, type LiveServer } from '../helpers/liveServer.js';
import { action, issueCredentials, queryCall, type QueryCall } from './support/query.js';
import { ACCOUNT, createUser, type TestUser } from './support/users.js';

const STS_NAMESPACE = 'https://sts.amazonaws.com/doc/2011-06-15/';

/** The shapes of a Query API request that SDKs send, each answered like AWS. */
describe('STS request forms', function () {
  this.timeout(20_000);
  let server: LiveServer;
  let alice: TestUser;
  let session: Required<SigningCredentials>;

  before(async () => {
    server = await startLiveServer();
    alice = await createUser(server, 'alice');
    session = await issueCredentials(server, alice.creds, { RoleSessionName: 'forms' });
  });

  after(async () => {
    await server?.close();
  });

  const cases: Array<[string, () => QueryCall, () => string]> = [
    ['a signed form POST', () => ({ params: action('GetCallerIdentity'), creds: alice.creds }), () => `arn:aws:iam::${ACCOUNT}:user/alice`],
    ['a form POST without a charset', () => ({ params: action('GetCallerIdentity'), creds: alice.creds, contentType: 'application/x-www-form-urlencoded' }), () => `arn:aws:iam::${ACCOUNT}:user/alice`],
    ['a signed GET with the parameters in the query', () => ({ params: action('GetCallerIdentity'), creds: alice.creds, method: 'GET', inQuery: true }), () => `arn:aws:iam::${ACCOUNT}:user/alice`],
    ['a presigned GET with temporary keys', () => ({ params: action('GetCallerIdentity'), creds: session, method: 'GET', presignSeconds: 300 }), () => `arn:aws:sts::${ACCOUNT}:assumed-role/test/forms`],
    ['a presigned POST with an empty body', () => ({ params: action('GetCallerIdentity'), creds: alice.creds, presignSeconds: 300 }), () => `arn:aws:iam::${ACCOUNT}:user/alice`],
  ];
  for (const [name, make, arn] of cases) {
    it(`answers ${name} with a GetCallerIdentityResponse`, async () => {
      const res = await queryCall(server, make());
      assert.equal(res.status, 200, res.body);
      assert.match(String(res.headers['content-type']), /^text\/xml/);
      assert.equal(res.xml.root, 'GetCallerIdentityResponse');
      assert.equal(res.xml.namespace, STS_NAMESPACE);
      assert.equal(res.xml.text('GetCallerIdentityResult/Arn'), arn());
      assert.equal(res.xml.text('GetCallerIdentityResult/Account'), ACCOUNT);
      assert.equal(res.xml.text('ResponseMetadata/RequestId'), res.headers['x-amzn-requestid']);
    });
  }

  it('answers an AssumeRole with the AWS document: credentials, assumed-role user, request id', async () => {
    const res = await queryCall(server, {
      params: action('AssumeRole', { RoleArn: `arn:aws:iam::${ACCOUNT}:role/path/to/reader`, RoleSessionName: 'doc', DurationSeconds: '900' }),
      creds: alice.creds,
    });
    assert.equal(res.status, 200, res.body);
    assert.equal(res.xml.root, 'AssumeRoleResponse');
    assert.match(res.xml.text('AssumeRoleResult/Credentials/Expiration') ?? '', /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
    assert.equal(res.xml.text('AssumeRoleResult/AssumedRoleUser/Arn'), `arn:aws:sts::${ACCOUNT}:assumed-role/reader/doc`);
    assert.equal(res.xml.text('AssumeRoleResult/AssumedRoleUser/AssumedRoleId'), `${alice.id}:doc`);
    assert.equal(res.xml.text('AssumeRoleResult/PackedPolicySize'), undefined);
    assert.equal(res.xml.text('ResponseMetadata/RequestId'), res.headers['x-amzn-requestid']);
  });

  it('names the role s3-sts for a RoleArn that is not an IAM role ARN (MinIO clients send dummies)', async () => {
    const res = await queryCall(server, {
      params: action('AssumeRole', { RoleArn: 'arn:xxx:xxx:xxx:xxxx', RoleSessionName: 'minio' }),
      creds: alice.creds,
    });
    assert.equal(res.status, 200, res.body);
    assert.equal(res.xml.text('AssumeRoleResult/AssumedRoleUser/Arn'), `arn:aws:sts::${ACCOUNT}:assumed-role/s3-sts/minio`);
  });

  it('keeps a built-in PolicyArns entry and an inline Policy as session policies, and a chained session inherits them', async () => {
    const inline = { Version: '2012-10-17', Statement: [{ Effect: 'Deny', Action: 's3:DeleteObject', Resource: '*' }] };
    const parent = await issueCredentials(server, alice.creds, {
      RoleSessionName: 'with-policies',
      Policy: JSON.stringify(inline),
      'PolicyArns.member.1.arn': `arn:aws:iam::${ACCOUNT}:policy/readonly`,
    });
    const parentRecord = await server.deps.store.getSession(parent.accessKeyId);
    assert.equal(parentRecord?.sessionPolicies.length, 2);
    assert.deepEqual(JSON.parse(parentRecord?.sessionPolicies[0] ?? ''), inline);
    assert.match(parentRecord?.sessionPolicies[1] ?? '', /s3:GetObject/);
    const child = await issueCredentials(server, parent, { RoleSessionName: 'child-of-policies' });
    const childRecord = await server.deps.store.getSession(child.accessKeyId);
    assert.deepEqual(childRecord?.sessionPolicies, parentRecord?.sessionPolicies);
    assert.equal(childRecord?.parentAccessKeyId, parent.accessKeyId);
  });

  it('refuses a body over the size limit with an XML PayloadTooLarge', async () => {
    const res = await queryCall(server, { params: action('AssumeRole', { RoleArn: 'arn:aws:iam::000000000000:role/x', RoleSessionName: 'big', Policy: 'x'.repeat(600_000) }), creds: alice.creds });
    assert.equal(res.status, 413, res.body);
    assert.equal(res.xml.root, 'ErrorResponse');
    assert.equal(res.xml.text('Error/Code'), 'PayloadTooLarge');
  });
});
