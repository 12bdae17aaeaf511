import assert from 'node:assert/strict';
import { createCipheriv, randomBytes } from 'node:crypto';
import { deriveKeyRing, ringForKeyId } from '../../src/crypto/keyRing.js';
import { isSealedUnderCurrentKey, openSealed, openSecret, sealedKeyId, sealSecret, withKeyId } from '../../src/crypto/secretBox.js';

const SECRET = 'Sup3r-Secret-Key!';

/** The v1 form written before key ids existed: `v1.<iv>.<ciphertext>.<tag>`. */
function legacySeal(key: Buffer, secret: string, boundTo: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  cipher.setAAD(Buffer.from(boundTo, 'utf8'));
  const ciphertext = Buffer.concat([cipher.update(secret, 'utf8'), cipher.final()]);
  return ['v1', iv.toString('base64url'), ciphertext.toString('base64url'), cipher.getAuthTag().toString('base64url')].join('.');
}

describe('secret box across master keys', () => {
  const keyA = randomBytes(32);
  const keyB = randomBytes(32);
  const ringA = deriveKeyRing(keyA);
  const ringB = deriveKeyRing(keyB);
  const ringBA = deriveKeyRing(keyB, [keyA]);

  it('seals as v2 naming the current key, and opens it', () => {
    const sealed = sealSecret(ringBA, SECRET, 'alice');
    assert.match(sealed, /^v2\.[A-Za-z0-9_-]{16}\.[^.]+\.[^.]+\.[^.]+$/);
    assert.equal(sealedKeyId(sealed), ringB.keyId);
    assert.equal(openSecret(ringBA, sealed, 'alice'), SECRET);
    assert.ok(isSealedUnderCurrentKey(ringBA, sealed));
    assert.ok(!sealed.includes(SECRET));
  });

  const cases: Array<[string, () => string, ReturnType<typeof deriveKeyRing>, string | undefined]> = [
    ['v2 under a previous key opens with the rotated ring', () => sealSecret(ringA, SECRET, 'alice'), ringBA, SECRET],
    ['v2 under a previous key does not open once the key is dropped', () => sealSecret(ringA, SECRET, 'alice'), ringB, undefined],
    ['v1 under the current key opens', () => legacySeal(ringB.secretSeal, SECRET, 'alice'), ringBA, SECRET],
    ['v1 under a previous key opens', () => legacySeal(ringA.secretSeal, SECRET, 'alice'), ringBA, SECRET],
    ['v1 under an unknown key does not open', () => legacySeal(ringA.secretSeal, SECRET, 'alice'), ringB, undefined],
    ['v2 bound to another user does not open', () => sealSecret(ringBA, SECRET, 'bob'), ringBA, undefined],
    ['v2 whose key id was swapped does not open', () => sealSecret(ringA, SECRET, 'alice').replace(ringA.keyId, ringB.keyId), ringBA, undefined],
    ['a malformed value does not open', () => 'v2.x.y', ringBA, undefined],
    ['an unknown version does not open', () => sealSecret(ringBA, SECRET, 'alice').replace(/^v2/, 'v3'), ringBA, undefined],
  ];
  for (const [name, seal, ring, want] of cases) {
    it(name, () => assert.equal(openSecret(ring, seal(), 'alice'), want));
  }

  it('tells which ring opened a value, and that it needs re-sealing', () => {
    const sealed = legacySeal(ringA.secretSeal, SECRET, 'alice');
    assert.equal(openSealed(ringBA, sealed, 'alice')?.ring.keyId, ringA.keyId);
    assert.equal(sealedKeyId(sealed), undefined);
    assert.ok(!isSealedUnderCurrentKey(ringBA, sealed));
    assert.ok(!isSealedUnderCurrentKey(ringBA, sealSecret(ringA, SECRET, 'alice')));
  });

  it('names the key of a v1 value without re-encrypting it', () => {
    const sealed = legacySeal(ringA.secretSeal, SECRET, 'alice');
    const named = withKeyId(sealed, ringA.keyId);
    assert.ok(named !== undefined);
    assert.equal(sealedKeyId(named), ringA.keyId);
    assert.equal(openSecret(ringBA, named, 'alice'), SECRET);
    assert.equal(withKeyId(sealSecret(ringA, SECRET, 'alice'), ringB.keyId), undefined, 'a v2 value keeps its key id');
  });

  it('keeps the key id of a master key stable, and finds previous rings by it', () => {
    assert.equal(deriveKeyRing(keyA).keyId, ringA.keyId);
    assert.equal(ringA.keyId, ringA.tokenKid);
    assert.equal(ringForKeyId(ringBA, ringA.keyId)?.secretSeal.equals(ringA.secretSeal), true);
    assert.equal(ringForKeyId(ringBA, ringB.keyId), ringBA);
    assert.equal(ringForKeyId(ringB, ringA.keyId), undefined);
    assert.throws(() => deriveKeyRing(keyA, [keyA]));
  });
});
