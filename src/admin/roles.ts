import { randomId } from '../crypto/randomId.js';
import type { Deps } from '../deps.js';
import { AppError } from '../errors.js';
import { parseTrustPolicy } from '../oidc/index.js';
import { PolicyValidationError } from '../policy/index.js';
import { roleOwner } from '../store/records.js';
import type { ListOptions, RoleRecord } from '../store/types.js';
import { pickDefined } from './pickDefined.js';
import { checkKnownFields, checkObject, checkPolicyName, checkPosixId } from './validate.js';

/** IAM's role name rule. */
export const ROLE_NAME = /^[\w+=,.@-]{1,64}$/;
export const MIN_ROLE_SESSION_SECONDS = 3600;
export const MAX_ROLE_SESSION_SECONDS = 43_200;

export interface RoleView {
  readonly name: string;
  readonly id: string;
  readonly arn: string;
  readonly trustPolicy: unknown;
  readonly policy: string | null;
  readonly maxSessionDuration: number;
  readonly posixUid?: number;
  readonly posixGid?: number;
  readonly createdAt: string;
}

export function roleArn(accountId: string, name: string): string {
  return `arn:aws:iam::${accountId}:role/${name}`;
}

export function roleView(deps: Deps, role: RoleRecord): RoleView {
  return pickDefined({
    name: role.name,
    id: role.id,
    arn: roleArn(deps.config.accountId, role.name),
    trustPolicy: JSON.parse(role.trustPolicy) as unknown,
    policy: role.policy ?? null,
    maxSessionDuration: role.maxSessionDuration,
    posixUid: role.posixUid,
    posixGid: role.posixGid,
    createdAt: role.createdAt,
  });
}

export function checkRoleName(name: unknown, field = 'name'): string {
  if (typeof name !== 'string' || !ROLE_NAME.test(name)) {
    throw new AppError('ValidationError', `${field} must match ${ROLE_NAME.source}`, { details: { field } });
  }
  return name;
}

/** `{name, trustPolicy, policy?, maxSessionDuration?, posixUid?, posixGid?}`. */
export async function createRole(deps: Deps, body: unknown): Promise<RoleView> {
  const input = checkObject(body);
  checkKnownFields(input, ['name', 'trustPolicy', 'policy', 'maxSessionDuration', 'posixUid', 'posixGid']);
  const name = checkRoleName(input.name);
  const policy = input.policy === undefined || input.policy === null ? undefined : checkPolicyName(input.policy);
  const record: RoleRecord = pickDefined({
    name,
    id: randomId('AROA', 17),
    trustPolicy: trustDocument(input.trustPolicy),
    policy,
    maxSessionDuration: checkMaxSessionDuration(input.maxSessionDuration),
    posixUid: checkPosixId(input.posixUid, 'posixUid'),
    posixGid: checkPosixId(input.posixGid, 'posixGid'),
    createdAt: new Date(deps.clock.now()).toISOString(),
  });
  const result = await deps.store.createRole(record);
  if (!result.ok && result.reason === 'exists') throw new AppError('RoleAlreadyExists', `role "${name}" already exists`);
  if (!result.ok) throw new AppError('NoSuchPolicy', `policy "${policy}" does not exist`);
  deps.logger.info({ audit: 'role-created', role: name, policy }, 'role created');
  return roleView(deps, record);
}

export async function listRoles(deps: Deps, options: ListOptions): Promise<{ roles: RoleView[]; next?: string }> {
  const page = await deps.store.listRoles(options);
  return pickDefined({ roles: page.items.map((role) => roleView(deps, role)), next: page.next });
}

export async function showRole(deps: Deps, name: string): Promise<RoleView> {
  return roleView(deps, await requireRole(deps, name));
}

export async function requireRole(deps: Deps, name: string): Promise<RoleRecord> {
  checkRoleName(name, 'role');
  const role = await deps.store.getRole(name);
  if (role === undefined) throw new AppError('NoSuchRole', `role "${name}" does not exist`);
  return role;
}

/** Removes the role and ends its sessions at once. */
export async function removeRole(deps: Deps, name: string): Promise<void> {
  checkRoleName(name, 'role');
  if (!(await deps.store.deleteRole(name))) throw new AppError('NoSuchRole', `role "${name}" does not exist`);
  deps.metrics.sessionsRevoked.inc({ how: 'role-removed' });
  deps.logger.info({ audit: 'role-removed', role: name }, 'role removed and its sessions revoked');
}

/** The body is the trust policy document itself. */
export async function putTrustPolicy(deps: Deps, name: string, body: unknown): Promise<RoleView> {
  checkRoleName(name, 'role');
  if (!(await deps.store.setRoleTrustPolicy(name, trustDocument(body)))) throw new AppError('NoSuchRole', `role "${name}" does not exist`);
  deps.logger.info({ audit: 'role-trust-changed', role: name }, 'role trust policy changed');
  return showRole(deps, name);
}

export async function attachRolePolicy(deps: Deps, name: string, body: unknown): Promise<RoleView> {
  const input = checkObject(body);
  checkKnownFields(input, ['policy']);
  return setRolePolicy(deps, name, checkPolicyName(input.policy));
}

export async function detachRolePolicy(deps: Deps, name: string): Promise<RoleView> {
  return setRolePolicy(deps, name, undefined);
}

export async function revokeRoleSessions(deps: Deps, name: string): Promise<{ revoked: number }> {
  await requireRole(deps, name);
  const revoked = await deps.store.deleteUserSessions(roleOwner(name));
  deps.metrics.sessionsRevoked.inc({ how: 'role' }, revoked);
  deps.logger.info({ audit: 'sessions-revoked', role: name, revoked }, 'role sessions revoked');
  return { revoked };
}

async function setRolePolicy(deps: Deps, name: string, policy: string | undefined): Promise<RoleView> {
  checkRoleName(name, 'role');
  const result = await deps.store.setRolePolicy(name, policy);
  if (!result.ok && result.reason === 'no-such-role') throw new AppError('NoSuchRole', `role "${name}" does not exist`);
  if (!result.ok) throw new AppError('NoSuchPolicy', `policy "${policy}" does not exist`);
  deps.logger.info({ audit: policy ? 'role-policy-attached' : 'role-policy-detached', role: name, policy }, 'role policy changed');
  return showRole(deps, name);
}

export function checkMaxSessionDuration(value: unknown): number {
  if (value === undefined || value === null) return MIN_ROLE_SESSION_SECONDS;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < MIN_ROLE_SESSION_SECONDS || value > MAX_ROLE_SESSION_SECONDS) {
    const field = 'maxSessionDuration';
    throw new AppError('ValidationError', `${field} must be an integer from ${MIN_ROLE_SESSION_SECONDS} to ${MAX_ROLE_SESSION_SECONDS}`, { details: { field } });
  }
  return value;
}

/** A trust policy as a JSON object (or its text), validated and minified; errors name the statement. */
function trustDocument(value: unknown): string {
  let document = value;
  if (typeof value === 'string') {
    try {
      document = JSON.parse(value);
    } catch {
      throw new AppError('MalformedPolicyDocument', 'trustPolicy is not valid JSON', { details: { field: 'trustPolicy' } });
    }
  }
  if (document === undefined || document === null) {
    throw new AppError('ValidationError', 'trustPolicy is required', { details: { field: 'trustPolicy' } });
  }
  try {
    return parseTrustPolicy(document).document;
  } catch (err) {
    if (err instanceof PolicyValidationError) {
      const details = pickDefined({ statement: err.statement, field: err.field });
      throw new AppError(err.code, err.message, { details });
    }
    throw err;
  }
}
