import type { Command } from 'commander';
import type { OidcProvider } from '../identityTypes.js';
import { renderFields, renderTable } from '../table.js';
import type { CommandContext } from './context.js';
import { addPagingOptions, printListing } from './listing.js';

/** `s3-sts oidc-provider ...`: OpenID Connect providers whose tokens AssumeRoleWithWebIdentity accepts. */
export function registerOidcProviderCommands(program: Command, ctx: CommandContext): void {
  const provider = program.command('oidc-provider').description('manage OpenID Connect identity providers');

  provider
    .command('create <issuer>')
    .description('register a provider by its issuer URL (exactly the iss of its tokens)')
    .requiredOption('--audience <client-id>', 'an accepted aud (client id); repeat for more', collect, [])
    .action(async (issuer: string, options: { audience: string[] }, command: Command) => {
      printProvider(ctx, command, await ctx.client(command).createOidcProvider(issuer, options.audience));
    });

  addPagingOptions(provider.command('list').description('list providers')).action(async (_options: unknown, command: Command) => {
    const client = ctx.client(command);
    await printListing(ctx, command, 'providers', (page) => client.listOidcProviders(page), renderProviders);
  });

  provider
    .command('show <key>')
    .description('show a provider (key: the issuer without https://)')
    .action(async (key: string, _options: unknown, command: Command) => {
      printProvider(ctx, command, await ctx.client(command).getOidcProvider(withoutScheme(key)));
    });

  provider
    .command('remove <key>')
    .description('remove a provider; the sessions its tokens got end at once')
    .action(async (key: string, _options: unknown, command: Command) => {
      await ctx.client(command).removeOidcProvider(withoutScheme(key));
      if (!ctx.json(command)) ctx.print(`Removed OIDC provider ${withoutScheme(key)}`);
    });
}

/** The issuer URL is accepted too: its key is the issuer without the scheme. */
function withoutScheme(key: string): string {
  return key.replace(/^https?:\/\//i, '');
}

function collect(value: string, previous: string[]): string[] {
  return [...previous, value];
}

function printProvider(ctx: CommandContext, command: Command, provider: OidcProvider): void {
  if (ctx.json(command)) return ctx.printJson(provider);
  ctx.print(
    renderFields([
      ['Key', provider.key],
      ['ARN', provider.arn],
      ['Issuer', provider.issuer],
      ['Audiences', provider.audiences.join(', ')],
      ['Created', provider.createdAt],
    ]),
  );
}

function renderProviders(providers: readonly OidcProvider[]): string {
  return renderTable(
    ['KEY', 'ISSUER', 'AUDIENCES', 'CREATED'],
    providers.map((p) => [p.key, p.issuer, p.audiences.join(','), p.createdAt]),
  );
}
