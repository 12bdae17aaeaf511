import type { Deps } from '../deps.js';
import { AppError } from '../errors.js';
import { BUILTIN_POLICIES, isBuiltinPolicy, minifyPolicy, parsePolicy, PolicyValidationError } from '../policy/index.js';
import type { ListOptions, PolicyRecord, Store } from '../store/types.js';
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

const BUILTIN_NAMES = Object.keys(BUILTIN_POLICIES);
const BUILTIN_TEXT: Readonly<Record<string, string>> = Object.fromEntries(
  Object.entries(BUILTIN_POLICIES).map(([name, doc]) => [name, JSON.stringify(doc)]),
);

/** The minified document of a policy, built-in or custom; undefined when it does not exist. */
export async function policyDocument(store: Store, name: string): Promise<string | undefined> {
  // Own properties only: a name like `constructor` must not find Object.prototype's.
  if (Object.hasOwn(BUILTIN_TEXT, name)) return BUILTIN_TEXT[name];
  return (await store.getPolicy(name))?.document;
}

/** Validates a document and returns it minified, mapping validation failures to the API error. */
export function validatedDocument(document: unknown): string {
  try {
    parsePolicy(document);
    return minifyPolicy(document);
  } catch (err) {
    if (err instanceof PolicyValidationError) {
      throw new AppError(err.code, err.message, { details: pickDefined({ statement: err.statement, field: err.field }) });
    }
    throw err;
  }
}

export async function listPolicies(deps: Deps, options: ListOptions): Promise<{ policies: PolicyView[]; next?: string }> {
  const page = await deps.store.listPolicies(options);
  const custom = await Promise.all(page.items.map((record) => customView(deps.store, record)));
  const builtins = options.cursor === undefined ? await Promise.all(BUILTIN_NAMES.map((name) => builtinView(deps.store, name))) : [];
  return pickDefined({ policies: [...builtins, ...custom], next: page.next });
}

export async function showPolicy(deps: Deps, name: string): Promise<PolicyView> {
  checkPolicyName(name, 'name');
  if (isBuiltinPolicy(name)) return builtinView(deps.store, name);
  const record = await deps.store.getPolicy(name);
  if (record === undefined) throw new AppError('NoSuchPolicy', `policy "${name}" does not exist`);
  return customView(deps.store, record);
}

export async function putPolicy(deps: Deps, name: string, document: unknown): Promise<{ created: boolean; view: PolicyView }> {
  checkPolicyName(name, 'name');
  if (isBuiltinPolicy(name)) throw new AppError('PolicyImmutable', `policy "${name}" is pre-defined and cannot be changed`);
  const minified = validatedDocument(document);
  const now = new Date(deps.clock.now()).toISOString();
  const existing = await deps.store.getPolicy(name);
  const record: PolicyRecord = { name, document: minified, createdAt: existing?.createdAt ?? now, updatedAt: now };
  const { created } = await deps.store.putPolicy(record);
  deps.logger.info({ audit: 'policy-put', policy: name, created }, 'policy stored');
  return { created, view: await customView(deps.store, record) };
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

async function builtinView(store: Store, name: string): Promise<PolicyView> {
  return { name, builtin: true, document: JSON.parse(BUILTIN_TEXT[name] as string), users: await store.policyUsers(name) };
}

async function customView(store: Store, record: PolicyRecord): Promise<PolicyView> {
  return {
    name: record.name,
    builtin: false,
    document: JSON.parse(record.document),
    users: await store.policyUsers(record.name),
    createdAt: record.createdAt,
    updatedAt: record.updatedAt,
  };
}
