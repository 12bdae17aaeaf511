import assert from 'node:assert/strict';
import { defineOidcProvider, evaluateTrust, parseTrustPolicy, WebIdentityVerifier } from '../../src/oidc/index.js';
import { CLIENT_ID, STS_AUDIENCE, TestIdentityProvider } from './support/testIdentityProvider.js';

describe('web identity: a real provider token, verified, then the role trust policy', () => {
  let idp: TestIdentityProvider;
  before(async () => {
    idp = await TestIdentityProvider.start();
  });
  after(async () => idp.stop());

  it('allows the subject the trust policy names and denies a Deny-listed group', async () => {
    const provider = defineOidcProvider({ issuer: idp.issuer, audiences: [STS_AUDIENCE] }, { accountId: '000000000000', allowInsecureLoopback: true });
    const verifier = new WebIdentityVerifier(provider, { allowInsecureLoopback: true });
    const identity = await verifier.verify(await idp.issueToken());
    const trust = (extra: Record<string, unknown>[] = []) =>
      parseTrustPolicy({
        Version: '2012-10-17',
        Statement: [
          {
            Effect: 'Allow',
            Principal: { Federated: provider.arn },
            Action: 'sts:AssumeRoleWithWebIdentity',
            Condition: {
              StringEquals: { [`${provider.key}:sub`]: CLIENT_ID, [`${provider.key}:aud`]: STS_AUDIENCE },
              StringLike: { [`${provider.key}:email`]: '*@example.com' },
            },
          },
          ...extra,
        ],
      });
    const request = { provider, claims: identity.claims };
    assert.deepEqual(evaluateTrust(trust(), request), { allowed: true, reason: 'Allowed', statement: { index: 0 } });
    const denyOps = { Effect: 'Deny', Principal: '*', Action: 'sts:*', Condition: { 'ForAnyValue:StringEquals': { [`${provider.key}:groups`]: 'ops' } } };
    assert.equal(evaluateTrust(trust([denyOps]), request).reason, 'ExplicitDeny');
  });
});
