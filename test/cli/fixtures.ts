/** Admin API answers as openapi/openapi.yaml describes them. */

export const alice = {
  name: 'alice',
  id: 'AIDAJQABLZS4A3QDU576Q',
  posixUid: 1001,
  posixGid: 1002,
  policy: 'readwrite',
  createdAt: '2025-01-02T03:04:05.000Z',
};

export const bob = { name: 'bob@example.com', id: 'AIDAZZZZZZZZZZZZZZZZZ', policy: null, createdAt: '2025-02-03T04:05:06.000Z' };

export const document = {
  Version: '2012-10-17',
  Statement: [{ Sid: 'TeamBucket', Effect: 'Allow', Action: ['s3:GetObject'], Resource: 'arn:aws:s3:::team/*' }],
};

export const readonlyPolicy = {
  name: 'readonly',
  builtin: true,
  document: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: ['s3:GetObject'], Resource: ['arn:aws:s3:::*'] }] },
  users: [],
};

export const teamPolicy = {
  name: 'team',
  builtin: false,
  document,
  users: ['alice', 'carol'],
  createdAt: '2025-01-02T03:04:05.000Z',
  updatedAt: '2025-01-03T03:04:05.000Z',
};

export const session = {
  accessKeyId: 'ASIAZ2X7Q3LMN4PQ5RST',
  user: 'alice',
  sessionName: 'backup-job',
  roleArn: 'arn:aws:iam::000000000000:role/backup',
  issuedAt: '2025-01-02T03:04:05.000Z',
  expiration: '2025-01-02T04:04:05.000Z',
  sessionPolicies: 1,
};

export const chainedSession = {
  ...session,
  accessKeyId: 'ASIA0000000000000001',
  sessionName: 'chained',
  parentAccessKeyId: session.accessKeyId,
  sessionPolicies: 0,
};

export function apiError(code: string, message: string, details: Record<string, unknown> = {}): { error: Record<string, unknown> } {
  return { error: { code, message, ...details } };
}
