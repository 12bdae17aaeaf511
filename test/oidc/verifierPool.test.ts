import assert from 'node:assert/strict';
import { unverifiedIssuer, VerifierPool } from '../../src/oidc/index.js';
import { b64url, codeOf } from './support/webIdentityHelpers.js';

describe('VerifierPool and unverifiedIssuer', () => {
  const a = { issuer: 'https://a.example.com', audiences: ['x'] };
  const b = { issuer: 'https://b.example.com', audiences: ['x'] };

  it('reuses a verifier per provider and replaces it when the audiences change', () => {
    const pool = new VerifierPool();
    const first = pool.verifierFor(a);
    assert.equal(pool.verifierFor({ ...a }), first);
    assert.notEqual(pool.verifierFor({ ...a, audiences: ['y'] }), first);
  });

  it('drops the least recently used verifier past its bound', () => {
    const pool = new VerifierPool({}, 1);
    const first = pool.verifierFor(a);
    pool.verifierFor(b);
    assert.notEqual(pool.verifierFor(a), first);
  });

  it('reads the claimed issuer without trusting it, and refuses junk', async () => {
    assert.equal(unverifiedIssuer(`${b64url({ alg: 'ES256' })}.${b64url({ iss: a.issuer })}.sig`), a.issuer);
    for (const junk of ['x', `${b64url({ alg: 'ES256' })}.${b64url({ sub: 's' })}.sig`, `a.${'b'.repeat(20_000)}.c`]) {
      assert.equal(await codeOf(Promise.resolve().then(() => unverifiedIssuer(junk))), 'InvalidIdentityToken');
    }
  });
});
