import assert from 'node:assert/strict';
import { ConfigError, loadConfig } from '../../src/config.js';

const A = Buffer.alloc(32, 1).toString('base64');
const B = Buffer.alloc(32, 2).toString('base64');
const C = Buffer.alloc(32, 3).toString('base64');

describe('STS_PREVIOUS_MASTER_KEYS', () => {
  it('is empty when unset, and read in order otherwise', () => {
    assert.deepEqual(loadConfig({ STS_MASTER_KEY: B }).previousMasterKeys, []);
    const config = loadConfig({ STS_MASTER_KEY: C, STS_PREVIOUS_MASTER_KEYS: ` ${B}, ${A}` });
    assert.deepEqual(config.previousMasterKeys.map((key) => key.toString('base64')), [B, A]);
    assert.ok(Object.isFrozen(config.previousMasterKeys));
  });

  const bad: Array<[string, Record<string, string>]> = [
    ['a short key', { STS_MASTER_KEY: B, STS_PREVIOUS_MASTER_KEYS: Buffer.alloc(16).toString('base64') }],
    ['an empty entry', { STS_MASTER_KEY: B, STS_PREVIOUS_MASTER_KEYS: `${A},` }],
    ['not base64', { STS_MASTER_KEY: B, STS_PREVIOUS_MASTER_KEYS: 'not a key!' }],
    ['the current key', { STS_MASTER_KEY: B, STS_PREVIOUS_MASTER_KEYS: `${A},${B}` }],
    ['a repeated key', { STS_MASTER_KEY: C, STS_PREVIOUS_MASTER_KEYS: `${A},${A}` }],
  ];
  for (const [name, env] of bad) {
    it(`refuses ${name}, naming the variable`, () => {
      assert.throws(() => loadConfig(env), (err: unknown) => err instanceof ConfigError && err.variable === 'STS_PREVIOUS_MASTER_KEYS');
    });
  }
});
