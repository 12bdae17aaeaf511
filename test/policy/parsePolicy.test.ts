import assert from 'node:assert/strict';
import {
  MAX_POLICY_BYTES,
  minifyPolicy,
  parsePolicy,
  PolicyValidationError,
  type PolicyErrorCode,
} from '../../src/policy/index.js';

const V = '2012-10-17';
const ok = { Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::bucket/*' };
const doc = (...statements: unknown[]): unknown => ({ Version: V, Statement: statements });
const withCondition = (condition: unknown): unknown => doc({ ...ok, Condition: condition });

type Want = { code: PolicyErrorCode; statement?: string; field?: string };
const malformed = (field?: string, statement?: string): Want => ({ code: 'MalformedPolicyDocument', field, statement });

const refused: [string, unknown, Want][] = [
  ['invalid JSON text', '{"Version":', malformed()],
  ['a JSON array', '[]', malformed()],
  ['a JSON string', '"text"', malformed()],
  ['null', null, malformed()],
  ['unknown top-level key', { Version: V, Statement: [ok], Extra: 1 }, malformed('Extra')],
  ['missing Version', { Statement: [ok] }, malformed('Version')],
  ['unknown Version', { Version: '2020-01-01', Statement: [ok] }, malformed('Version')],
  ['non-string Id', { Version: V, Id: 5, Statement: [ok] }, malformed('Id')],
  ['missing Statement', { Version: V }, malformed('Statement')],
  ['empty Statement array', { Version: V, Statement: [] }, malformed('Statement')],
  ['statement not an object', doc(ok, 'x'), malformed('Statement', 'Statement[1]')],
  ['Sid not alphanumeric', doc({ ...ok, Sid: 'read-all' }), malformed('Sid', 'Statement[0]')],
  ['Sid not a string', doc({ ...ok, Sid: 7 }), malformed('Sid', 'Statement[0]')],
  ['duplicate Sid', doc({ ...ok, Sid: 'A' }, { ...ok, Sid: 'A' }), malformed('Sid', 'Statement[1]')],
  ['Principal', doc({ ...ok, Principal: '*' }), malformed('Principal', 'Statement[0]')],
  ['NotPrincipal', doc({ ...ok, Sid: 'P', NotPrincipal: { AWS: '*' } }), malformed('NotPrincipal', 'P')],
  ['unknown statement key', doc({ ...ok, Actions: 's3:*' }), malformed('Actions', 'Statement[0]')],
  ['missing Effect', doc({ Action: '*', Resource: '*' }), malformed('Effect', 'Statement[0]')],
  ['lower-case Effect', doc({ ...ok, Effect: 'allow' }), malformed('Effect', 'Statement[0]')],
  ['neither Action nor NotAction', doc({ Effect: 'Allow', Resource: '*' }), malformed('Action', 'Statement[0]')],
  ['both Action and NotAction', doc({ ...ok, NotAction: 's3:*' }), malformed('Action', 'Statement[0]')],
  ['empty Action list', doc({ ...ok, Action: [] }), malformed('Action', 'Statement[0]')],
  ['action with a space', doc(ok, { ...ok, Sid: 'ReadAll', Action: 's3:Get Object' }), malformed('Action', 'ReadAll')],
  ['action without service', doc({ ...ok, Action: 'GetObject' }), malformed('Action', 'Statement[0]')],
  ['action not a string', doc({ ...ok, Action: ['s3:GetObject', 3] }), malformed('Action', 'Statement[0]')],
  ['bad NotAction', doc({ Effect: 'Deny', NotAction: 's3:', Resource: '*' }), malformed('NotAction', 'Statement[0]')],
  ['neither Resource nor NotResource', doc({ Effect: 'Allow', Action: '*' }), malformed('Resource', 'Statement[0]')],
  ['both Resource and NotResource', doc({ ...ok, NotResource: '*' }), malformed('Resource', 'Statement[0]')],
  ['resource not an ARN', doc({ ...ok, Resource: 'bucket/*' }), malformed('Resource', 'Statement[0]')],
  ['ARN with five parts', doc({ ...ok, Resource: 'arn:aws:s3::bucket' }), malformed('Resource', 'Statement[0]')],
  ['ARN with empty service', doc({ ...ok, Resource: 'arn:aws::::x' }), malformed('Resource', 'Statement[0]')],
  ['ARN with wildcard service', doc({ ...ok, Resource: 'arn:aws:s*:::x' }), malformed('Resource', 'Statement[0]')],
  ['ARN with empty resource', doc({ ...ok, Resource: 'arn:aws:s3:::' }), malformed('Resource', 'Statement[0]')],
  ['unterminated variable', doc({ ...ok, Resource: 'arn:aws:s3:::b/${aws:username' }), malformed('Resource', 'Statement[0]')],
  ['malformed variable', doc({ ...ok, Resource: 'arn:aws:s3:::b/${a b}' }), malformed('Resource', 'Statement[0]')],
  ['control character', doc({ Effect: 'Deny', Action: '*', NotResource: 'arn:aws:s3:::b\n' }), malformed('NotResource', 'Statement[0]')],
  ['Condition not an object', withCondition(['x']), malformed('Condition', 'Statement[0]')],
  ['unknown operator', withCondition({ StringEqual: { 'aws:username': 'a' } }), malformed('Condition', 'Statement[0]')],
  ['lower-case operator', withCondition({ stringequals: { 'aws:username': 'a' } }), malformed('Condition', 'Statement[0]')],
  ['unknown set qualifier', withCondition({ 'ForSomeValues:StringEquals': { k: 'a' } }), malformed('Condition', 'Statement[0]')],
  ['Null with IfExists', withCondition({ NullIfExists: { k: true } }), malformed('Condition', 'Statement[0]')],
  ['Null with a qualifier', withCondition({ 'ForAnyValue:Null': { k: true } }), malformed('Condition', 'Statement[0]')],
  ['empty operator block', withCondition({ StringEquals: {} }), malformed('Condition', 'Statement[0]')],
  ['operator block not an object', withCondition({ StringEquals: 'x' }), malformed('Condition', 'Statement[0]')],
  ['empty condition key', withCondition({ StringEquals: { '': 'x' } }), malformed('Condition', 'Statement[0]')],
  ['empty value list', withCondition({ StringEquals: { k: [] } }), malformed('Condition', 'Statement[0]')],
  ['null value', withCondition({ StringEquals: { k: null } }), malformed('Condition', 'Statement[0]')],
  ['object value', withCondition({ StringEquals: { k: [{}] } }), malformed('Condition', 'Statement[0]')],
  ['bad variable in a string value', withCondition({ StringLike: { k: '${oops' } }), malformed('Condition', 'Statement[0]')],
  ['non-numeric NumericEquals', withCondition({ NumericEquals: { 's3:max-keys': 'ten' } }), malformed('Condition', 'Statement[0]')],
  ['bad date', withCondition({ DateGreaterThan: { 'aws:CurrentTime': '2024-02-30' } }), malformed('Condition', 'Statement[0]')],
  ['bad Bool', withCondition({ Bool: { 'aws:SecureTransport': 'yes' } }), malformed('Condition', 'Statement[0]')],
  ['bad Null value', withCondition({ Null: { k: 1 } }), malformed('Condition', 'Statement[0]')],
  ['bad base64', withCondition({ BinaryEquals: { k: 'not base64!' } }), malformed('Condition', 'Statement[0]')],
  ['bad CIDR', withCondition({ IpAddress: { 'aws:SourceIp': '10.0.0.0/33' } }), malformed('Condition', 'Statement[0]')],
  ['bad IPv6', withCondition({ NotIpAddress: { 'aws:SourceIp': '2001:db8:::1' } }), malformed('Condition', 'Statement[0]')],
  ['bad ARN value', withCondition({ ArnLike: { 'aws:SourceArn': 'role/x' } }), malformed('Condition', 'Statement[0]')],
  ['too large', doc({ ...ok, Action: Array.from({ length: 200 }, (_, i) => `s3:Get${i}`) }), { code: 'PolicyTooLarge' }],
];

const accepted: [string, unknown][] = [
  ['a single statement object', { Version: V, Statement: ok }],
  ['Version 2008-10-17 with literal ${', { Version: '2008-10-17', Statement: { ...ok, Resource: 'arn:aws:s3:::b/${x' } }],
  ['Id, Sid and lists', { Version: V, Id: 'p1', Statement: [{ ...ok, Sid: 'A1', Action: ['s3:Get*', 's3:List?ucket'] }] }],
  ['an empty Sid', doc({ ...ok, Sid: '' }, { ...ok, Sid: '' })],
  ['NotAction and NotResource', doc({ Effect: 'Deny', NotAction: '*', NotResource: ['arn:*:s3:::b/*'] })],
  ['resource with variables', doc({ ...ok, Resource: 'arn:aws:s3:::b/${aws:username}/${*}${?}${$}/${k, \'d\'}/*' })],
  ['resource with colons', doc({ ...ok, Resource: 'arn:aws:s3:::b/a:b:c' })],
  ['every operator family', withCondition({
    StringEqualsIgnoreCase: { 'aws:username': ['Bob', '${aws:username}'] },
    'ForAllValues:StringLike': { 'aws:TagKeys': ['team*'] },
    'ForAnyValue:StringNotLikeIfExists': { 's3:prefix': 'home/*' },
    NumericLessThanEquals: { 's3:max-keys': [10, '1e3', '-2.5'] },
    DateGreaterThan: { 'aws:CurrentTime': ['2024-01-01T00:00:00Z', '2024-01-01', '1700000000', '2024-06-01T12:00:00.5+02:00'] },
    Bool: { 'aws:SecureTransport': [true, 'FALSE'] },
    BinaryEquals: { k: 'QmluYXJ5' },
    IpAddress: { 'aws:SourceIp': ['10.0.0.0/8', '192.168.1.1', '2001:db8::/32', '::ffff:10.0.0.0/104', '::'] },
    ArnLikeIfExists: { 'aws:SourceArn': ['arn:aws:iam::*:role/*', '${aws:PrincipalArn}', '*'] },
    Null: { 'aws:TokenIssueTime': 'false' },
  })],
  ['empty Condition object', withCondition({})],
];

describe('policy/parsePolicy', () => {
  for (const [name, input, want] of refused) {
    it(`refuses ${name}`, () => {
      const err = catchError(() => parsePolicy(input));
      assert.ok(err instanceof PolicyValidationError, `expected PolicyValidationError, got ${String(err)}`);
      assert.deepEqual({ code: err.code, statement: err.statement, field: err.field }, {
        code: want.code, statement: want.statement, field: want.field,
      });
    });
  }

  for (const [name, input] of accepted) {
    it(`accepts ${name}`, () => {
      assert.doesNotThrow(() => parsePolicy(input));
      assert.doesNotThrow(() => parsePolicy(JSON.stringify(input, null, 2)));
    });
  }

  it('names the statement and field in the message', () => {
    const err = catchError(() => parsePolicy(doc(ok, { ...ok, Sid: 'ReadAll', Action: 's3:Get Object' })));
    assert.ok(err instanceof PolicyValidationError);
    assert.match(err.message, /Statement\[1\].*ReadAll.*Action.*s3:Get Object/);
  });

  it('builds the typed model', () => {
    const policy = parsePolicy(doc(
      { Sid: 'A', Effect: 'Allow', Action: 's3:GetObject', Resource: ['arn:aws:s3:::b/*'] },
      { Effect: 'Deny', NotAction: ['s3:*'], NotResource: '*', Condition: { Bool: { 'aws:SecureTransport': false } } },
    ));
    assert.equal(policy.version, V);
    assert.deepEqual(policy.statements, [
      { index: 0, sid: 'A', effect: 'Allow', action: { negated: false, patterns: ['s3:GetObject'] },
        resource: { negated: false, patterns: ['arn:aws:s3:::b/*'] }, conditions: [] },
      { index: 1, sid: undefined, effect: 'Deny', action: { negated: true, patterns: ['s3:*'] },
        resource: { negated: true, patterns: ['*'] },
        conditions: [{ operator: 'Bool', key: 'aws:SecureTransport', values: ['false'] }] },
    ]);
  });

  it('measures the size limit in UTF-8 bytes of the minified document', () => {
    const sized = (resourceLength: number, ch: string): unknown =>
      doc({ ...ok, Resource: `arn:aws:s3:::${ch.repeat(resourceLength)}` });
    const base = Buffer.byteLength(minifyPolicy(sized(0, 'a')));
    const room = MAX_POLICY_BYTES - base;
    assert.doesNotThrow(() => parsePolicy(JSON.stringify(sized(room, 'a'), null, 4)));
    assert.throws(() => parsePolicy(sized(room + 1, 'a')), { code: 'PolicyTooLarge' });
    assert.throws(() => parsePolicy(sized(Math.ceil(room / 2) + 1, 'é')), { code: 'PolicyTooLarge' });
    assert.doesNotThrow(() => parsePolicy(sized(Math.floor(room / 2), 'é')));
  });
});

function catchError(fn: () => unknown): unknown {
  try {
    fn();
  } catch (err) {
    return err;
  }
  return undefined;
}
