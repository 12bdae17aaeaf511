import { runConditionCases, type ConditionCase } from '../policyHelpers.js';

const secure = { 'aws:SecureTransport': 'true' };

const bool: ConditionCase[] = [
  ['Bool true', { Bool: { 'aws:SecureTransport': true } }, secure, true],
  ['Bool string "true"', { Bool: { 'aws:SecureTransport': 'true' } }, secure, true],
  ['Bool false against true', { Bool: { 'aws:SecureTransport': false } }, secure, false],
  ['Bool is case-insensitive', { Bool: { 'aws:SecureTransport': 'TRUE' } }, { 'aws:SecureTransport': 'True' }, true],
  ['Bool on a missing key', { Bool: { 'aws:MultiFactorAuthPresent': 'true' } }, {}, false],
  ['BoolIfExists on a missing key', { BoolIfExists: { 'aws:MultiFactorAuthPresent': 'false' } }, {}, true],
  ['Bool with a non-boolean request value', { Bool: { k: 'false' } }, { k: 'no' }, false],
];

const binary: ConditionCase[] = [
  ['BinaryEquals same bytes', { BinaryEquals: { k: 'QmluYXJ5' } }, { k: 'QmluYXJ5' }, true],
  ['BinaryEquals other bytes', { BinaryEquals: { k: 'QmluYXJ5' } }, { k: 'QmluYXJ6' }, false],
  ['BinaryEquals ORs values', { BinaryEquals: { k: ['AAAA', 'QQ=='] } }, { k: 'QQ==' }, true],
  ['BinaryEquals with a non-base64 request value', { BinaryEquals: { k: 'QQ==' } }, { k: 'A' }, false],
  ['BinaryEquals on a missing key', { BinaryEquals: { k: 'QQ==' } }, {}, false],
];

const nulls: ConditionCase[] = [
  ['Null true, key absent', { Null: { 'aws:TokenIssueTime': 'true' } }, {}, true],
  ['Null true, key present', { Null: { 'aws:TokenIssueTime': true } }, { 'aws:TokenIssueTime': 'x' }, false],
  ['Null false, key present', { Null: { 'aws:TokenIssueTime': false } }, { 'aws:TokenIssueTime': 'x' }, true],
  ['Null false, key absent', { Null: { 'aws:TokenIssueTime': 'false' } }, {}, false],
  ['Null: undefined counts as absent', { Null: { k: true } }, { k: undefined }, true],
  ['Null: empty list counts as absent', { Null: { k: true } }, { k: [] }, true],
  ['Null: empty string is present', { Null: { k: false } }, { k: '' }, true],
  ['Null: key is case-insensitive', { Null: { 'AWS:TOKENISSUETIME': false } }, { 'aws:TokenIssueTime': 'x' }, true],
];

describe('policy/conditions/bool', () => runConditionCases(bool));
describe('policy/conditions/binary', () => runConditionCases(binary));
describe('policy/conditions/null', () => runConditionCases(nulls));
