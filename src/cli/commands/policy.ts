import type { Command } from 'commander';
import type { Policy } from '../apiTypes.js';
import { readPolicyFile } from '../policyFile.js';
import { renderTable } from '../table.js';
import type { CommandContext } from './context.js';
import { addPagingOptions, printListing } from './listing.js';
import { printUser } from './user.js';

export function registerPolicyCommands(program: Command, ctx: CommandContext): void {
  const policy = program.command('policy').description('manage IAM policies and attach them to users');

  addPagingOptions(policy.command('list').description('list policies, pre-defined ones first')).action(
    async (_options: unknown, command: Command) => {
      const client = ctx.client(command);
      await printListing(ctx, command, 'policies', (page) => client.listPolicies(page), renderPolicies);
    },
  );

  policy
    .command('show <name>')
    .description('print a policy document')
    .action(async (name: string, _options: unknown, command: Command) => {
      const found = await ctx.client(command).getPolicy(name);
      if (ctx.json(command)) ctx.printJson(found);
      else ctx.printJson(found.document);
    });

  policy
    .command('create <name> <policy-file>')
    .description('create a policy from a JSON document, or replace its document')
    .action(async (name: string, file: string, _options: unknown, command: Command) => {
      const client = ctx.client(command);
      const { policy: saved, created } = await client.putPolicy(name, await readPolicyFile(file));
      if (ctx.json(command)) ctx.printJson(saved);
      else ctx.print(`${created ? 'Created' : 'Replaced'} policy ${saved.name}`);
      // Valid but suspicious parts: stored anyway, reported on stderr so scripts still succeed.
      for (const warning of saved.warnings ?? []) ctx.io.stderr.write(`warning: ${warning.code}: ${warning.message}\n`);
    });

  policy
    .command('remove <name>')
    .description('remove a policy that no user has attached')
    .action(async (name: string, _options: unknown, command: Command) => {
      await ctx.client(command).removePolicy(name);
      if (!ctx.json(command)) ctx.print(`Removed policy ${name}`);
    });

  policy
    .command('attach <policy> <user>')
    .description("attach a policy to a user, replacing the user's current one")
    .action(async (policyName: string, user: string, _options: unknown, command: Command) => {
      printUser(ctx, command, await ctx.client(command).attachPolicy(user, policyName));
    });

  policy
    .command('detach <user>')
    .description("detach a user's policy (the user is then allowed nothing)")
    .action(async (user: string, _options: unknown, command: Command) => {
      printUser(ctx, command, await ctx.client(command).detachPolicy(user));
    });
}

function renderPolicies(policies: readonly Policy[]): string {
  return renderTable(
    ['NAME', 'TYPE', 'USERS', 'UPDATED'],
    policies.map((p) => [p.name, p.builtin ? 'built-in' : 'custom', p.users.length, p.updatedAt]),
  );
}
