import assert from 'node:assert/strict';
import { RateLimiter } from '../../src/http/rateLimiter.js';

describe('RateLimiter', () => {
  it('allows a burst, then refills at the configured rate', () => {
    const limiter = new RateLimiter(10, 3);
    const results = [0, 0, 0, 0].map(() => limiter.take('k', 1000));
    assert.deepEqual(results, [true, true, true, false]);
    assert.equal(limiter.take('k', 1050), false, 'half a token is not enough');
    assert.equal(limiter.take('k', 1100), true, 'one token after 100 ms at 10/s');
    assert.equal(limiter.take('k', 1100), false);
  });

  it('keeps keys apart', () => {
    const limiter = new RateLimiter(1, 1);
    assert.equal(limiter.take('a', 0), true);
    assert.equal(limiter.take('a', 0), false);
    assert.equal(limiter.take('b', 0), true);
  });

  it('never holds more than maxKeys keys, dropping the least recently used', () => {
    const limiter = new RateLimiter(1, 1, 2);
    limiter.take('a', 0);
    limiter.take('b', 0);
    limiter.take('a', 0);
    limiter.take('c', 0);
    assert.equal(limiter.take('a', 0), false, 'a was used recently and kept its empty bucket');
    assert.equal(limiter.take('b', 0), true, 'b was evicted and starts afresh');
  });

  it('is off with a rate of 0', () => {
    const limiter = new RateLimiter(0, 0);
    assert.ok([1, 2, 3].every(() => limiter.take('k', 0)));
  });
});
