import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { SignJWT } from 'jose';
import { deriveKeyRing } from '../../src/crypto/keyRing.js';
import { issueToken, sessionSecretKey, signingRing, TokenError, verifyToken, type SessionClaims } from '../../src/tokens/index.js';

const keys = deriveKeyRing(randomBytes(32));
const NOW = Date.UTC(2026, 0, 1, 12, 0, 0);
const claims: SessionClaims = {
  akid: 'ASIAABCDEFGHIJKLMNOP',
  sub: 'alice',
  uid: 'AIDAABCDEFGHIJKLMNOPQ',
  sn: 'session-1',
  iat: NOW / 1000,
  exp: NOW / 1000 + 900,
};

function b64(value: unknown): string {
  return Buffer.from(JSON.stringify(value)).toString('base64url');
}

async function codeOf(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
  } catch (err) {
    assert.ok(err instanceof TokenError, `expected TokenError, got ${String(err)}`);
    return err.code;
  }
  return 'accepted';
}

describe('session tokens', () => {
  it('round-trips the claims and stays far below 4 KB', async () => {
    const token = await issueToken(keys, claims);
    assert.ok(token.length < 1024);
    assert.deepEqual(await verifyToken(keys, token, NOW + 1000), { ...claims, kid: keys.keyId });
  });

  it('refuses an expired token', async () => {
    const token = await issueToken(keys, claims);
    assert.equal(await codeOf(verifyToken(keys, token, NOW + 901_000)), 'expired');
  });

  const forgeries: Array<[string, () => Promise<string>, string]> = [
    ['a token signed under another master key', async () => issueToken(deriveKeyRing(randomBytes(32)), claims), 'bad-signature'],
    [
      'a changed payload',
      async () => {
        const [h, , s] = (await issueToken(keys, claims)).split('.');
        return `${h}.${b64({ ...claims, sub: 'mallory', iss: 's3-sts', aud: 's3-sts' })}.${s}`;
      },
      'bad-signature',
    ],
    [
      'alg none',
      async () => `${b64({ alg: 'none', typ: 'JWT', kid: keys.tokenKid })}.${b64({ ...claims, iss: 's3-sts', aud: 's3-sts' })}.x`,
      'malformed',
    ],
    [
      'HS512 under the same key (algorithm confusion)',
      async () =>
        new SignJWT({ akid: claims.akid, uid: claims.uid, sn: claims.sn })
          .setProtectedHeader({ alg: 'HS512', typ: 'JWT', kid: keys.tokenKid })
          .setIssuer('s3-sts').setAudience('s3-sts').setSubject('alice').setIssuedAt(claims.iat).setExpirationTime(claims.exp)
          .sign(Buffer.concat([keys.tokenSigning, keys.tokenSigning])),
      'malformed',
    ],
    [
      'RS256 header naming our kid',
      async () => {
        const [, p, s] = (await issueToken(keys, claims)).split('.');
        return `${b64({ alg: 'RS256', typ: 'JWT', kid: keys.tokenKid })}.${p}.${s}`;
      },
      'malformed',
    ],
    [
      'the same signature in another base64url spelling (unused trailing bits set)',
      async () => {
        const [h, p, sig] = (await issueToken(keys, claims)).split('.') as [string, string, string];
        const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
        const last = alphabet.indexOf(sig.at(-1) as string);
        const respelled = `${sig.slice(0, -1)}${alphabet[last ^ 1]}`;
        assert.deepEqual(Buffer.from(respelled, 'base64url'), Buffer.from(sig, 'base64url'), 'the same signature bytes');
        return `${h}.${p}.${respelled}`;
      },
      'malformed',
    ],
    ['garbage', async () => 'not-a-token', 'malformed'],
    ['an oversized token', async () => `${'a'.repeat(3000)}.${'b'.repeat(2000)}.c`, 'malformed'],
  ];
  for (const [name, forge, want] of forgeries) {
    it(`refuses ${name}`, async () => {
      assert.equal(await codeOf(verifyToken(keys, await forge(), NOW + 1000)), want);
    });
  }

  describe('across a master key rotation', () => {
    const oldKey = randomBytes(32);
    const newKey = randomBytes(32);
    const before = deriveKeyRing(oldKey);
    const after = deriveKeyRing(newKey, [oldKey]);
    const retired = deriveKeyRing(newKey);

    it('verifies a token of the previous key, naming that key, and derives its secret under it', async () => {
      const token = await issueToken(before, claims);
      const verified = await verifyToken(after, token, NOW + 1000);
      assert.equal(verified.kid, before.keyId);
      const ring = signingRing(after, verified);
      assert.equal(sessionSecretKey(ring, claims.akid), sessionSecretKey(before, claims.akid));
      assert.notEqual(sessionSecretKey(after, claims.akid), sessionSecretKey(before, claims.akid));
    });

    it('signs new tokens with the current key only', async () => {
      const token = await issueToken(after, claims);
      assert.equal((await verifyToken(after, token, NOW + 1000)).kid, after.keyId);
      assert.equal(await codeOf(verifyToken(before, token, NOW + 1000)), 'bad-signature');
    });

    it('refuses a token of a key no longer listed, and a claimed kid that is unknown', async () => {
      assert.equal(await codeOf(verifyToken(retired, await issueToken(before, claims), NOW + 1000)), 'bad-signature');
      assert.throws(() => signingRing(retired, { ...claims, kid: before.keyId }), (err: unknown) => err instanceof TokenError && err.code === 'bad-signature');
    });

    it('refuses a previous key forged into the current kid', async () => {
      const [, p, s] = (await issueToken(before, claims)).split('.');
      const forged = `${b64({ alg: 'HS256', typ: 'JWT', kid: after.keyId })}.${p}.${s}`;
      assert.equal(await codeOf(verifyToken(after, forged, NOW + 1000)), 'bad-signature');
    });
  });

  it('derives a stable 40-character secret per access key id and key ring', () => {
    const a = sessionSecretKey(keys, 'ASIAABCDEFGHIJKLMNOP');
    assert.equal(a.length, 40);
    assert.equal(sessionSecretKey(keys, 'ASIAABCDEFGHIJKLMNOP'), a);
    assert.notEqual(sessionSecretKey(keys, 'ASIAABCDEFGHIJKLMNOQ'), a);
    assert.notEqual(sessionSecretKey(deriveKeyRing(randomBytes(32)), 'ASIAABCDEFGHIJKLMNOP'), a);
  });
});
