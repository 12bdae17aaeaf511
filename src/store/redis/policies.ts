import type { DeletePolicyResult, ListOptions, Page, PolicyRecord } from '../types.js';
import { policyFromHash } from './codec.js';
import type { RedisContext } from './context.js';
import { namePage, pipelined } from './namePage.js';

export async function putPolicy(ctx: RedisContext, policy: PolicyRecord): Promise<{ created: boolean }> {
  const created = await ctx.scripts.putPolicy(policy.name, policy.document, policy.createdAt, policy.updatedAt);
  return { created: created === 1 };
}

export async function getPolicy(ctx: RedisContext, name: string): Promise<PolicyRecord | undefined> {
  return policyFromHash(await ctx.redis.hgetall(ctx.keys.policy(name)));
}

export async function listPolicies(ctx: RedisContext, options: ListOptions | undefined): Promise<Page<PolicyRecord>> {
  return namePage(ctx, ctx.keys.policies, options, ctx.keys.policy, policyFromHash);
}

/** One script: the attachment check and the removal cannot interleave with an attach. */
export async function deletePolicy(ctx: RedisContext, name: string): Promise<DeletePolicyResult> {
  const [status, ...users] = await ctx.scripts.deletePolicy(name);
  if (status === 'ok') return { ok: true };
  if (status === 'in-use') return { ok: false, reason: 'in-use', users: users.sort() };
  return { ok: false, reason: 'no-such-policy' };
}

export async function policyUsers(ctx: RedisContext, name: string): Promise<readonly string[]> {
  return (await ctx.redis.smembers(ctx.keys.policyUsers(name))).sort();
}

/** One pipeline for every name: the sets share the metadata slot, so this works on a Cluster too. */
export async function policyUsersOf(ctx: RedisContext, names: readonly string[]): Promise<ReadonlyArray<readonly string[]>> {
  const replies = await pipelined<string[]>(ctx, names.map((name) => ['smembers', ctx.keys.policyUsers(name)]));
  return replies.map((users) => users.sort());
}
