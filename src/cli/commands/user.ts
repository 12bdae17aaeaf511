import { InvalidArgumentError, type Command } from 'commander';
import type { NewUser, User } from '../apiTypes.js';
import { CliError } from '../errors.js';
import { readSecret } from '../prompt.js';
import { renderFields, renderTable } from '../table.js';
import type { CommandContext } from './context.js';
import { addPagingOptions, printListing } from './listing.js';

const MAX_POSIX_ID = 4_294_967_294;

interface CreateOptions {
  readonly password?: string;
  readonly posixUid?: number;
  readonly posixGid?: number;
  readonly policy?: string;
}

export function registerUserCommands(program: Command, ctx: CommandContext): void {
  const user = program.command('user').description('manage S3 users (the user name is the access key)');

  user
    .command('create <name>')
    .description('create a user')
    .option('--password <secret>', 'the secret key (prompted for without echo when omitted on a terminal)')
    .option('--posix-uid <n>', 'POSIX user id', parsePosixId)
    .option('--posix-gid <n>', 'POSIX group id', parsePosixId)
    .option('--policy <policy>', 'policy to attach')
    .action(async (name: string, options: CreateOptions, command: Command) => {
      const client = ctx.client(command);
      const secretKey = options.password ?? (await askPassword(ctx));
      const body: NewUser = {
        name,
        secretKey,
        ...(options.posixUid === undefined ? {} : { posixUid: options.posixUid }),
        ...(options.posixGid === undefined ? {} : { posixGid: options.posixGid }),
        ...(options.policy === undefined ? {} : { policy: options.policy }),
      };
      printUser(ctx, command, await client.createUser(body));
    });

  addPagingOptions(user.command('list').description('list users')).action(async (_options: unknown, command: Command) => {
    const client = ctx.client(command);
    await printListing(ctx, command, 'users', (page) => client.listUsers(page), renderUsers);
  });

  user
    .command('show <name>')
    .description('show a user')
    .action(async (name: string, _options: unknown, command: Command) => {
      printUser(ctx, command, await ctx.client(command).getUser(name));
    });

  user
    .command('remove <name>')
    .description('remove a user and end all its sessions')
    .action(async (name: string, _options: unknown, command: Command) => {
      await ctx.client(command).removeUser(name);
      if (!ctx.json(command)) ctx.print(`Removed user ${name}`);
    });
}

/** A user in `user show` form, or its JSON. Shared with `policy attach|detach`. */
export function printUser(ctx: CommandContext, command: Command, user: User): void {
  if (ctx.json(command)) return ctx.printJson(user);
  ctx.print(
    renderFields([
      ['Name', user.name],
      ['ID', user.id],
      ['Policy', user.policy],
      ['POSIX UID', user.posixUid],
      ['POSIX GID', user.posixGid],
      ['Created', user.createdAt],
    ]),
  );
}

function renderUsers(users: readonly User[]): string {
  return renderTable(
    ['NAME', 'ID', 'POLICY', 'POSIX-UID', 'POSIX-GID', 'CREATED'],
    users.map((u) => [u.name, u.id, u.policy, u.posixUid, u.posixGid, u.createdAt]),
  );
}

async function askPassword(ctx: CommandContext): Promise<string> {
  return readSecret('Password: ', '--password', ctx.io.stdin, ctx.io.stderr);
}

function parsePosixId(value: string): number {
  if (!/^\d{1,10}$/.test(value) || Number(value) > MAX_POSIX_ID) {
    throw new InvalidArgumentError(`must be a whole number from 0 to ${MAX_POSIX_ID}`);
  }
  return Number(value);
}
