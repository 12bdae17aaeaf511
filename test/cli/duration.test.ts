import assert from 'node:assert/strict';
import { parseDuration } from '../../src/cli/duration.js';
import { CliError } from '../../src/cli/errors.js';

describe('parseDuration', () => {
  const valid: [string, number][] = [
    ['900s', 900],
    ['60m', 3_600],
    ['12h', 43_200],
    ['2d', 172_800],
    ['1w', 604_800],
    ['3600', 3_600],
    ['1s', 1],
    ['0900s', 900],
  ];
  for (const [text, seconds] of valid) {
    it(`reads ${text} as ${seconds}s`, () => assert.equal(parseDuration(text), seconds));
  }

  const invalid = ['', 's', '0', '0s', '-5m', '+5m', '1.5h', '1h30m', '1H', '1 h', ' 1h', '1h ', '10y', '1ms', 'PT1H', '1e3', '9999999999999s', '999999999999w'];
  for (const text of invalid) {
    it(`rejects ${JSON.stringify(text)}`, () => {
      assert.throws(
        () => parseDuration(text),
        (err: unknown) => err instanceof CliError && err.code === 'InvalidDuration',
      );
    });
  }
});
