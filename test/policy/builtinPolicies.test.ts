import assert from 'node:assert/strict';
import { isBuiltinPolicy } from '../../src/policies/index.js';
import { BUILTIN_POLICIES, minifyPolicy, parsePolicy } from '../../src/policy/index.js';

const ok = { Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::bucket/*' };
const doc = { Version: '2012-10-17', Statement: [ok] };

describe('policy/minifyPolicy', () => {
  it('drops whitespace and keeps content', () => {
    assert.equal(minifyPolicy('{ "Version" : "2012-10-17",\n "Statement": [ ] }'), '{"Version":"2012-10-17","Statement":[]}');
    assert.equal(minifyPolicy({ a: 'x y' }), '{"a":"x y"}');
  });
  it('refuses invalid JSON', () => {
    assert.throws(() => minifyPolicy('{'), { code: 'MalformedPolicyDocument' });
  });
  it('keeps the minified document on the model', () => {
    assert.equal(parsePolicy(JSON.stringify(doc, null, 2)).document, JSON.stringify(doc));
  });
});

describe('policy/BUILTIN_POLICIES', () => {
  for (const [name, document] of Object.entries(BUILTIN_POLICIES)) {
    it(`${name} is valid, frozen and recognised`, () => {
      assert.equal(parsePolicy(document).version, '2012-10-17');
      assert.ok(Object.isFrozen(document) && Object.isFrozen(document.Statement[0]));
      assert.ok(isBuiltinPolicy(name));
    });
  }
  it('has the documented actions', () => {
    assert.deepEqual(BUILTIN_POLICIES.writeonly.Statement[0]?.Action, ['s3:PutObject']);
    assert.deepEqual(BUILTIN_POLICIES.readwrite.Statement[0]?.Action, ['s3:*']);
    assert.equal((BUILTIN_POLICIES.readonly.Statement[0]?.Action as string[]).length, 8);
  });
  it('does not recognise other names', () => {
    for (const name of ['custom', 'toString', '__proto__', 'ReadOnly']) assert.equal(isBuiltinPolicy(name), false);
  });
});
