import type { Command } from 'commander';
import type { RunningServer, StartServer } from '../io.js';
import type { CommandContext } from './context.js';

const SHUTDOWN_SIGNALS = ['SIGTERM', 'SIGINT'] as const;
/** Open keep-alive connections or a reconnecting store must not hold shutdown forever. */
const FORCED_EXIT_MS = 10_000;

export function registerServeCommand(program: Command, ctx: CommandContext): void {
  program
    .command('serve')
    .description('run the service (configured by the environment, see README)')
    .action(async () => {
      const startServer = ctx.io.startServer ?? (await loadStartServer());
      // startServer logs its own "listening" line and any generated tokens.
      closeOnSignal(ctx, await startServer(ctx.io.env));
    });
}

/** Loaded only here, so that admin commands never pull in the server's dependencies. */
export async function loadStartServer(): Promise<StartServer> {
  // A variable specifier keeps the CLI compiling on its own; server.ts is typed by `StartServer`.
  const specifier = '../../server.js';
  const module = (await import(specifier)) as { startServer: StartServer };
  return module.startServer;
}

/** The first SIGTERM or SIGINT closes the server gracefully; main() has returned by then. */
function closeOnSignal(ctx: CommandContext, server: RunningServer): void {
  const onSignal = (): void => {
    for (const signal of SHUTDOWN_SIGNALS) process.off(signal, onSignal);
    const forced = setTimeout(() => process.exit(1), FORCED_EXIT_MS).unref();
    server.close().then(
      () => clearTimeout(forced),
      (err: unknown) => {
        clearTimeout(forced);
        ctx.io.stderr.write(`error: shutdown failed: ${err instanceof Error ? err.message : String(err)}\n`);
        process.exitCode = 1;
      },
    );
  };
  for (const signal of SHUTDOWN_SIGNALS) process.once(signal, onSignal);
}
