import type { AdminHttp } from './adminHttp.js';
import { isRecord } from './adminHttp.js';
import type { NewUser, Page, PageRequest, Policy, Session, User, WrittenPolicy } from './apiTypes.js';
import { CliError } from './errors.js';
import type { NewRole, OidcProvider, Role } from './identityTypes.js';
import type { ResealReport, RestoreReport } from './maintenanceTypes.js';

const segment = encodeURIComponent;

/** Typed calls to `/admin/v1`. Answers are trusted to follow openapi/openapi.yaml once their envelope is checked. */
export class AdminClient {
  constructor(private readonly http: AdminHttp) {}

  async listUsers(page: PageRequest = {}): Promise<Page<User>> {
    return listPage<User>(await this.http('GET', '/admin/v1/users', { query: { ...page } }), 'users');
  }

  async createUser(user: NewUser): Promise<User> {
    return record<User>((await this.http('POST', '/admin/v1/users', { body: user })).body);
  }

  async getUser(name: string): Promise<User> {
    return record<User>((await this.http('GET', `/admin/v1/users/${segment(name)}`)).body);
  }

  async removeUser(name: string): Promise<void> {
    await this.http('DELETE', `/admin/v1/users/${segment(name)}`);
  }

  async attachPolicy(user: string, policy: string): Promise<User> {
    return record<User>((await this.http('PUT', `/admin/v1/users/${segment(user)}/policy`, { body: { policy } })).body);
  }

  async detachPolicy(user: string): Promise<User> {
    return record<User>((await this.http('DELETE', `/admin/v1/users/${segment(user)}/policy`)).body);
  }

  async listPolicies(page: PageRequest = {}): Promise<Page<Policy>> {
    return listPage<Policy>(await this.http('GET', '/admin/v1/policies', { query: { ...page } }), 'policies');
  }

  async getPolicy(name: string): Promise<Policy> {
    return record<Policy>((await this.http('GET', `/admin/v1/policies/${segment(name)}`)).body);
  }

  /** Creates or replaces; `created` tells which (201 or 200). */
  async putPolicy(name: string, document: unknown): Promise<{ policy: WrittenPolicy; created: boolean }> {
    const response = await this.http('PUT', `/admin/v1/policies/${segment(name)}`, { body: document });
    return { policy: record<WrittenPolicy>(response.body), created: response.status === 201 };
  }

  async removePolicy(name: string): Promise<void> {
    await this.http('DELETE', `/admin/v1/policies/${segment(name)}`);
  }

  async listSessions(page: PageRequest & { user?: string; role?: string } = {}): Promise<Page<Session>> {
    return listPage<Session>(await this.http('GET', '/admin/v1/sessions', { query: { ...page } }), 'sessions');
  }

  async revokeSession(accessKeyId: string): Promise<void> {
    await this.http('DELETE', `/admin/v1/sessions/${segment(accessKeyId)}`);
  }

  async revokeUserSessions(user: string): Promise<number> {
    const body = record<{ revoked: number }>((await this.http('DELETE', `/admin/v1/users/${segment(user)}/sessions`)).body);
    return body.revoked;
  }

  async listRoles(page: PageRequest = {}): Promise<Page<Role>> {
    return listPage<Role>(await this.http('GET', '/admin/v1/roles', { query: { ...page } }), 'roles');
  }

  async createRole(role: NewRole): Promise<Role> {
    return record<Role>((await this.http('POST', '/admin/v1/roles', { body: role })).body);
  }

  async getRole(name: string): Promise<Role> {
    return record<Role>((await this.http('GET', `/admin/v1/roles/${segment(name)}`)).body);
  }

  async removeRole(name: string): Promise<void> {
    await this.http('DELETE', `/admin/v1/roles/${segment(name)}`);
  }

  async putRoleTrustPolicy(name: string, document: unknown): Promise<Role> {
    return record<Role>((await this.http('PUT', `/admin/v1/roles/${segment(name)}/trust-policy`, { body: document })).body);
  }

  async attachRolePolicy(name: string, policy: string): Promise<Role> {
    return record<Role>((await this.http('PUT', `/admin/v1/roles/${segment(name)}/policy`, { body: { policy } })).body);
  }

  async detachRolePolicy(name: string): Promise<Role> {
    return record<Role>((await this.http('DELETE', `/admin/v1/roles/${segment(name)}/policy`)).body);
  }

  async revokeRoleSessions(name: string): Promise<number> {
    return record<{ revoked: number }>((await this.http('DELETE', `/admin/v1/roles/${segment(name)}/sessions`)).body).revoked;
  }

  async listOidcProviders(page: PageRequest = {}): Promise<Page<OidcProvider>> {
    return listPage<OidcProvider>(await this.http('GET', '/admin/v1/oidc-providers', { query: { ...page } }), 'providers');
  }

  async createOidcProvider(issuer: string, audiences: readonly string[]): Promise<OidcProvider> {
    return record<OidcProvider>((await this.http('POST', '/admin/v1/oidc-providers', { body: { issuer, audiences } })).body);
  }

  async getOidcProvider(key: string): Promise<OidcProvider> {
    return record<OidcProvider>((await this.http('GET', `/admin/v1/oidc-providers/${segment(key)}`)).body);
  }

  async removeOidcProvider(key: string): Promise<void> {
    await this.http('DELETE', `/admin/v1/oidc-providers/${segment(key)}`);
  }

  /** The whole backup document (sealed secrets only), as the service wrote it. */
  async backup(): Promise<Record<string, unknown>> {
    return record<Record<string, unknown>>((await this.http('GET', '/admin/v1/backup')).body);
  }

  async restore(backup: unknown): Promise<RestoreReport> {
    return record<RestoreReport>((await this.http('POST', '/admin/v1/restore', { body: backup })).body);
  }

  async resealSecrets(): Promise<ResealReport> {
    return record<ResealReport>((await this.http('POST', '/admin/v1/maintenance/reseal')).body);
  }
}

/** Fetches every page, following `next` until the service stops sending one. */
export async function collectAll<T>(fetchPage: (cursor: string | undefined) => Promise<Page<T>>): Promise<T[]> {
  const items: T[] = [];
  const seen = new Set<string>();
  let cursor: string | undefined;
  do {
    const page = await fetchPage(cursor);
    items.push(...page.items);
    cursor = page.next;
    if (cursor !== undefined && seen.has(cursor)) {
      throw new CliError('InvalidResponse', 'the service repeated a page cursor');
    }
    if (cursor !== undefined) seen.add(cursor);
  } while (cursor !== undefined);
  return items;
}

function listPage<T>(response: { body: unknown }, key: string): Page<T> {
  const body = response.body;
  const items = isRecord(body) ? body[key] : undefined;
  if (!Array.isArray(items)) throw new CliError('InvalidResponse', `the service's answer has no "${key}" list`);
  const next = isRecord(body) && typeof body.next === 'string' && body.next !== '' ? body.next : undefined;
  return next === undefined ? { items: items as T[] } : { items: items as T[], next };
}

function record<T>(body: unknown): T {
  if (!isRecord(body)) throw new CliError('InvalidResponse', 'the service answered without a JSON object');
  return body as T;
}
