import assert from 'node:assert/strict';
import { assertMatchesSchema } from '../openapi/schemaCheck.js';
import { EXTRA_CLAIMS, STS_AUDIENCE, CLIENT_ID } from '../oidc/support/testIdentityProvider.js';
import { MEMORY_KINDS } from '../sidecar/support/stores.js';
import { sidecarCall } from '../sidecar/support/world.js';
import { assumeWithToken, createRole, roleArn, startWorld, type WebIdentityAnswer, type WebIdentityWorld } from './support/webIdentityWorld.js';

const GET_A = { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::a/*' }] };

/** Only what the token's claims allow: its email's bucket, for its groups. */
const BY_CLAIMS = (providerKey: string) => ({
  Version: '2012-10-17',
  Statement: [
    {
      Effect: 'Allow',
      Action: 's3:GetObject',
      Resource: 'arn:aws:s3:::claims/*',
      Condition: { StringEquals: { [`${providerKey}:email`]: EXTRA_CLAIMS.email }, 'ForAnyValue:StringEquals': { [`${providerKey}:groups`]: 'ops' } },
    },
    { Effect: 'Allow', Action: 's3:ListBucket', Resource: 'arn:aws:s3:::fed', Condition: { StringLike: { 'aws:FederatedProvider': '*:oidc-provider/*' } } },
  ],
});

for (const kind of MEMORY_KINDS) {
  describe(`web identity sessions on the sidecar and admin APIs (${kind.name})`, function () {
    this.timeout(30_000);
    let world: WebIdentityWorld;
    let role: any;

    beforeEach(async () => {
      world = await startWorld({ store: kind.create() });
      assert.equal((await world.server.admin('PUT', '/admin/v1/policies/claims', BY_CLAIMS(world.providerKey))).status, 201);
      role = await createRole(world, 'ci-deploy', { policy: 'claims', posixUid: 2000, posixGid: 20 });
    });
    afterEach(async () => world.close());

    async function assume(params: Record<string, string> = {}): Promise<WebIdentityAnswer> {
      const answer = await assumeWithToken(world, { RoleArn: roleArn('ci-deploy'), WebIdentityToken: await world.idp.issueToken(), ...params });
      assert.equal(answer.status, 200, answer.xml.text('Error/Message'));
      return answer;
    }

    async function verify(answer: WebIdentityAnswer) {
      const res = await sidecarCall(world.server, '/v1/verify', { accessKeyId: answer.credentials.accessKeyId, sessionToken: answer.credentials.sessionToken });
      assertMatchesSchema('POST', '/v1/verify', res.status, res.body);
      return res;
    }

    async function authorize(answer: WebIdentityAnswer, resources: Array<[string, string]>) {
      const checks = resources.map(([action, resource]) => ({ action, resource }));
      const res = await sidecarCall(world.server, '/v1/authorize', { accessKeyId: answer.credentials.accessKeyId, sessionToken: answer.credentials.sessionToken, checks });
      assertMatchesSchema('POST', '/v1/authorize', res.status, res.body);
      return res;
    }

    it('/v1/verify names the role, the provider and the subject, with the role policy as it is now', async () => {
      const res = await verify(await assume());
      assert.equal(res.status, 200);
      assert.deepEqual(
        { ...res.body.principal, accessKeyId: undefined },
        {
          user: 'role:ci-deploy', accessKeyId: undefined, sessionName: 'ci-run', arn: 'arn:aws:sts::000000000000:assumed-role/ci-deploy/ci-run',
          posixUid: 2000, posixGid: 20, role: 'ci-deploy', provider: world.providerKey, subject: CLIENT_ID,
        },
      );
      assert.deepEqual(res.body.policies.map((policy: any) => [policy.source, policy.name]), [['role', 'claims']]);
    });

    it('/v1/authorize evaluates the token claims and aws:FederatedProvider; a frontend cannot supply them', async () => {
      const answer = await assume();
      const res = await authorize(answer, [['s3:GetObject', 'arn:aws:s3:::claims/k'], ['s3:ListBucket', 'arn:aws:s3:::fed'], ['s3:GetObject', 'arn:aws:s3:::other/k']]);
      assert.deepEqual(res.body.results.map((r: any) => r.decision), ['Allow', 'Allow', 'Deny']);
      const spoof = await sidecarCall(world.server, '/v1/authorize', {
        accessKeyId: answer.credentials.accessKeyId, sessionToken: answer.credentials.sessionToken,
        checks: [{ action: 's3:GetObject', resource: 'arn:aws:s3:::claims/k', context: { [`${world.providerKey}:email`]: 'x@evil.example', 'AWS:FederatedProvider': 'x' } }],
      });
      assert.equal(spoof.body.results[0].decision, 'Allow');
    });

    it('effective permissions are the role policy as it is now AND the session policy', async () => {
      const narrowed = await assume({ Policy: JSON.stringify(GET_A) });
      assert.deepEqual((await authorize(narrowed, [['s3:GetObject', 'arn:aws:s3:::claims/k']])).body.results[0].decision, 'Deny');
      const plain = await assume();
      assert.equal((await world.server.admin('PUT', '/admin/v1/roles/ci-deploy/policy', { policy: 'readonly' })).status, 200);
      assert.deepEqual((await authorize(plain, [['s3:GetObject', 'arn:aws:s3:::other/k']])).body.results[0].decision, 'Allow');
      assert.equal((await world.server.admin('DELETE', '/admin/v1/roles/ci-deploy/policy')).status, 200);
      assert.deepEqual((await authorize(plain, [['s3:GetObject', 'arn:aws:s3:::other/k']])).body.results[0].decision, 'Deny');
    });

    it('lists sessions per role, and revokes one session and every session of the role', async () => {
      const [one, two, three] = [await assume(), await assume({ RoleSessionName: 'second' }), await assume({ RoleSessionName: 'third' })];
      const listed = await world.server.admin('GET', '/admin/v1/sessions?role=ci-deploy');
      assertMatchesSchema('GET', '/admin/v1/sessions', listed.status, listed.body);
      assert.equal(listed.body.sessions.length, 3);
      assert.deepEqual(
        { ...listed.body.sessions[0], accessKeyId: undefined, issuedAt: undefined, expiration: undefined, sessionName: undefined },
        { accessKeyId: undefined, user: 'role:ci-deploy', role: 'ci-deploy', provider: world.providerKey, subject: CLIENT_ID, roleArn: roleArn('ci-deploy'), sessionName: undefined, issuedAt: undefined, expiration: undefined, sessionPolicies: 0 },
      );
      assert.equal((await world.server.admin('DELETE', `/admin/v1/sessions/${one!.credentials.accessKeyId}`)).status, 204);
      assert.equal((await verify(one!)).body.reason, 'revoked');
      assert.equal((await verify(two!)).status, 200);
      const revoked = await world.server.admin('DELETE', '/admin/v1/roles/ci-deploy/sessions');
      assert.deepEqual(revoked.body, { revoked: 2 });
      assert.equal((await verify(three!)).body.reason, 'revoked');
    });

    it('removing the role ends its sessions at once', async () => {
      const answer = await assume();
      assert.equal((await verify(answer)).status, 200);
      assert.equal((await world.server.admin('DELETE', '/admin/v1/roles/ci-deploy')).status, 204);
      const res = await verify(answer);
      assert.equal(res.status, 401);
      assert.equal(res.body.reason, 'user-removed');
      // A re-created role of the same name does not revive them.
      await createRole(world, 'ci-deploy');
      assert.equal((await verify(answer)).status, 401);
    });

    it('removing the provider ends the sessions its tokens got, and refuses its tokens', async () => {
      const answer = await assume();
      assert.equal((await verify(answer)).status, 200);
      const key = encodeURIComponent(world.providerKey);
      assert.equal((await world.server.admin('GET', `/admin/v1/oidc-providers/${key}`)).body.audiences[0], STS_AUDIENCE);
      assert.equal((await world.server.admin('DELETE', `/admin/v1/oidc-providers/${key}`)).status, 204);
      const res = await verify(answer);
      assert.equal(res.status, 401);
      assert.equal(res.body.reason, 'revoked');
      const again = await assumeWithToken(world, { RoleArn: roleArn('ci-deploy'), WebIdentityToken: await world.idp.issueToken() });
      assert.equal(again.xml.text('Error/Code'), 'InvalidIdentityToken');
    });
  });
}
