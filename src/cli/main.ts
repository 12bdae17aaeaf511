import { realpathSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { CommanderError } from 'commander';
import { formatError } from './errors.js';
import type { CliIo } from './io.js';
import { buildProgram } from './program.js';

export type { CliIo } from './io.js';
export { parseDuration } from './duration.js';

export const EXIT_OK = 0;
export const EXIT_FAILURE = 1;
export const EXIT_USAGE = 2;

const COMMANDER_SUCCESS = new Set(['commander.helpDisplayed', 'commander.version']);

/**
 * Runs one CLI invocation. `argv` holds the user's arguments only (no `node`, no script path).
 * Resolves to the exit code; never throws and never exits the process itself.
 */
export async function main(argv: readonly string[], io: CliIo): Promise<number> {
  try {
    await buildProgram(io).parseAsync([...argv], { from: 'user' });
    return EXIT_OK;
  } catch (err) {
    if (err instanceof CommanderError) {
      // commander has already printed its own one-line message.
      return COMMANDER_SUCCESS.has(err.code) ? EXIT_OK : EXIT_USAGE;
    }
    io.stderr.write(`${formatError(err)}\n`);
    return EXIT_FAILURE;
  }
}

/** Entry point for `bin/s3-sts.js`: real streams and environment, exit code via `process.exitCode`. */
export async function runFromProcess(): Promise<void> {
  process.stdout.on('error', ignoreBrokenPipe);
  process.exitCode = await main(process.argv.slice(2), {
    stdout: process.stdout,
    stderr: process.stderr,
    env: process.env,
    stdin: process.stdin,
  });
}

function ignoreBrokenPipe(err: NodeJS.ErrnoException): void {
  // `s3-sts user list | head` closes stdout early; that is not a failure worth a stack trace.
  if (err.code !== 'EPIPE') throw err;
}

function isDirectRun(): boolean {
  const script = process.argv[1];
  if (script === undefined) return false;
  try {
    return realpathSync(script) === fileURLToPath(import.meta.url);
  } catch {
    return false;
  }
}

if (isDirectRun()) await runFromProcess();
