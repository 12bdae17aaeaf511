import type { AttachResult, ListOptions, Page, UserRecord } from '../types.js';
import { userFields, userFromHash } from './codec.js';
import type { RedisContext } from './context.js';
import { namePage } from './namePage.js';
import { deleteUserSessions } from './sessions.js';

export async function createUser(ctx: RedisContext, user: UserRecord): Promise<{ ok: true } | { ok: false; reason: 'exists' | 'no-such-policy' }> {
  const builtin = user.policy !== undefined && ctx.builtinPolicies.has(user.policy);
  const result = await ctx.scripts.createUser(user.name, user.policy, builtin, userFields(user));
  if (result === 'ok') return { ok: true };
  return { ok: false, reason: result === 'exists' ? 'exists' : 'no-such-policy' };
}

export async function getUser(ctx: RedisContext, name: string): Promise<UserRecord | undefined> {
  return userFromHash(await ctx.redis.hgetall(ctx.keys.user(name)));
}

export async function listUsers(ctx: RedisContext, options: ListOptions | undefined): Promise<Page<UserRecord>> {
  return namePage(ctx, ctx.keys.users, options, ctx.keys.user, userFromHash);
}

/**
 * Removes the user and its attachment in one script, then its sessions. The sessions live in
 * other slots, so that second step is not atomic with the first; a session that survives a
 * crash in between still fails the caller's check that its userId is the live user's.
 */
export async function deleteUser(ctx: RedisContext, name: string): Promise<boolean> {
  const existed = (await ctx.scripts.deleteUser(name)) === 1;
  if (existed) await deleteUserSessions(ctx, name);
  return existed;
}

/** Compare-and-set in one script, so a user re-created meanwhile keeps its new secret. */
export async function updateUserSecret(ctx: RedisContext, name: string, expected: string, sealedSecret: string): Promise<boolean> {
  return (await ctx.scripts.updateUserSecret(name, expected, sealedSecret)) === 1;
}

export async function setUserPolicy(ctx: RedisContext, name: string, policy: string | undefined): Promise<AttachResult> {
  const builtin = policy !== undefined && ctx.builtinPolicies.has(policy);
  const result = await ctx.scripts.setUserPolicy(name, policy, builtin);
  if (result === 'ok') return { ok: true };
  return { ok: false, reason: result === 'no-such-user' ? 'no-such-user' : 'no-such-policy' };
}
