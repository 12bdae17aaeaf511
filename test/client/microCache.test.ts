import assert from 'node:assert/strict';
import { MicroCache } from '../../src/client/microCache.js';

describe('MicroCache', () => {
  it('serves an entry for exactly ttlMs', () => {
    const cache = new MicroCache<string>({ ttlMs: 100, maxEntries: 10 });
    cache.set('k', 'v', 1000);
    assert.equal(cache.get('k', 1099), 'v');
    assert.equal(cache.get('k', 1100), undefined);
  });

  it('never serves an entry past notAfter, and drops one already past it', () => {
    const cache = new MicroCache<string>({ ttlMs: 100, maxEntries: 10 });
    cache.set('k', 'v', 1000, 1050);
    assert.equal(cache.get('k', 1049), 'v');
    assert.equal(cache.get('k', 1050), undefined);
    cache.set('old', 'v', 1000, 900);
    assert.equal(cache.size, 0);
  });

  it('keeps at most maxEntries, dropping the least recently used', () => {
    const cache = new MicroCache<number>({ ttlMs: 1000, maxEntries: 2 });
    cache.set('a', 1, 0);
    cache.set('b', 2, 0);
    cache.get('a', 1);
    cache.set('c', 3, 1);
    assert.deepEqual([cache.get('a', 2), cache.get('b', 2), cache.get('c', 2)], [1, undefined, 3]);
  });

  const bad: Array<[string, { ttlMs: number; maxEntries: number }]> = [
    ['a zero ttl', { ttlMs: 0, maxEntries: 1 }],
    ['a negative ttl', { ttlMs: -1, maxEntries: 1 }],
    ['an infinite ttl', { ttlMs: Infinity, maxEntries: 1 }],
    ['zero entries', { ttlMs: 1, maxEntries: 0 }],
    ['fractional entries', { ttlMs: 1, maxEntries: 1.5 }],
  ];
  for (const [name, options] of bad) it(`refuses ${name}`, () => assert.throws(() => new MicroCache(options), RangeError));
});
