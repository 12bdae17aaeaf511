import { runConditionCases, type ConditionCase } from '../policyHelpers.js';

const user = { 'aws:username': 'Bob' };
const tags = { 'aws:TagKeys': ['team', 'cost-center'] };

const cases: ConditionCase[] = [
  ['StringEquals matches exactly', { StringEquals: { 'aws:username': 'Bob' } }, user, true],
  ['StringEquals is case-sensitive', { StringEquals: { 'aws:username': 'bob' } }, user, false],
  ['StringEquals ORs its values', { StringEquals: { 'aws:username': ['Ann', 'Bob'] } }, user, true],
  ['StringEquals treats * literally', { StringEquals: { 'aws:username': 'B*' } }, user, false],
  ['StringEquals on a missing key is false', { StringEquals: { 'aws:username': 'Bob' } }, {}, false],
  ['condition keys are case-insensitive', { StringEquals: { 'AWS:USERNAME': 'Bob' } }, user, true],
  ['StringNotEquals with a different value', { StringNotEquals: { 'aws:username': 'Ann' } }, user, true],
  ['StringNotEquals with the same value', { StringNotEquals: { 'aws:username': ['Ann', 'Bob'] } }, user, false],
  ['StringNotEquals on a missing key is true', { StringNotEquals: { 'aws:username': 'Bob' } }, {}, true],
  ['StringEqualsIgnoreCase', { StringEqualsIgnoreCase: { 'aws:username': 'BOB' } }, user, true],
  ['StringNotEqualsIgnoreCase', { StringNotEqualsIgnoreCase: { 'aws:username': 'bOb' } }, user, false],
  ['StringLike with *', { StringLike: { 's3:prefix': 'home/*' } }, { 's3:prefix': 'home/bob/x' }, true],
  ['StringLike with ?', { StringLike: { 's3:prefix': 'b?b' } }, { 's3:prefix': 'bob' }, true],
  ['StringLike anchors both ends', { StringLike: { 's3:prefix': 'home/*' } }, { 's3:prefix': 'x/home/' }, false],
  ['StringLike is case-sensitive', { StringLike: { 's3:prefix': 'Home/*' } }, { 's3:prefix': 'home/x' }, false],
  ['StringNotLike', { StringNotLike: { 's3:prefix': ['home/*', 'tmp/*'] } }, { 's3:prefix': 'etc/x' }, true],
  ['StringNotLike with a match', { StringNotLike: { 's3:prefix': 'home/*' } }, { 's3:prefix': 'home/x' }, false],
  ['StringLikeIfExists on a missing key', { StringLikeIfExists: { 's3:prefix': 'home/*' } }, {}, true],
  ['StringLikeIfExists on a present key', { StringLikeIfExists: { 's3:prefix': 'home/*' } }, { 's3:prefix': 'x' }, false],
  ['empty list counts as missing', { StringEquals: { 'aws:TagKeys': 'a' } }, { 'aws:TagKeys': [] }, false],
  ['variable in a value', { StringEquals: { 's3:prefix': 'home/${aws:username}' } }, { ...user, 's3:prefix': 'home/Bob' }, true],
  ['variable is literal text', { StringLike: { 's3:prefix': '${aws:username}' } }, { 'aws:username': 'B*', 's3:prefix': 'Bob' }, false],
  ['variable default', { StringEquals: { 's3:prefix': "${aws:userid, 'anon'}" } }, { 's3:prefix': 'anon' }, true],
  ['unresolved variable matches nothing', { StringEquals: { 's3:prefix': '${aws:userid}' } }, { 's3:prefix': '' }, false],
  ['unresolved variable: negated holds', { StringNotEquals: { 's3:prefix': '${aws:userid}' } }, { 's3:prefix': 'x' }, true],
  ['escapes ${*} ${?} ${$}', { StringEquals: { k: 'a${*}${?}${$}' } }, { k: 'a*?$' }, true],
  ['IgnoreCase with a variable', { StringEqualsIgnoreCase: { k: '${aws:username}' } }, { ...user, k: 'BOB' }, true],
  ['context keys are case-insensitive', { StringEquals: { 'aws:username': 'Bob' } }, { 'AWS:UserName': 'Bob' }, true],
  ['non-ASCII keys compare case-insensitively', { StringEquals: { 'tag:Ärger': 'x' } }, { 'TAG:ärger': 'x' }, true],
  ['inherited properties are not context keys', { StringLike: { toString: '*', constructor: '*' } }, {}, false],
  // Multi-valued keys
  ['ForAllValues: every value allowed', { 'ForAllValues:StringEquals': { 'aws:TagKeys': ['team', 'cost-center', 'x'] } }, tags, true],
  ['ForAllValues: one value not allowed', { 'ForAllValues:StringEquals': { 'aws:TagKeys': ['team'] } }, tags, false],
  ['ForAllValues: missing key is true', { 'ForAllValues:StringEquals': { 'aws:TagKeys': ['team'] } }, {}, true],
  ['ForAllValues: empty list is true', { 'ForAllValues:StringEquals': { 'aws:TagKeys': ['team'] } }, { 'aws:TagKeys': [] }, true],
  ['ForAllValues: single string value', { 'ForAllValues:StringLike': { 'aws:TagKeys': 'te*' } }, { 'aws:TagKeys': 'team' }, true],
  ['ForAnyValue: one value matches', { 'ForAnyValue:StringEquals': { 'aws:TagKeys': ['team'] } }, tags, true],
  ['ForAnyValue: none matches', { 'ForAnyValue:StringEquals': { 'aws:TagKeys': ['owner'] } }, tags, false],
  ['ForAnyValue: missing key is false', { 'ForAnyValue:StringEquals': { 'aws:TagKeys': ['team'] } }, {}, false],
  ['ForAnyValue...IfExists: missing key is true', { 'ForAnyValue:StringEqualsIfExists': { 'aws:TagKeys': 'x' } }, {}, true],
  ['ForAnyValue:StringNotEquals: one value outside', { 'ForAnyValue:StringNotEquals': { 'aws:TagKeys': ['team'] } }, tags, true],
  ['ForAnyValue:StringNotEquals: missing key is false', { 'ForAnyValue:StringNotEquals': { 'aws:TagKeys': ['team'] } }, {}, false],
  ['ForAllValues:StringNotLike: all outside', { 'ForAllValues:StringNotLike': { 'aws:TagKeys': 'x*' } }, tags, true],
  ['ForAllValues:StringNotEquals: one inside', { 'ForAllValues:StringNotEquals': { 'aws:TagKeys': 'team' } }, tags, false],
  ['plain operator on a list: any value', { StringEquals: { 'aws:TagKeys': 'team' } }, tags, true],
  ['plain negated operator on a list: none', { StringNotEquals: { 'aws:TagKeys': 'team' } }, tags, false],
  // Combination
  ['keys are ANDed', { StringEquals: { 'aws:username': 'Bob', 's3:prefix': 'a' } }, { ...user, 's3:prefix': 'b' }, false],
  ['operators are ANDed', { StringEquals: { 'aws:username': 'Bob' }, StringLike: { 's3:prefix': 'a*' } }, { ...user, 's3:prefix': 'ab' }, true],
];

describe('policy/conditions/string', () => runConditionCases(cases));
