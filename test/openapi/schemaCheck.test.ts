import assert from 'node:assert/strict';
import { assertMatchesSchema } from './schemaCheck.js';

const user = { name: 'alice', id: 'AIDAJQABLZS4A3QDU576Q', policy: 'readwrite', createdAt: '2025-01-02T03:04:05.000Z' };
const session = {
  accessKeyId: 'ASIAZ2X7Q3LMN4PQ5RST',
  user: 'alice',
  sessionName: 'job',
  roleArn: 'arn:aws:iam::000000000000:role/backup',
  issuedAt: '2025-01-02T03:04:05.000Z',
  expiration: '2025-01-02T04:04:05.000Z',
  sessionPolicies: 0,
};
const document = { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 's3:*', Resource: 'arn:aws:s3:::*' }] };

type Case = [name: string, method: string, path: string, status: number, body: unknown];

const matching: Case[] = [
  ['a user', 'GET', '/admin/v1/users/alice', 200, user],
  ['a user without policy, with POSIX ids', 'GET', '/admin/v1/users/bob', 200, { ...user, policy: null, posixUid: 0, posixGid: 4294967294 }],
  ['a created user', 'POST', '/admin/v1/users', 201, user],
  ['a user list with a cursor (query ignored)', 'GET', '/admin/v1/users?limit=1', 200, { users: [user], next: 'abc' }],
  ['a removed user', 'DELETE', '/admin/v1/users/alice', 204, undefined],
  ['a built-in policy', 'GET', '/admin/v1/policies/readonly', 200, { name: 'readonly', builtin: true, document, users: [] }],
  ['a single-statement document', 'PUT', '/admin/v1/policies/p', 201, { name: 'p', builtin: false, document: { ...document, Statement: document.Statement[0] }, users: ['alice'], createdAt: user.createdAt, updatedAt: user.createdAt, warnings: [] }],
  ['PolicyInUse with users', 'DELETE', '/admin/v1/policies/p', 409, { error: { code: 'PolicyInUse', message: 'in use', users: ['alice'] } }],
  ['MalformedPolicyDocument with details', 'PUT', '/admin/v1/policies/p', 400, { error: { code: 'MalformedPolicyDocument', message: 'bad', statement: 'Statement[0]', field: 'Action' } }],
  ['a session list', 'GET', '/admin/v1/sessions?user=alice', 200, { sessions: [session, { ...session, sessionName: '', roleArn: '', parentAccessKeyId: 'ASIA0000000000000000' }] }],
  ['a revoked count', 'DELETE', '/admin/v1/users/alice/sessions', 200, { revoked: 2 }],
  ['a rejected credential', 'POST', '/v1/verify', 401, { valid: false, reason: 'expired' }],
  ['a wrong verify token', 'POST', '/v1/authorize', 401, { error: { code: 'Unauthorized', message: 'no' } }],
  ['a readiness failure', 'GET', '/readyz', 503, { status: 'unavailable', error: { code: 'ServiceUnavailable', message: 'down' } }],
];

const failing: [...Case, RegExp][] = [
  ['a user with a secret', 'GET', '/admin/v1/users/alice', 200, { ...user, secretKey: 'Secret-Key-1' }, /additional properties: "secretKey"/],
  ['a bad timestamp', 'GET', '/admin/v1/users/alice', 200, { ...user, createdAt: 'yesterday' }, /\/createdAt must match format "date-time"/],
  ['a missing id', 'GET', '/admin/v1/users/alice', 200, { ...user, id: undefined }, /required property 'id'/],
  ['a POSIX id out of range', 'GET', '/admin/v1/users/alice', 200, { ...user, posixUid: 4294967295 }, /\/posixUid must be <= 4294967294/],
  ['the wrong error code', 'GET', '/admin/v1/users/alice', 404, { error: { code: 'NoSuchPolicy', message: 'x' } }, /\/error\/code must be equal to constant/],
  ['an undocumented status', 'GET', '/admin/v1/users/alice', 418, {}, /not a documented status/],
  ['a body on 204', 'DELETE', '/admin/v1/users/alice', 204, { ok: true }, /documents no body/],
  ['an unknown path', 'GET', '/admin/v2/users', 200, {}, /documents no GET/],
  ['an unknown reason', 'POST', '/v1/verify', 401, { valid: false, reason: 'sleepy' }, /\/reason must be equal to one of the allowed values/],
  ['a written policy without warnings', 'PUT', '/admin/v1/policies/p', 201, { name: 'p', builtin: false, document, users: [] }, /required property 'warnings'/],
  ['a session with a bad key id', 'GET', '/admin/v1/sessions', 200, { sessions: [{ ...session, accessKeyId: 'AKIA1' }] }, /\/sessions\/0\/accessKeyId must match pattern/],
];

describe('assertMatchesSchema', () => {
  for (const [name, method, path, status, body] of matching) {
    it(`accepts ${name}`, () => assertMatchesSchema(method, path, status, body));
  }
  for (const [name, method, path, status, body, message] of failing) {
    it(`rejects ${name}`, () => assert.throws(() => assertMatchesSchema(method, path, status, body), message));
  }
});
