import assert from 'node:assert/strict';
import { defineOidcProvider, InvalidOidcProviderError, isLoopbackHost } from '../../src/oidc/index.js';

const ACCOUNT = '000000000000';

describe('OIDC provider entries', () => {
  const accepted: Array<[string, string, { key: string; arn: string }]> = [
    ['a host', 'https://token.actions.githubusercontent.com', {
      key: 'token.actions.githubusercontent.com',
      arn: `arn:aws:iam::${ACCOUNT}:oidc-provider/token.actions.githubusercontent.com`,
    }],
    ['a host and path', 'https://oidc.eks.us-east-1.amazonaws.com/id/ABC', {
      key: 'oidc.eks.us-east-1.amazonaws.com/id/ABC',
      arn: `arn:aws:iam::${ACCOUNT}:oidc-provider/oidc.eks.us-east-1.amazonaws.com/id/ABC`,
    }],
    ['a trailing slash, kept as written', 'https://tenant.auth0.com/', {
      key: 'tenant.auth0.com/',
      arn: `arn:aws:iam::${ACCOUNT}:oidc-provider/tenant.auth0.com/`,
    }],
  ];
  for (const [name, issuer, want] of accepted) {
    it(`derives key and ARN from ${name}`, () => {
      const provider = defineOidcProvider({ issuer, audiences: ['sts.amazonaws.com'] }, { accountId: ACCOUNT });
      assert.equal(provider.key, want.key);
      assert.equal(provider.arn, want.arn);
    });
  }

  const refused: Array<[string, string, readonly string[], 'issuer' | 'audiences', boolean?]> = [
    ['plain http', 'http://idp.example.com', ['a'], 'issuer'],
    ['http on loopback without the opt-in', 'http://127.0.0.1:8443', ['a'], 'issuer'],
    ['http on a non-loopback host even with the opt-in', 'http://idp.example.com', ['a'], 'issuer', true],
    ['a query', 'https://idp.example.com/?tenant=1', ['a'], 'issuer'],
    ['a fragment', 'https://idp.example.com/#x', ['a'], 'issuer'],
    ['credentials', 'https://user:pw@idp.example.com', ['a'], 'issuer'],
    ['an upper-case host', 'https://IDP.example.com', ['a'], 'issuer'],
    ['a default port', 'https://idp.example.com:443', ['a'], 'issuer'],
    ['a reserved host', 'https://aws', ['a'], 'issuer'],
    ['not a URL', 'idp.example.com', ['a'], 'issuer'],
    ['no audiences', 'https://idp.example.com', [], 'audiences'],
    ['an empty audience', 'https://idp.example.com', [''], 'audiences'],
  ];
  for (const [name, issuer, audiences, field, allowInsecureLoopback] of refused) {
    it(`refuses ${name}`, () => {
      assert.throws(
        () => defineOidcProvider({ issuer, audiences }, { accountId: ACCOUNT, allowInsecureLoopback }),
        (err: unknown) => err instanceof InvalidOidcProviderError && err.field === field,
      );
    });
  }

  it('accepts http on loopback with the explicit opt-in', () => {
    const provider = defineOidcProvider({ issuer: 'http://127.0.0.1:8443', audiences: ['a', 'a'] }, { accountId: ACCOUNT, allowInsecureLoopback: true });
    assert.equal(provider.key, '127.0.0.1:8443');
    assert.deepEqual(provider.audiences, ['a']);
  });

  it('knows loopback hosts', () => {
    for (const host of ['127.0.0.1', '127.1.2.3', 'localhost', '[::1]']) assert.ok(isLoopbackHost(host), host);
    for (const host of ['10.0.0.1', 'localhost.example.com', '128.0.0.1']) assert.ok(!isLoopbackHost(host), host);
  });
});
