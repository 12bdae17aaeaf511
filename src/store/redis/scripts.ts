import type { Cluster, Redis } from 'ioredis';
import type { RedisKeys } from './keys.js';
import { roleOwner } from '../records.js';
import * as lua from './luaScripts.js';

/**
 * The scripts, registered with ioredis `defineCommand` (EVALSHA, falling back to EVAL after a
 * restart emptied the script cache) and exposed as typed calls.
 */
export interface Scripts {
  createUser(name: string, policy: string | undefined, builtin: boolean, fields: readonly string[]): Promise<string>;
  setUserPolicy(name: string, policy: string | undefined, builtin: boolean): Promise<string>;
  deleteUser(name: string): Promise<number>;
  putPolicy(name: string, document: string, createdAt: string, updatedAt: string): Promise<number>;
  deletePolicy(name: string): Promise<string[]>;
  indexSession(user: string, accessKeyId: string, expiresAt: number, now: number): Promise<number>;
  updateUserSecret(name: string, expected: string, sealedSecret: string): Promise<number>;
  createRole(name: string, policy: string | undefined, builtin: boolean, fields: readonly string[]): Promise<string>;
  setRolePolicy(name: string, policy: string | undefined, builtin: boolean): Promise<string>;
  deleteRole(name: string): Promise<number>;
  updateRole(name: string, fields: readonly string[]): Promise<number>;
  createOidcProvider(key: string, fields: readonly string[]): Promise<number>;
  deleteOidcProvider(key: string): Promise<number>;
}

const DEFINITIONS = {
  s3stsCreateUser: { numberOfKeys: 4, lua: lua.CREATE_USER },
  s3stsSetUserPolicy: { numberOfKeys: 3, lua: lua.SET_USER_POLICY },
  s3stsDeleteUser: { numberOfKeys: 2, lua: lua.DELETE_USER },
  s3stsPutPolicy: { numberOfKeys: 2, lua: lua.PUT_POLICY },
  s3stsDeletePolicy: { numberOfKeys: 3, lua: lua.DELETE_POLICY },
  s3stsIndexSession: { numberOfKeys: 1, lua: lua.INDEX_SESSION },
  s3stsUpdateUserSecret: { numberOfKeys: 1, lua: lua.UPDATE_USER_SECRET },
  s3stsCreateRecord: { numberOfKeys: 2, lua: lua.CREATE_RECORD },
  s3stsUpdateRecord: { numberOfKeys: 1, lua: lua.UPDATE_RECORD },
} as const;

type ScriptName = keyof typeof DEFINITIONS;
type ScriptCall = (...args: (string | number)[]) => Promise<unknown>;

export function defineScripts(redis: Redis | Cluster, keys: RedisKeys): Scripts {
  for (const [name, definition] of Object.entries(DEFINITIONS)) redis.defineCommand(name, definition);
  const call = <T>(name: ScriptName, ...args: (string | number)[]): Promise<T> =>
    ((redis as unknown as Record<ScriptName, ScriptCall>)[name](...args) as Promise<T>);
  const flag = (builtin: boolean): string => (builtin ? '1' : '0');
  return {
    createUser: (name, policy, builtin, fields) =>
      call('s3stsCreateUser', keys.user(name), keys.users, keys.policy(policy ?? ''), keys.policyUsers(policy ?? ''),
        name, policy ?? '', flag(builtin), ...fields),
    setUserPolicy: (name, policy, builtin) =>
      call('s3stsSetUserPolicy', keys.user(name), keys.policy(policy ?? ''), keys.policyUsers(policy ?? ''),
        name, policy ?? '', flag(builtin), keys.policyUsersPrefix),
    deleteUser: (name) => call('s3stsDeleteUser', keys.user(name), keys.users, name, keys.policyUsersPrefix),
    putPolicy: (name, document, createdAt, updatedAt) =>
      call('s3stsPutPolicy', keys.policy(name), keys.policies, name, document, createdAt, updatedAt),
    deletePolicy: (name) => call('s3stsDeletePolicy', keys.policy(name), keys.policies, keys.policyUsers(name), name),
    indexSession: (user, accessKeyId, expiresAt, now) =>
      call('s3stsIndexSession', keys.userSessions(user), accessKeyId, expiresAt, now),
    updateUserSecret: (name, expected, sealedSecret) => call('s3stsUpdateUserSecret', keys.user(name), expected, sealedSecret),
    // A role is kept as a user is, under its own keys, with `role:<name>` as its member name.
    createRole: (name, policy, builtin, fields) =>
      call('s3stsCreateUser', keys.role(name), keys.roles, keys.policy(policy ?? ''), keys.policyUsers(policy ?? ''),
        roleOwner(name), policy ?? '', flag(builtin), ...fields),
    setRolePolicy: (name, policy, builtin) =>
      call('s3stsSetUserPolicy', keys.role(name), keys.policy(policy ?? ''), keys.policyUsers(policy ?? ''),
        roleOwner(name), policy ?? '', flag(builtin), keys.policyUsersPrefix),
    deleteRole: (name) => call('s3stsDeleteUser', keys.role(name), keys.roles, roleOwner(name), keys.policyUsersPrefix),
    updateRole: (name, fields) => call('s3stsUpdateRecord', keys.role(name), ...fields),
    createOidcProvider: (key, fields) => call('s3stsCreateRecord', keys.oidcProvider(key), keys.oidcProviders, key, ...fields),
    deleteOidcProvider: (key) => call('s3stsDeleteUser', keys.oidcProvider(key), keys.oidcProviders, key, keys.policyUsersPrefix),
  };
}
