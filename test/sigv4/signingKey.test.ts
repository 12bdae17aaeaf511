import assert from 'node:assert/strict';
import { SigningKeyCache, deriveSigningKey } from '../../src/sigv4/index.js';

describe('sigv4: signing keys', () => {
  it('derives the key of the AWS documentation example', () => {
    // From "Examples of how to derive a signing key for Signature Version 4" (AWS General Reference).
    const key = deriveSigningKey('wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY', '20120215', 'us-east-1', 'iam');
    assert.equal(key.toString('hex'), 'f4780e2d9f65fa895f9c67b32ce1baf0b0d8a43505a000a1a9e090d414db404d');
  });

  it('answers the derived key, and the same Buffer on a hit', () => {
    const cache = new SigningKeyCache(4);
    const first = cache.get('secret', '20240506', 'us-east-1', 'sts');
    assert.deepEqual(first, deriveSigningKey('secret', '20240506', 'us-east-1', 'sts'));
    assert.equal(cache.get('secret', '20240506', 'us-east-1', 'sts'), first);
    assert.equal(cache.size, 1);
  });

  it('keeps secrets, dates, regions and services apart', () => {
    const cache = new SigningKeyCache(8);
    const keys = [
      cache.get('secret', '20240506', 'us-east-1', 'sts'),
      cache.get('secret2', '20240506', 'us-east-1', 'sts'),
      cache.get('secret', '20240507', 'us-east-1', 'sts'),
      cache.get('secret', '20240506', 'eu-west-1', 'sts'),
      cache.get('secret', '20240506', 'us-east-1', 's3'),
    ];
    assert.equal(new Set(keys.map((key) => key.toString('hex'))).size, 5);
  });

  it('evicts the least recently used entry beyond its bound', () => {
    const cache = new SigningKeyCache(2);
    const a = cache.get('a', '20240506', 'r', 's');
    cache.get('b', '20240506', 'r', 's');
    assert.equal(cache.get('a', '20240506', 'r', 's'), a); // a is now the most recent
    cache.get('c', '20240506', 'r', 's'); // evicts b
    assert.equal(cache.size, 2);
    assert.equal(cache.get('a', '20240506', 'r', 's'), a);
    assert.equal(cache.size, 2);
  });

  it('never holds a secret in its keys', () => {
    const cache = new SigningKeyCache(2);
    cache.get('very-secret-value', '20240506', 'r', 's');
    const keys = [...(cache as unknown as { entries: Map<string, Buffer> }).entries.keys()];
    assert.ok(keys.every((key) => !key.includes('very-secret-value')));
  });

  for (const bound of [0, -1, 1.5]) {
    it(`refuses a bound of ${bound}`, () => assert.throws(() => new SigningKeyCache(bound), RangeError));
  }
});
