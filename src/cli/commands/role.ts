import { InvalidArgumentError, type Command } from 'commander';
import { parseDuration } from '../duration.js';
import type { NewRole, Role } from '../identityTypes.js';
import { readPolicyFile } from '../policyFile.js';
import { renderFields, renderTable } from '../table.js';
import type { CommandContext } from './context.js';
import { addPagingOptions, printListing } from './listing.js';

const MAX_POSIX_ID = 4_294_967_294;

interface CreateOptions {
  readonly trustPolicy: string;
  readonly policy?: string;
  readonly maxSessionDuration?: number;
  readonly posixUid?: number;
  readonly posixGid?: number;
}

/** `s3-sts role ...`: roles that web identities (OIDC tokens) assume with AssumeRoleWithWebIdentity. */
export function registerRoleCommands(program: Command, ctx: CommandContext): void {
  const role = program.command('role').description('manage roles assumed with web identity (OIDC) tokens');

  role
    .command('create <name>')
    .description('create a role with a trust policy')
    .requiredOption('--trust-policy <file>', 'the trust policy document (JSON file)')
    .option('--policy <policy>', 'permission policy to attach')
    .option('--max-session-duration <duration>', 'longest session, 1h to 12h (e.g. 3600s, 2h)', parseMaxSession)
    .option('--posix-uid <n>', 'POSIX user id of its sessions', parsePosixId)
    .option('--posix-gid <n>', 'POSIX group id of its sessions', parsePosixId)
    .action(async (name: string, options: CreateOptions, command: Command) => {
      const body: NewRole = {
        name,
        trustPolicy: await readPolicyFile(options.trustPolicy),
        ...(options.policy === undefined ? {} : { policy: options.policy }),
        ...(options.maxSessionDuration === undefined ? {} : { maxSessionDuration: options.maxSessionDuration }),
        ...(options.posixUid === undefined ? {} : { posixUid: options.posixUid }),
        ...(options.posixGid === undefined ? {} : { posixGid: options.posixGid }),
      };
      printRole(ctx, command, await ctx.client(command).createRole(body));
    });

  addPagingOptions(role.command('list').description('list roles')).action(async (_options: unknown, command: Command) => {
    const client = ctx.client(command);
    await printListing(ctx, command, 'roles', (page) => client.listRoles(page), renderRoles);
  });

  role
    .command('show <name>')
    .description('show a role and its trust policy')
    .action(async (name: string, _options: unknown, command: Command) => {
      printRole(ctx, command, await ctx.client(command).getRole(name));
    });

  role
    .command('remove <name>')
    .description('remove a role and end all its sessions')
    .action(async (name: string, _options: unknown, command: Command) => {
      await ctx.client(command).removeRole(name);
      if (!ctx.json(command)) ctx.print(`Removed role ${name}`);
    });

  role
    .command('revoke-sessions <name>')
    .description('revoke every session of a role')
    .action(async (name: string, _options: unknown, command: Command) => {
      const revoked = await ctx.client(command).revokeRoleSessions(name);
      if (ctx.json(command)) ctx.printJson({ revoked });
      else ctx.print(`Revoked ${revoked} session${revoked === 1 ? '' : 's'} of role ${name}`);
    });

  role
    .command('trust <name> <trust-policy-file>')
    .description("replace a role's trust policy")
    .action(async (name: string, file: string, _options: unknown, command: Command) => {
      printRole(ctx, command, await ctx.client(command).putRoleTrustPolicy(name, await readPolicyFile(file)));
    });

  role
    .command('attach <policy> <name>')
    .description("attach a permission policy to a role (replacing its policy)")
    .action(async (policy: string, name: string, _options: unknown, command: Command) => {
      printRole(ctx, command, await ctx.client(command).attachRolePolicy(name, policy));
    });

  role
    .command('detach <name>')
    .description("detach a role's permission policy (its sessions are then allowed nothing)")
    .action(async (name: string, _options: unknown, command: Command) => {
      printRole(ctx, command, await ctx.client(command).detachRolePolicy(name));
    });
}

function printRole(ctx: CommandContext, command: Command, role: Role): void {
  if (ctx.json(command)) return ctx.printJson(role);
  ctx.print(
    renderFields([
      ['Name', role.name],
      ['ARN', role.arn],
      ['ID', role.id],
      ['Policy', role.policy],
      ['Max session', `${role.maxSessionDuration}s`],
      ['POSIX UID', role.posixUid],
      ['POSIX GID', role.posixGid],
      ['Created', role.createdAt],
      ['Trust policy', JSON.stringify(role.trustPolicy)],
    ]),
  );
}

function renderRoles(roles: readonly Role[]): string {
  return renderTable(
    ['NAME', 'ID', 'POLICY', 'MAX-SESSION', 'POSIX-UID', 'POSIX-GID', 'CREATED'],
    roles.map((r) => [r.name, r.id, r.policy, `${r.maxSessionDuration}s`, r.posixUid, r.posixGid, r.createdAt]),
  );
}

function parseMaxSession(value: string): number {
  let seconds: number;
  try {
    seconds = parseDuration(value);
  } catch (err) {
    throw new InvalidArgumentError(err instanceof Error ? err.message : String(err));
  }
  if (seconds < 3600 || seconds > 43_200) throw new InvalidArgumentError('must be from 1h to 12h');
  return seconds;
}

function parsePosixId(value: string): number {
  if (!/^\d{1,10}$/.test(value) || Number(value) > MAX_POSIX_ID) {
    throw new InvalidArgumentError(`must be a whole number from 0 to ${MAX_POSIX_ID}`);
  }
  return Number(value);
}
