import assert from 'node:assert/strict';
import { addressBucket } from '../../src/throttle/addressBucket.js';

describe('throttle/addressBucket', () => {
  const cases: Array<[string, string]> = [
    ['192.0.2.1', '192.0.2.1'],
    ['::ffff:192.0.2.1', '192.0.2.1'],
    ['::FFFF:192.0.2.1', '192.0.2.1'],
    ['2001:db8::1', '2001:db8:0:0::/64'],
    ['2001:db8:0:0:ffff::2', '2001:db8:0:0::/64'],
    ['2001:0db8:0000:0001::1', '2001:db8:0:1::/64'],
    ['fe80::1%eth0', 'fe80:0:0:0::/64'],
    ['', 'other:'],
    ['not-an-address', 'other:not-an-address'],
  ];
  for (const [address, bucket] of cases) {
    it(`${JSON.stringify(address)} counts as ${bucket}`, () => assert.equal(addressBucket(address), bucket));
  }

  it('bounds what it keeps of an unknown address', () => {
    assert.equal(addressBucket('x'.repeat(500)).length, 'other:'.length + 64);
  });
});
