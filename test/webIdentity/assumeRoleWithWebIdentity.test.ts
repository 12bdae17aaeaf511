import assert from 'node:assert/strict';
import { GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import { SignJWT, generateKeyPair } from 'jose';
import { CLIENT_ID, STS_AUDIENCE, TestIdentityProvider } from '../oidc/support/testIdentityProvider.js';
import {
  assumeWithToken, createRole, JWKS_COOLDOWN_MS, keyRequests, roleArn, startWorld, trustPolicy, type WebIdentityWorld,
} from './support/webIdentityWorld.js';

describe('AssumeRoleWithWebIdentity against a real OpenID provider', function () {
  this.timeout(30_000);
  let world: WebIdentityWorld;
  let role: any;
  before(async () => {
    world = await startWorld();
    role = await createRole(world, 'ci-deploy', { maxSessionDuration: 7200, posixUid: 1500 });
  });
  after(async () => world?.close());

  it('answers the AWS document and the credentials act as the role', async () => {
    const answer = await assumeWithToken(world, { RoleArn: roleArn('ci-deploy'), WebIdentityToken: await world.idp.issueToken(), DurationSeconds: '7200' });
    assert.equal(answer.status, 200);
    const result = 'AssumeRoleWithWebIdentityResult';
    assert.equal(answer.xml.text(`${result}/SubjectFromWebIdentityToken`), CLIENT_ID);
    assert.equal(answer.xml.text(`${result}/Audience`), STS_AUDIENCE);
    assert.equal(answer.xml.text(`${result}/Provider`), world.idp.issuer);
    assert.equal(answer.xml.text(`${result}/AssumedRoleUser/Arn`), 'arn:aws:sts::000000000000:assumed-role/ci-deploy/ci-run');
    assert.equal(answer.xml.text(`${result}/AssumedRoleUser/AssumedRoleId`), `${role.id}:ci-run`);
    assert.match(answer.credentials.accessKeyId, /^ASIA[A-Z0-9]{16}$/);
    const expiration = Date.parse(answer.xml.text(`${result}/Credentials/Expiration`) ?? '');
    assert.ok(Math.abs(expiration - (world.server.clock.now() + 7200_000)) < 5000);

    const sts = new STSClient({ endpoint: world.server.url, region: 'us-east-1', credentials: answer.credentials });
    const identity = await sts.send(new GetCallerIdentityCommand({}));
    assert.equal(identity.Arn, 'arn:aws:sts::000000000000:assumed-role/ci-deploy/ci-run');
    assert.equal(identity.UserId, `${role.id}:ci-run`);
  });

  it('needs no call to the provider per request once its keys are cached', async () => {
    await assumeWithToken(world, { RoleArn: roleArn('ci-deploy'), WebIdentityToken: await world.idp.issueToken() });
    const tokens = await Promise.all([1, 2, 3, 4, 5].map(() => world.idp.issueToken()));
    const before = keyRequests(world.idp);
    for (const token of tokens) {
      assert.equal((await assumeWithToken(world, { RoleArn: roleArn('ci-deploy'), WebIdentityToken: token })).status, 200);
    }
    assert.equal(keyRequests(world.idp), before);
  });

  it('picks up a key rotation at the provider (new kid) without a restart', async () => {
    assert.equal((await assumeWithToken(world, { RoleArn: roleArn('ci-deploy'), WebIdentityToken: await world.idp.issueToken() })).status, 200);
    const oldKids = world.idp.currentKids;
    await world.idp.rotateKeys();
    assert.notDeepEqual(world.idp.currentKids, oldKids);
    await new Promise((resolve) => setTimeout(resolve, JWKS_COOLDOWN_MS + 50));
    const answer = await assumeWithToken(world, { RoleArn: roleArn('ci-deploy'), WebIdentityToken: await world.idp.issueToken() });
    assert.equal(answer.status, 200, answer.xml.text('Error/Message'));
  });

  describe('refusals, with the AWS codes', () => {
    let otherIdp: TestIdentityProvider;
    before(async () => {
      otherIdp = await TestIdentityProvider.start();
      await world.server.admin('POST', '/admin/v1/roles', {
        name: 'other-subject', policy: 'readonly', trustPolicy: trustPolicy(world, { StringEquals: { [`${world.providerKey}:sub`]: 'someone-else' } }),
      });
    });
    after(async () => otherIdp?.stop());

    const now = () => Math.floor(world.server.clock.now() / 1000);
    const cases: Array<[string, () => Promise<string>, string, number, string?]> = [
      ['a token for another audience', () => world.idp.issueToken({ resource: 'urn:other' }), 'InvalidIdentityToken', 400],
      ['a token of an unregistered issuer', () => otherIdp.issueToken(), 'InvalidIdentityToken', 400],
      ['an expired token', () => world.idp.sign(world.idp.claims(now() - 3600)), 'ExpiredToken', 400],
      ['a token signed with HS256 (an unexpected algorithm)', async () => {
        return new SignJWT(world.idp.claims(now())).setProtectedHeader({ alg: 'HS256', kid: world.idp.currentKids[0] }).sign(new TextEncoder().encode('x'.repeat(32)));
      }, 'InvalidIdentityToken', 400],
      ['a token signed by a key the provider does not publish', async () => {
        const { privateKey } = await generateKeyPair('ES256');
        return new SignJWT(world.idp.claims(now())).setProtectedHeader({ alg: 'ES256', kid: world.idp.currentKids[1] }).sign(privateKey);
      }, 'InvalidIdentityToken', 400],
      ['a role whose trust policy names another subject', () => world.idp.issueToken(), 'AccessDenied', 403, 'other-subject'],
      ['a role that does not exist', () => world.idp.issueToken(), 'AccessDenied', 403, 'no-such-role'],
      ['not a JWT at all', async () => 'not-a-token', 'InvalidIdentityToken', 400],
    ];
    for (const [name, token, code, status, roleName] of cases) {
      it(`${name}: ${code}`, async () => {
        const answer = await assumeWithToken(world, { RoleArn: roleArn(roleName ?? 'ci-deploy'), WebIdentityToken: await token() });
        assert.equal(answer.xml.text('Error/Code'), code, answer.xml.text('Error/Message'));
        assert.equal(answer.status, status);
      });
    }

    it('a provider that cannot be reached: IDPCommunicationError', async () => {
      const gone = await TestIdentityProvider.start();
      const issuer = gone.issuer;
      const token = await gone.issueToken();
      await gone.stop();
      const created = await world.server.admin('POST', '/admin/v1/oidc-providers', { issuer, audiences: [STS_AUDIENCE] });
      assert.equal(created.status, 201);
      await world.server.admin('POST', '/admin/v1/roles', {
        name: 'gone-role', policy: 'readonly',
        trustPolicy: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { Federated: created.body.arn }, Action: 'sts:AssumeRoleWithWebIdentity' }] },
      });
      const answer = await assumeWithToken(world, { RoleArn: roleArn('gone-role'), WebIdentityToken: token });
      assert.equal(answer.xml.text('Error/Code'), 'IDPCommunicationError');
      assert.equal(answer.status, 400);
    });

    it('a DurationSeconds over the role maximum: ValidationError', async () => {
      const answer = await assumeWithToken(world, { RoleArn: roleArn('ci-deploy'), WebIdentityToken: await world.idp.issueToken(), DurationSeconds: '7201' });
      assert.equal(answer.xml.text('Error/Code'), 'ValidationError');
    });
  });
});

describe('AssumeRoleWithWebIdentity failures are throttled per client address and role', function () {
  this.timeout(30_000);
  let world: WebIdentityWorld;
  before(async () => {
    world = await startWorld();
    await createRole(world, 'guarded');
  });
  after(async () => world?.close());

  it('past the failure limit the source gets Throttling, even with a good token', async () => {
    const limit = world.server.deps.config.signInFailureLimit;
    const bad = await world.idp.sign(world.idp.claims(Math.floor(Date.now() / 1000) - 3600));
    for (let i = 0; i < limit; i += 1) {
      assert.equal((await assumeWithToken(world, { RoleArn: roleArn('guarded'), WebIdentityToken: bad })).xml.text('Error/Code'), 'ExpiredToken');
    }
    const good = await world.idp.issueToken();
    assert.equal((await assumeWithToken(world, { RoleArn: roleArn('guarded'), WebIdentityToken: good })).xml.text('Error/Code'), 'Throttling');
  });
});
