import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { exportSPKI, generateKeyPair, SignJWT } from 'jose';
import { InvalidOidcProviderError, WebIdentityVerifier, type WebIdentityVerifierOptions } from '../../src/oidc/index.js';
import { b64url, codeOf, TestClock } from './support/webIdentityHelpers.js';
import { CLIENT_ID, EXTRA_CLAIMS, STS_AUDIENCE, TestIdentityProvider } from './support/testIdentityProvider.js';

describe('WebIdentityVerifier against a real OpenID provider', () => {
  let idp: TestIdentityProvider;
  let clock: TestClock;

  const verifierFor = (options: WebIdentityVerifierOptions = {}, audiences = [STS_AUDIENCE]) =>
    new WebIdentityVerifier(
      { issuer: idp.issuer, audiences },
      { allowInsecureLoopback: true, now: clock.now, jwks: { cooldownDuration: 0 }, ...options },
    );
  const nowSeconds = () => Math.floor(clock.ms / 1000);

  beforeEach(async () => {
    idp = await TestIdentityProvider.start();
    clock = new TestClock(Date.now());
  });
  afterEach(async () => idp.stop());

  it('accepts a token from the token endpoint and reports its identity', async () => {
    const verifier = verifierFor();
    for (const alg of ['ES256', 'RS256'] as const) {
      const identity = await verifier.verify(await idp.issueToken({ alg }));
      assert.equal(identity.issuer, idp.issuer);
      assert.equal(identity.subject, CLIENT_ID);
      assert.deepEqual(identity.audiences, [STS_AUDIENCE]);
      assert.equal(identity.algorithm, alg);
      assert.equal(identity.claims['email'], EXTRA_CLAIMS.email);
      assert.ok(identity.expiresAt > clock.ms);
    }
  });

  it('accepts a token whose audiences intersect the allowed ones', async () => {
    const token = await idp.sign(idp.claims(nowSeconds(), { aud: ['someone-else', 'client-b'] }));
    assert.equal(await codeOf(verifierFor({}, ['client-a', 'client-b']).verify(token)), 'accepted');
  });

  const refusals: Array<[string, (idp: TestIdentityProvider, now: number) => Promise<string>, string]> = [
    ['a token for another audience', (p) => p.issueToken({ resource: 'urn:other' }), 'InvalidIdentityToken'],
    ['a token naming another issuer', (p, now) => p.sign(p.claims(now, { iss: 'http://127.0.0.1:1' })), 'InvalidIdentityToken'],
    ['a token without an issuer', (p, now) => p.sign(p.claims(now, { iss: undefined })), 'InvalidIdentityToken'],
    ['a token without a subject', (p, now) => p.sign(p.claims(now, { sub: undefined })), 'InvalidIdentityToken'],
    ['a token with an empty subject', (p, now) => p.sign(p.claims(now, { sub: '' })), 'InvalidIdentityToken'],
    ['a token without exp', (p, now) => p.sign(p.claims(now, { exp: undefined })), 'InvalidIdentityToken'],
    ['a token without iat', (p, now) => p.sign(p.claims(now, { iat: undefined })), 'InvalidIdentityToken'],
    ['nbf in the future beyond the skew', (p, now) => p.sign(p.claims(now, { nbf: now + 120 })), 'InvalidIdentityToken'],
    ['iat in the future beyond the skew', (p, now) => p.sign(p.claims(now, { iat: now + 120, exp: now + 900 })), 'InvalidIdentityToken'],
    ['exp already passed', (p, now) => p.sign(p.claims(now, { iat: now - 900, exp: now - 61 })), 'ExpiredToken'],
    ['a logout token (typ logout+jwt)', (p, now) => p.sign(p.claims(now), { header: { typ: 'logout+jwt' } }), 'InvalidIdentityToken'],
    [
      'HS256 under a shared secret',
      (p, now) => new SignJWT(p.claims(now)).setProtectedHeader({ alg: 'HS256', kid: 'ec-1' }).sign(new TextEncoder().encode('shared-secret-shared-secret-32b!')),
      'InvalidIdentityToken',
    ],
    [
      'HS256 keyed with the public RSA key (algorithm confusion)',
      async (p, now) => {
        const { publicKey } = await generateKeyPair('RS256', { extractable: true });
        const secret = new TextEncoder().encode(await exportSPKI(publicKey));
        return new SignJWT(p.claims(now)).setProtectedHeader({ alg: 'HS256', kid: 'rsa-1' }).sign(secret);
      },
      'InvalidIdentityToken',
    ],
    ['alg none, crafted by hand', async (p, now) => `${b64url({ alg: 'none', typ: 'JWT' })}.${b64url(p.claims(now))}.`, 'InvalidIdentityToken'],
    ['alg none with a dummy signature', async (p, now) => `${b64url({ alg: 'none' })}.${b64url(p.claims(now))}.AAAA`, 'InvalidIdentityToken'],
    ['a JWE-shaped token', async () => 'a.b.c.d.e', 'InvalidIdentityToken'],
    ['not a JWT', async () => 'not a token', 'InvalidIdentityToken'],
    [
      'a token signed by a key with a published kid but not the published key',
      async (p, now) => {
        const { privateKey } = await generateKeyPair('ES256');
        return new SignJWT(p.claims(now)).setProtectedHeader({ alg: 'ES256', kid: p.currentKids[1] ?? '' }).sign(privateKey);
      },
      'InvalidIdentityToken',
    ],
    [
      'a token signed by a key not in the JWKS',
      async (p, now) => {
        const { privateKey } = await generateKeyPair('ES256');
        return new SignJWT(p.claims(now)).setProtectedHeader({ alg: 'ES256', kid: 'stranger' }).sign(privateKey);
      },
      'InvalidIdentityToken',
    ],
    [
      'a token signed with EdDSA by a key not in the JWKS',
      async (p, now) => {
        const { privateKey } = await generateKeyPair('EdDSA');
        return new SignJWT(p.claims(now)).setProtectedHeader({ alg: 'EdDSA' }).sign(privateKey);
      },
      'InvalidIdentityToken',
    ],
    [
      'an RS256 header on an ES256-keyed kid',
      async (p, now) => {
        const { privateKey } = await generateKeyPair('RS256');
        return new SignJWT(p.claims(now)).setProtectedHeader({ alg: 'RS256', kid: p.currentKids[1] ?? '' }).sign(privateKey);
      },
      'InvalidIdentityToken',
    ],
    ['a payload swapped under a valid signature', async (p, now) => {
      const [header, , signature] = (await p.sign(p.claims(now))).split('.');
      return `${header}.${b64url(p.claims(now, { sub: 'mallory' }))}.${signature}`;
    }, 'InvalidIdentityToken'],
  ];
  for (const [name, make, want] of refusals) {
    it(`refuses ${name} with ${want}`, async () => {
      const token = await make(idp, nowSeconds());
      assert.equal(await codeOf(verifierFor().verify(token)), want);
    });
  }

  it('refuses tokens over the size limit before parsing or fetching anything', async () => {
    const token = await idp.sign(idp.claims(nowSeconds(), { padding: 'x'.repeat(17 * 1024) }));
    const before = idp.requestCount;
    assert.equal(await codeOf(verifierFor().verify(token)), 'InvalidIdentityToken');
    assert.equal(await codeOf(verifierFor().verify(`${'A'.repeat(20_000)}.B.C`)), 'InvalidIdentityToken');
    assert.equal(idp.requestCount, before);
  });

  it('refuses disallowed algorithms without contacting the provider', async () => {
    const hs = await new SignJWT(idp.claims(nowSeconds())).setProtectedHeader({ alg: 'HS256' }).sign(new Uint8Array(32));
    const before = idp.requestCount;
    assert.equal(await codeOf(verifierFor().verify(hs)), 'InvalidIdentityToken');
    assert.equal(idp.requestCount, before);
  });

  it('applies the clock skew to exp and nbf, and answers ExpiredToken once exp has passed', async () => {
    const verifier = verifierFor();
    const token = await idp.issueToken();
    const { expiresAt } = await verifier.verify(token);
    clock.ms = expiresAt + 30_000;
    assert.equal(await codeOf(verifier.verify(token)), 'accepted');
    clock.ms = expiresAt + 61_000;
    assert.equal(await codeOf(verifier.verify(token)), 'ExpiredToken');
    const early = await idp.sign(idp.claims(nowSeconds(), { nbf: nowSeconds() + 30, exp: nowSeconds() + 600 }));
    assert.equal(await codeOf(verifier.verify(early)), 'accepted');
  });

  it('makes no provider request per verification once keys are cached', async () => {
    const verifier = verifierFor({ jwks: { cooldownDuration: 30_000 } });
    const tokens = await Promise.all([idp.issueToken(), idp.issueToken({ alg: 'RS256' })]);
    await verifier.verify(tokens[0] as string);
    assert.equal(idp.requests.get('/.well-known/openid-configuration'), 1);
    assert.equal(idp.requests.get('/jwks'), 1);
    const before = idp.requestCount;
    for (let i = 0; i < 50; i++) await verifier.verify(tokens[i % 2] as string);
    await Promise.all(Array.from({ length: 50 }, () => verifier.verify(tokens[1] as string)));
    assert.equal(idp.requestCount, before);
  });

  it('shares one discovery and one JWKS fetch among concurrent first verifications', async () => {
    const verifier = verifierFor();
    const token = await idp.issueToken();
    await Promise.all(Array.from({ length: 20 }, () => verifier.verify(token)));
    assert.equal(idp.requests.get('/.well-known/openid-configuration'), 1);
    assert.equal(idp.requests.get('/jwks'), 1);
  });

  it('picks up a key rotation (new kid) without a new verifier', async () => {
    const verifier = verifierFor({ jwks: { cooldownDuration: 0 } });
    const oldToken = await idp.issueToken();
    await verifier.verify(oldToken);
    await idp.rotateKeys();
    const newToken = await idp.issueToken();
    const identity = await verifier.verify(newToken);
    assert.equal(identity.keyId, idp.currentKids[1]);
    assert.equal(idp.requests.get('/jwks'), 2);
    assert.equal(idp.requests.get('/.well-known/openid-configuration'), 1);
    // The retired key is gone from the JWKS now, so its tokens no longer verify.
    assert.equal(await codeOf(verifier.verify(oldToken)), 'InvalidIdentityToken');
  });

  it('refetches an unknown kid at most once per cooldown', async () => {
    const verifier = verifierFor({ jwks: { cooldownDuration: 60_000 } });
    await verifier.verify(await idp.issueToken());
    await idp.rotateKeys();
    const newToken = await idp.issueToken();
    // Within the cooldown the new kid is unknown and the JWKS is not fetched again.
    assert.equal(await codeOf(verifier.verify(newToken)), 'InvalidIdentityToken');
    assert.equal(await codeOf(verifier.verify(newToken)), 'InvalidIdentityToken');
    assert.equal(idp.requests.get('/jwks'), 1);
  });

  it('keeps verifying with cached keys while the provider is down', async () => {
    const verifier = verifierFor({ jwks: { cooldownDuration: 30_000 } });
    const token = await idp.issueToken();
    await verifier.verify(token);
    await idp.stop();
    assert.equal(await codeOf(verifier.verify(token)), 'accepted');
  });

  it('answers IDPCommunicationError when the provider is down', async () => {
    const token = await idp.issueToken();
    await idp.stop();
    const started = performance.now();
    assert.equal(await codeOf(verifierFor().verify(token)), 'IDPCommunicationError');
    assert.ok(performance.now() - started < 2000);
  });

  it('answers IDPCommunicationError when discovery names another issuer', async () => {
    const token = await idp.issueToken();
    const aliased = idp.issuer.replace('127.0.0.1', 'localhost');
    const verifier = new WebIdentityVerifier({ issuer: aliased, audiences: [STS_AUDIENCE] }, { allowInsecureLoopback: true, now: clock.now });
    assert.equal(await codeOf(verifier.verify(token)), 'IDPCommunicationError');
  });

  it('refuses an http issuer unless insecure loopback is allowed explicitly', () => {
    assert.throws(() => new WebIdentityVerifier({ issuer: idp.issuer, audiences: [STS_AUDIENCE] }), InvalidOidcProviderError);
    assert.throws(
      () => new WebIdentityVerifier({ issuer: 'http://idp.example.com', audiences: [STS_AUDIENCE] }, { allowInsecureLoopback: true }),
      InvalidOidcProviderError,
    );
  });
});

