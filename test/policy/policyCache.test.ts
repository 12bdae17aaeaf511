import assert from 'node:assert/strict';
import { BUILTIN_POLICIES, evaluate, minifyPolicy, PolicyCache } from '../../src/policy/index.js';

const readonly = minifyPolicy(BUILTIN_POLICIES.readonly);
const writeonly = minifyPolicy(BUILTIN_POLICIES.writeonly);
const readwrite = minifyPolicy(BUILTIN_POLICIES.readwrite);

describe('policy/PolicyCache', () => {
  it('parses once per document and compiles once per name', () => {
    const cache = new PolicyCache({ maxEntries: 10 });
    const first = cache.get(readonly, 'readonly');
    assert.equal(cache.get(readonly, 'readonly'), first);
    assert.notEqual(cache.get(readonly, 'copy'), first);
    assert.equal(cache.get(readonly, 'copy').name, 'copy');
    assert.deepEqual(cache.stats(), { hits: 2, misses: 2, size: 1 });
  });

  it('drops the least recently used entry when full', () => {
    const cache = new PolicyCache({ maxEntries: 2 });
    const read = cache.get(readonly);
    cache.get(writeonly);
    cache.get(readonly);
    cache.get(readwrite);
    assert.equal(cache.size, 2);
    assert.equal(cache.get(readonly), read);
    assert.equal(cache.stats().misses, 3);
    cache.get(writeonly);
    assert.equal(cache.stats().misses, 4);
  });

  it('evicts the least recently used eighth when it overflows', () => {
    const cache = new PolicyCache({ maxEntries: 16 });
    const documents = Array.from({ length: 17 }, (_, i) =>
      JSON.stringify({ Version: '2012-10-17', Statement: { Sid: `S${i}`, Effect: 'Allow', Action: '*', Resource: '*' } }));
    for (const document of documents.slice(0, 16)) cache.get(document);
    cache.get(documents[0] as string);
    cache.get(documents[16] as string);
    assert.equal(cache.size, 15);
    const misses = cache.stats().misses;
    cache.get(documents[0] as string);
    cache.get(documents[3] as string);
    assert.equal(cache.stats().misses, misses);
    cache.get(documents[1] as string);
    assert.equal(cache.stats().misses, misses + 1);
  });

  it('does not cache a refused document', () => {
    const cache = new PolicyCache();
    assert.throws(() => cache.get('{"Version":"2012-10-17"}'), { code: 'MalformedPolicyDocument' });
    assert.equal(cache.size, 0);
  });

  it('reports the name in decisions', () => {
    const policy = new PolicyCache().get(writeonly, 'writeonly');
    const result = evaluate([policy], { action: 's3:PutObject', resource: 'arn:aws:s3:::b/k', context: {} });
    assert.deepEqual(result.statement, { policy: 'writeonly', index: 0 });
  });

  it('refuses a bad size', () => {
    assert.throws(() => new PolicyCache({ maxEntries: 0 }), RangeError);
  });
});
