import { runConditionCases, type ConditionCase } from '../policyHelpers.js';

const keys = { 's3:max-keys': '100' };
const now = { 'aws:CurrentTime': '2024-06-01T12:00:00Z', 'aws:EpochTime': '1717243200' };

const numeric: ConditionCase[] = [
  ['NumericEquals', { NumericEquals: { 's3:max-keys': 100 } }, keys, true],
  ['NumericEquals with a string value', { NumericEquals: { 's3:max-keys': '1e2' } }, keys, true],
  ['NumericEquals different', { NumericEquals: { 's3:max-keys': '10' } }, keys, false],
  ['NumericNotEquals', { NumericNotEquals: { 's3:max-keys': [10, 20] } }, keys, true],
  ['NumericNotEquals with the value', { NumericNotEquals: { 's3:max-keys': [10, 100] } }, keys, false],
  ['NumericLessThan', { NumericLessThan: { 's3:max-keys': 101 } }, keys, true],
  ['NumericLessThan at the bound', { NumericLessThan: { 's3:max-keys': 100 } }, keys, false],
  ['NumericLessThanEquals', { NumericLessThanEquals: { 's3:max-keys': 100 } }, keys, true],
  ['NumericGreaterThan', { NumericGreaterThan: { 's3:max-keys': 99.5 } }, keys, true],
  ['NumericGreaterThanEquals', { NumericGreaterThanEquals: { 's3:max-keys': 101 } }, keys, false],
  ['Numeric on a missing key', { NumericLessThan: { 's3:max-keys': 1000 } }, {}, false],
  ['NumericNotEquals on a missing key', { NumericNotEquals: { 's3:max-keys': 1 } }, {}, true],
  ['NumericLessThanIfExists on a missing key', { NumericLessThanIfExists: { 's3:max-keys': 1 } }, {}, true],
  ['request value not a number', { NumericLessThan: { 's3:max-keys': 1000 } }, { 's3:max-keys': 'ten' }, false],
  ['ForAllValues:NumericLessThan', { 'ForAllValues:NumericLessThan': { n: 10 } }, { n: ['1', '9'] }, true],
  ['ForAnyValue:NumericGreaterThan', { 'ForAnyValue:NumericGreaterThan': { n: 10 } }, { n: ['1', '11'] }, true],
];

const date: ConditionCase[] = [
  ['DateGreaterThan ISO', { DateGreaterThan: { 'aws:CurrentTime': '2024-01-01T00:00:00Z' } }, now, true],
  ['DateLessThan ISO', { DateLessThan: { 'aws:CurrentTime': '2024-01-01T00:00:00Z' } }, now, false],
  ['DateEquals across formats', { DateEquals: { 'aws:CurrentTime': '1717243200' } }, now, true],
  ['DateEquals with an offset', { DateEquals: { 'aws:CurrentTime': '2024-06-01T14:00:00+02:00' } }, now, true],
  ['DateNotEquals', { DateNotEquals: { 'aws:CurrentTime': '2024-06-01' } }, now, true],
  ['DateLessThanEquals at the bound', { DateLessThanEquals: { 'aws:EpochTime': '2024-06-01T12:00:00Z' } }, now, true],
  ['DateGreaterThanEquals epoch seconds', { DateGreaterThanEquals: { 'aws:EpochTime': 1717243201 } }, now, false],
  ['date-only value is midnight UTC', { DateGreaterThan: { 'aws:CurrentTime': '2024-06-01' } }, now, true],
  ['millisecond precision', { DateLessThan: { t: '2024-06-01T12:00:00.001Z' } }, { t: '2024-06-01T12:00:00Z' }, true],
  ['a time window (AND)', {
    DateGreaterThan: { 'aws:CurrentTime': '2024-05-01T00:00:00Z' },
    DateLessThan: { 'aws:CurrentTime': '2024-07-01T00:00:00Z' },
  }, now, true],
  ['Date on a missing key', { DateGreaterThan: { 'aws:TokenIssueTime': '2000-01-01' } }, now, false],
  ['DateNotEquals on a missing key', { DateNotEquals: { 'aws:TokenIssueTime': '2000-01-01' } }, now, true],
  ['request value not a date', { DateGreaterThan: { t: '2000-01-01' } }, { t: 'yesterday' }, false],
];

describe('policy/conditions/numeric', () => runConditionCases(numeric));
describe('policy/conditions/date', () => runConditionCases(date));
