import assert from 'node:assert/strict';
import type { SigningCredentials } from '../../../src/sigv4/index.js';
import type { LiveServer } from '../../helpers/liveServer.js';

export const ACCOUNT = '000000000000';
export const SECRET = 'Sup3r-Secret-Key!';

export interface TestUser {
  readonly name: string;
  readonly id: string;
  readonly creds: SigningCredentials;
}

/** Creates a user through the admin API (policy `readwrite` unless told otherwise; null for none). */
export async function createUser(server: LiveServer, name: string, policy: string | null = 'readwrite'): Promise<TestUser> {
  const body = { name, secretKey: SECRET, ...(policy === null ? {} : { policy }) };
  const created = await server.admin('POST', '/admin/v1/users', body);
  assert.equal(created.status, 201, JSON.stringify(created.body));
  return { name, id: created.body.id as string, creds: { accessKeyId: name, secretAccessKey: SECRET } };
}

export async function createPolicy(server: LiveServer, name: string, document: unknown): Promise<string> {
  const saved = await server.admin('PUT', `/admin/v1/policies/${name}`, document);
  assert.ok(saved.status === 201 || saved.status === 200, JSON.stringify(saved.body));
  return `arn:aws:iam::${ACCOUNT}:policy/${name}`;
}

export function roleArn(role: string): string {
  return `arn:aws:iam::${ACCOUNT}:role/${role}`;
}

export function assumedRoleArn(role: string, session: string): string {
  return `arn:aws:sts::${ACCOUNT}:assumed-role/${role}/${session}`;
}
