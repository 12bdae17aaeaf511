import type { Deps } from '../deps.js';
import { AppError } from '../errors.js';
import { randomId } from '../crypto/randomId.js';
import { sealSecret } from '../crypto/secretBox.js';
import type { ListOptions, UserRecord } from '../store/types.js';
import { pickDefined } from './pickDefined.js';
import { checkKnownFields, checkObject, checkPolicyName, checkPosixId, checkSecretKey, checkUserName } from './validate.js';

export interface UserView {
  readonly name: string;
  readonly id: string;
  readonly posixUid?: number;
  readonly posixGid?: number;
  readonly policy: string | null;
  readonly createdAt: string;
}

export function userView(user: UserRecord): UserView {
  return pickDefined({
    name: user.name,
    id: user.id,
    posixUid: user.posixUid,
    posixGid: user.posixGid,
    policy: user.policy ?? null,
    createdAt: user.createdAt,
  });
}

export async function createUser(deps: Deps, body: unknown): Promise<UserView> {
  const input = checkObject(body);
  checkKnownFields(input, ['name', 'secretKey', 'posixUid', 'posixGid', 'policy']);
  const name = checkUserName(input.name);
  const secretKey = checkSecretKey(input.secretKey);
  const policy = input.policy === undefined || input.policy === null ? undefined : checkPolicyName(input.policy);
  const record: UserRecord = pickDefined({
    name,
    id: randomId('AIDA', 17),
    sealedSecret: sealSecret(deps.keys, secretKey, name),
    posixUid: checkPosixId(input.posixUid, 'posixUid'),
    posixGid: checkPosixId(input.posixGid, 'posixGid'),
    policy,
    createdAt: new Date(deps.clock.now()).toISOString(),
  });
  const result = await deps.store.createUser(record);
  if (!result.ok && result.reason === 'exists') throw new AppError('UserAlreadyExists', `user "${name}" already exists`);
  if (!result.ok) throw new AppError('NoSuchPolicy', `policy "${policy}" does not exist`);
  deps.logger.info({ audit: 'user-created', user: name, policy }, 'user created');
  return userView(record);
}

export async function showUser(deps: Deps, name: string): Promise<UserView> {
  return userView(await requireUser(deps, name));
}

export async function requireUser(deps: Deps, name: string): Promise<UserRecord> {
  checkUserName(name);
  const user = await deps.store.getUser(name);
  if (user === undefined) throw new AppError('NoSuchUser', `user "${name}" does not exist`);
  return user;
}

export async function listUsers(deps: Deps, options: ListOptions): Promise<{ users: UserView[]; next?: string }> {
  const page = await deps.store.listUsers(options);
  return pickDefined({ users: page.items.map(userView), next: page.next });
}

export async function removeUser(deps: Deps, name: string): Promise<void> {
  checkUserName(name);
  if (!(await deps.store.deleteUser(name))) throw new AppError('NoSuchUser', `user "${name}" does not exist`);
  deps.metrics.sessionsRevoked.inc({ how: 'user-removed' });
  deps.logger.info({ audit: 'user-removed', user: name }, 'user removed and its sessions revoked');
}

export async function attachPolicy(deps: Deps, name: string, body: unknown): Promise<UserView> {
  const input = checkObject(body);
  checkKnownFields(input, ['policy']);
  const policy = checkPolicyName(input.policy);
  return setPolicy(deps, name, policy);
}

export async function detachPolicy(deps: Deps, name: string): Promise<UserView> {
  return setPolicy(deps, name, undefined);
}

async function setPolicy(deps: Deps, name: string, policy: string | undefined): Promise<UserView> {
  checkUserName(name);
  const result = await deps.store.setUserPolicy(name, policy);
  if (!result.ok && result.reason === 'no-such-user') throw new AppError('NoSuchUser', `user "${name}" does not exist`);
  if (!result.ok) throw new AppError('NoSuchPolicy', `policy "${policy}" does not exist`);
  deps.logger.info({ audit: policy ? 'policy-attached' : 'policy-detached', user: name, policy }, 'user policy changed');
  return userView(await requireUser(deps, name));
}
