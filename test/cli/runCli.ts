import type { CliIo } from '../../src/cli/io.js';
import { main } from '../../src/cli/main.js';

export interface CliRun {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

export const ADMIN_TOKEN = 'test-admin-token-0123456789';

/** Runs the CLI in-process against `endpoint` with the admin token in the environment. */
export async function runCli(
  endpoint: string | undefined,
  argv: readonly string[],
  io: Partial<Omit<CliIo, 'stdout' | 'stderr'>> = {},
): Promise<CliRun> {
  let stdout = '';
  let stderr = '';
  const env = { STS_ADMIN_TOKEN: ADMIN_TOKEN, ...(endpoint === undefined ? {} : { STS_ENDPOINT: endpoint }), ...io.env };
  const code = await main(argv, {
    ...io,
    env,
    stdout: { write: (text: string) => (stdout += text) },
    stderr: { write: (text: string) => (stderr += text) },
  });
  return { code, stdout, stderr };
}
