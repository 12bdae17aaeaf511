import type { Command } from 'commander';
import type { Session } from '../apiTypes.js';
import { renderTable } from '../table.js';
import type { CommandContext } from './context.js';
import { addPagingOptions, printListing } from './listing.js';

interface UserFilter {
  readonly user?: string;
  readonly role?: string;
}

export function registerSessionCommands(program: Command, ctx: CommandContext): void {
  const session = program.command('session').description('list and revoke temporary credentials');

  addPagingOptions(
    session
      .command('list')
      .description('list live sessions')
      .option('--user <user>', "only this user's sessions")
      .option('--role <role>', "only this role's sessions (web identity)"),
  ).action(async (options: UserFilter, command: Command) => {
    const client = ctx.client(command);
    const { user, role } = options;
    await printListing(ctx, command, 'sessions', (page) => client.listSessions({ ...page, user, role }), renderSessions);
  });

  session
    .command('revoke [accessKeyId]')
    .description('revoke one session, or with --user every session of a user (for a role: role revoke-sessions)')
    .option('--user <user>', 'revoke all sessions of this user')
    .action(async (accessKeyId: string | undefined, options: UserFilter, command: Command) => {
      if ((accessKeyId === undefined) === (options.user === undefined)) {
        command.error('error: give either an access key id or --user <user>', { exitCode: 2 });
      }
      const client = ctx.client(command);
      if (options.user !== undefined) {
        const revoked = await client.revokeUserSessions(options.user);
        if (ctx.json(command)) ctx.printJson({ revoked });
        else ctx.print(`Revoked ${revoked} session${revoked === 1 ? '' : 's'} of user ${options.user}`);
        return;
      }
      await client.revokeSession(accessKeyId as string);
      if (!ctx.json(command)) ctx.print(`Revoked session ${accessKeyId}`);
    });
}

function renderSessions(sessions: readonly Session[]): string {
  return renderTable(
    ['ACCESS-KEY-ID', 'USER', 'SESSION-NAME', 'ISSUED', 'EXPIRES', 'PARENT', 'SESSION-POLICIES'],
    sessions.map((s) => [
      s.accessKeyId,
      s.user,
      s.sessionName,
      s.issuedAt,
      s.expiration,
      s.parentAccessKeyId,
      s.sessionPolicies,
    ]),
  );
}
