import { roleOfOwner, roleOwner } from '../records.js';
import type { ListOptions, OidcProviderRecord, Page, RoleAttachResult, RoleRecord } from '../types.js';
import { oidcProviderFields, oidcProviderFromHash, roleFields, roleFromHash } from './codec.js';
import type { RedisContext } from './context.js';
import { namePage } from './namePage.js';
import { deleteUserSessions } from './sessions.js';

/** Roles are kept as users are (same scripts, their own keys); OIDC providers as plain records. */

export async function createRole(ctx: RedisContext, role: RoleRecord): Promise<{ ok: true } | { ok: false; reason: 'exists' | 'no-such-policy' }> {
  const builtin = role.policy !== undefined && ctx.builtinPolicies.has(role.policy);
  const result = await ctx.scripts.createRole(role.name, role.policy, builtin, roleFields(role));
  if (result === 'ok') return { ok: true };
  return { ok: false, reason: result === 'exists' ? 'exists' : 'no-such-policy' };
}

export async function getRole(ctx: RedisContext, name: string): Promise<RoleRecord | undefined> {
  return roleFromHash(await ctx.redis.hgetall(ctx.keys.role(name)));
}

/** The roles index holds `role:<name>` members (the owner names of their sessions). */
export async function listRoles(ctx: RedisContext, options: ListOptions | undefined): Promise<Page<RoleRecord>> {
  return namePage(ctx, ctx.keys.roles, options, (owner) => ctx.keys.role(roleOfOwner(owner) ?? owner), roleFromHash);
}

/** As with users: the record and attachment in one script, then the sessions (other slots). */
export async function deleteRole(ctx: RedisContext, name: string): Promise<boolean> {
  const existed = (await ctx.scripts.deleteRole(name)) === 1;
  if (existed) await deleteUserSessions(ctx, roleOwner(name));
  return existed;
}

export async function setRoleTrustPolicy(ctx: RedisContext, name: string, trustPolicy: string): Promise<boolean> {
  return (await ctx.scripts.updateRole(name, ['trustPolicy', trustPolicy])) === 1;
}

export async function setRolePolicy(ctx: RedisContext, name: string, policy: string | undefined): Promise<RoleAttachResult> {
  const builtin = policy !== undefined && ctx.builtinPolicies.has(policy);
  const result = await ctx.scripts.setRolePolicy(name, policy, builtin);
  if (result === 'ok') return { ok: true };
  return { ok: false, reason: result === 'no-such-user' ? 'no-such-role' : 'no-such-policy' };
}

export async function createOidcProvider(ctx: RedisContext, provider: OidcProviderRecord): Promise<{ ok: true } | { ok: false; reason: 'exists' }> {
  const created = await ctx.scripts.createOidcProvider(provider.key, oidcProviderFields(provider));
  return created === 1 ? { ok: true } : { ok: false, reason: 'exists' };
}

export async function getOidcProvider(ctx: RedisContext, key: string): Promise<OidcProviderRecord | undefined> {
  return oidcProviderFromHash(await ctx.redis.hgetall(ctx.keys.oidcProvider(key)));
}

export async function listOidcProviders(ctx: RedisContext, options: ListOptions | undefined): Promise<Page<OidcProviderRecord>> {
  return namePage(ctx, ctx.keys.oidcProviders, options, ctx.keys.oidcProvider, oidcProviderFromHash);
}

export async function deleteOidcProvider(ctx: RedisContext, key: string): Promise<boolean> {
  return (await ctx.scripts.deleteOidcProvider(key)) === 1;
}
