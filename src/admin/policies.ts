import type { Finding } from '../catalogue/index.js';
import type { Deps } from '../deps.js';
import { AppError } from '../errors.js';
import { BUILTIN_POLICY_NAMES, builtinDocument, checkedDocument, isBuiltinPolicy } from '../policies/index.js';
import type { ListOptions, PolicyRecord } from '../store/types.js';
import { pickDefined } from './pickDefined.js';
import { checkPolicyName } from './validate.js';

export interface PolicyView {
  readonly name: string;
  readonly builtin: boolean;
  readonly document: unknown;
  readonly users: readonly string[];
  readonly createdAt?: string;
  readonly updatedAt?: string;
}

/**
 * A page of policies, the built-ins first on the first page: the records come in one read per
 * page and the users of every policy on it in one more, never one query per policy.
 */
export async function listPolicies(deps: Deps, options: ListOptions): Promise<{ policies: PolicyView[]; next?: string }> {
  const page = await deps.store.listPolicies(options);
  const builtins = options.cursor === undefined ? BUILTIN_POLICY_NAMES : [];
  const users = await deps.store.policyUsersOf([...builtins, ...page.items.map((record) => record.name)]);
  const usersAt = (i: number): readonly string[] => users[i] ?? [];
  const views = [
    ...builtins.map((name, i) => builtinView(name, usersAt(i))),
    ...page.items.map((record, i) => customView(record, usersAt(builtins.length + i))),
  ];
  return pickDefined({ policies: views, next: page.next });
}

export async function showPolicy(deps: Deps, name: string): Promise<PolicyView> {
  checkPolicyName(name, 'name');
  if (isBuiltinPolicy(name)) return builtinView(name, await deps.store.policyUsers(name));
  const record = await deps.store.getPolicy(name);
  if (record === undefined) throw new AppError('NoSuchPolicy', `policy "${name}" does not exist`);
  return customView(record, await deps.store.policyUsers(name));
}

export async function putPolicy(
  deps: Deps,
  name: string,
  document: unknown,
): Promise<{ created: boolean; view: PolicyView; warnings: readonly Finding[] }> {
  checkPolicyName(name, 'name');
  if (isBuiltinPolicy(name)) throw new AppError('PolicyImmutable', `policy "${name}" is pre-defined and cannot be changed`);
  const { document: minified, warnings } = checkedDocument(document);
  const now = new Date(deps.clock.now()).toISOString();
  const existing = await deps.store.getPolicy(name);
  const record: PolicyRecord = { name, document: minified, createdAt: existing?.createdAt ?? now, updatedAt: now };
  const { created } = await deps.store.putPolicy(record);
  deps.logger.info({ audit: 'policy-put', policy: name, created, warnings: warnings.length }, 'policy stored');
  return { created, view: customView(record, await deps.store.policyUsers(name)), warnings };
}

export async function deletePolicy(deps: Deps, name: string): Promise<void> {
  checkPolicyName(name, 'name');
  if (isBuiltinPolicy(name)) throw new AppError('PolicyImmutable', `policy "${name}" is pre-defined and cannot be removed`);
  const result = await deps.store.deletePolicy(name);
  if (!result.ok && result.reason === 'no-such-policy') throw new AppError('NoSuchPolicy', `policy "${name}" does not exist`);
  if (!result.ok && result.reason === 'in-use') {
    throw new AppError('PolicyInUse', `policy "${name}" is attached to: ${result.users.join(', ')}`, {
      details: { users: result.users },
    });
  }
  deps.logger.info({ audit: 'policy-removed', policy: name }, 'policy removed');
}

function builtinView(name: string, users: readonly string[]): PolicyView {
  return { name, builtin: true, document: JSON.parse(builtinDocument(name) as string), users };
}

function customView(record: PolicyRecord, users: readonly string[]): PolicyView {
  return {
    name: record.name,
    builtin: false,
    document: JSON.parse(record.document),
    users,
    createdAt: record.createdAt,
    updatedAt: record.updatedAt,
  };
}
