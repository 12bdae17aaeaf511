import { readFile, writeFile } from 'node:fs/promises';
import type { Command } from 'commander';
import { ReportedError } from '../errors.js';
import type { EntryKind, RestoreReport } from '../maintenanceTypes.js';
import type { CommandContext } from './context.js';

/** A backup file that cannot be read, or a restore that left conflicting entries alone. */
class BackupCommandError extends ReportedError {
  constructor(code: 'InvalidBackupFile' | 'RestoreConflicts', message: string, details: Record<string, unknown> = {}) {
    super(code, message, details);
    this.name = 'BackupCommandError';
  }
}

const KINDS: readonly EntryKind[] = ['policy', 'oidcProvider', 'role', 'user', 'attachment'];

/** `backup`, `restore` and `reseal`: see docs/operations.md, "Key rotation" and "Backup and restore". */
export function registerBackupCommands(program: Command, ctx: CommandContext): void {
  program
    .command('backup')
    .description('write users (sealed secrets), policies, roles, OIDC providers and attachments as JSON')
    .option('--out <file>', 'write to this file (created with mode 0600) instead of stdout')
    .action(async (options: { out?: string }, command: Command) => {
      const backup = await ctx.client(command).backup();
      const text = `${JSON.stringify(backup)}\n`;
      if (options.out === undefined) return void ctx.io.stdout.write(text);
      await writeFile(options.out, text, { mode: 0o600 });
      const count = (key: string) => (Array.isArray(backup[key]) ? (backup[key] as unknown[]).length : 0);
      ctx.io.stderr.write(`Wrote ${count('users')} users, ${count('policies')} policies, ${count('roles')} roles to ${options.out}\n`);
    });

  program
    .command('restore <file>')
    .description('restore a backup: adds what is missing, keeps what is identical, reports conflicts (safe to repeat)')
    .action(async (file: string, _options: unknown, command: Command) => {
      const report = await ctx.client(command).restore(await readBackup(file));
      if (ctx.json(command)) ctx.printJson(report);
      else ctx.print(renderReport(report));
      if (report.conflicts.length > 0) {
        throw new BackupCommandError('RestoreConflicts', `${report.conflicts.length} entries conflict with what the service holds and were left as they are`);
      }
    });

  program
    .command('reseal')
    .description('re-seal every user secret under the current master key (after a key rotation)')
    .action(async (_options: unknown, command: Command) => {
      const report = await ctx.client(command).resealSecrets();
      if (ctx.json(command)) return ctx.printJson(report);
      ctx.print(`Re-sealed ${report.resealed} user secrets under key ${report.keyId}; ${report.current} already were; ${report.changedMeanwhile} changed meanwhile`);
      if (report.unopenableCount > 0) {
        ctx.print(`${report.unopenableCount} user secrets open under no configured key: ${report.unopenable.join(', ')}`);
      }
    });
}

async function readBackup(file: string): Promise<unknown> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (err) {
    throw new BackupCommandError('InvalidBackupFile', `cannot read ${file}: ${(err as NodeJS.ErrnoException).code ?? String(err)}`);
  }
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new BackupCommandError('InvalidBackupFile', `${file} is not JSON`);
  }
}

function renderReport(report: RestoreReport): string {
  const lines = KINDS.map((kind) => `${kind}: ${report.created[kind] ?? 0} created, ${report.unchanged[kind] ?? 0} unchanged`);
  for (const conflict of report.conflicts) lines.push(`conflict: ${conflict.kind} ${conflict.name}: ${conflict.reason}`);
  return lines.join('\n');
}
