import assert from 'node:assert/strict';
import { ApiError, CliError, formatError } from '../../src/cli/errors.js';
import { ConfigError } from '../../src/config.js';

describe('formatError', () => {
  const cases: [string, unknown, string][] = [
    ['a CLI error', new CliError('MissingAdminToken', 'no admin token'), 'error: MissingAdminToken: no admin token'],
    ['a service error', new ApiError('NoSuchUser', 'user "a" does not exist', 404), 'error: NoSuchUser: user "a" does not exist'],
    [
      'details the message does not name',
      new ApiError('MalformedPolicyDocument', 'not a valid action', 400, { statement: 'Statement[1]', field: 'Action' }),
      'error: MalformedPolicyDocument: not a valid action (statement: Statement[1]; field: Action)',
    ],
    [
      'details the message names already',
      new ApiError('PolicyInUse', 'policy "p" is attached to: alice, bob', 409, { users: ['alice', 'bob'] }),
      'error: PolicyInUse: policy "p" is attached to: alice, bob',
    ],
    ['a list detail', new ApiError('PolicyInUse', 'in use', 409, { users: ['alice', 'bob'] }), 'error: PolicyInUse: in use (users: alice, bob)'],
    ['a multi-line message', new ApiError('X', 'one\n  two\r\nthree', 400), 'error: X: one two three'],
    ['a configuration error', new ConfigError('PORT', 'must be a whole number'), 'error: invalid configuration: PORT must be a whole number'],
    ['any other error, without its stack', new Error('listen EADDRINUSE'), 'error: listen EADDRINUSE'],
    ['a thrown string', 'boom', 'error: boom'],
  ];
  for (const [name, err, want] of cases) {
    it(name, () => assert.equal(formatError(err), want));
  }
});
