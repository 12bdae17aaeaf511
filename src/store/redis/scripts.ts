import type { Cluster, Redis } from 'ioredis';
import type { RedisKeys } from './keys.js';
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
}

const DEFINITIONS = {
  s3stsCreateUser: { numberOfKeys: 4, lua: lua.CREATE_USER },
  s3stsSetUserPolicy: { numberOfKeys: 3, lua: lua.SET_USER_POLICY },
  s3stsDeleteUser: { numberOfKeys: 2, lua: lua.DELETE_USER },
  s3stsPutPolicy: { numberOfKeys: 2, lua: lua.PUT_POLICY },
  s3stsDeletePolicy: { numberOfKeys: 3, lua: lua.DELETE_POLICY },
  s3stsIndexSession: { numberOfKeys: 1, lua: lua.INDEX_SESSION },
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
  };
}
