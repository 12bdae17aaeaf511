import { readFileSync } from 'node:fs';
import { Command } from 'commander';
import { registerBackupCommands } from './commands/backup.js';
import { CommandContext, DEFAULT_ENDPOINT } from './commands/context.js';
import { registerOidcProviderCommands } from './commands/oidcProvider.js';
import { registerPolicyCommands } from './commands/policy.js';
import { registerRoleCommands } from './commands/role.js';
import { registerServeCommand } from './commands/serve.js';
import { registerSessionCommands } from './commands/session.js';
import { registerStsCommands } from './commands/sts.js';
import { registerUserCommands } from './commands/user.js';
import type { CliIo } from './io.js';

type RegisterCommands = (program: Command, ctx: CommandContext) => void;

/**
 * Command groups in help order. `sts` (`sts assume-role`, an STS Query API client that signs with
 * the user's own keys and parses `--duration` with `parseDuration`) belongs in
 * `commands/sts.ts` and is added here.
 */
const COMMAND_GROUPS: readonly RegisterCommands[] = [
  registerServeCommand,
  registerUserCommands,
  registerPolicyCommands,
  registerSessionCommands,
  registerRoleCommands,
  registerOidcProviderCommands,
  registerStsCommands,
  registerBackupCommands,
];

/** A fresh commander program per run: commander keeps parse state on its objects. */
export function buildProgram(io: CliIo): Command {
  const program = new Command('s3-sts')
    .description('Run and administer an s3-sts service (users, policies, sessions)')
    .option('--endpoint <url>', `service URL (env STS_ENDPOINT, default ${DEFAULT_ENDPOINT})`)
    .option('--admin-token <token>', 'admin API bearer token (env STS_ADMIN_TOKEN)')
    .option('--json', 'print the API JSON instead of tables')
    .exitOverride()
    .configureOutput({
      writeOut: (text) => io.stdout.write(text),
      writeErr: (text) => io.stderr.write(text),
    });
  const version = packageVersion();
  if (version !== undefined) program.version(version);
  const ctx = new CommandContext(io);
  for (const register of COMMAND_GROUPS) register(program, ctx);
  return program;
}

/** The same relative path works from src/cli (tsx) and dist/cli (built). */
function packageVersion(): string | undefined {
  try {
    const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version?: unknown };
    return typeof pkg.version === 'string' ? pkg.version : undefined;
  } catch {
    return undefined;
  }
}