describe('WebIdentityVerifier against a provider that does not answer', () => {
  let server: Server;
  let issuer: string;
  let jwksPath = '/never';

  before(async () => {
    // Discovery answers at once when asked to; everything else hangs.
    server = createServer((req, res) => {
      if (req.url === '/.well-known/openid-configuration' && jwksPath !== '/never') {
        res.setHeader('content-type', 'application/json');
        res.end(JSON.stringify({ issuer, jwks_uri: `${issuer}${jwksPath}` }));
      }
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  after(async () => {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  });

  const token = async () =>
    new SignJWT({ sub: 'x', aud: 'a', iss: issuer }).setIssuedAt().setExpirationTime('5m')
      .setProtectedHeader({ alg: 'ES256', kid: 'k' }).sign((await generateKeyPair('ES256')).privateKey);

  it('times out discovery with IDPCommunicationError', async () => {
    jwksPath = '/never';
    const verifier = new WebIdentityVerifier({ issuer, audiences: ['a'] }, { allowInsecureLoopback: true, discoveryTimeoutMs: 200 });
    const started = performance.now();
    assert.equal(await codeOf(verifier.verify(await token())), 'IDPCommunicationError');
    assert.ok(performance.now() - started < 1500);
  });

  it('times out the JWKS fetch with IDPCommunicationError', async () => {
    jwksPath = '/jwks-hangs';
    const verifier = new WebIdentityVerifier(
      { issuer, audiences: ['a'] },
      { allowInsecureLoopback: true, discoveryTimeoutMs: 200, jwks: { timeoutDuration: 200 } },
    );
    const started = performance.now();
    assert.equal(await codeOf(verifier.verify(await token())), 'IDPCommunicationError');
    assert.ok(performance.now() - started < 1500);
  });
});
