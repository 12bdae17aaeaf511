import type { Command } from 'commander';
import { AdminClient } from '../adminClient.js';
import { createAdminHttp } from '../adminHttp.js';
import { CliError } from '../errors.js';
import type { CliIo } from '../io.js';

export const DEFAULT_ENDPOINT = 'http://127.0.0.1:8080';

/** Options every command accepts, before or after its name. */
export interface GlobalOptions {
  readonly endpoint?: string;
  readonly adminToken?: string;
  readonly json?: boolean;
}

/** What a command's action needs: the io, the admin client its global options describe, and output. */
export class CommandContext {
  constructor(readonly io: CliIo) {}

  /** Built on first use so commands that need no service (`serve`, `--help`) need no token. */
  client(command: Command): AdminClient {
    const options = command.optsWithGlobals<GlobalOptions>();
    const token = options.adminToken || this.io.env.STS_ADMIN_TOKEN;
    if (!token) {
      throw new CliError('MissingAdminToken', 'no admin token: pass --admin-token or set STS_ADMIN_TOKEN');
    }
    const endpoint = options.endpoint || this.io.env.STS_ENDPOINT || DEFAULT_ENDPOINT;
    return new AdminClient(createAdminHttp({ endpoint, token, fetch: this.io.fetch ?? globalThis.fetch }));
  }

  json(command: Command): boolean {
    return command.optsWithGlobals<GlobalOptions>().json === true;
  }

  print(text: string): void {
    this.io.stdout.write(text.endsWith('\n') ? text : `${text}\n`);
  }

  printJson(value: unknown): void {
    this.io.stdout.write(`${JSON.stringify(value, null, 2)}\n`);
  }
}
