import { InvalidArgumentError, type Command } from 'commander';
import { collectAll } from '../adminClient.js';
import type { Page, PageRequest } from '../apiTypes.js';
import type { CommandContext } from './context.js';

interface PagingOptions {
  readonly limit?: number;
  readonly cursor?: string;
}

/** `--limit`/`--cursor` fetch one page; without them a list command follows every page. */
export function addPagingOptions(command: Command): Command {
  return command
    .option('--limit <n>', 'fetch a single page of at most n entries', parsePositiveInt)
    .option('--cursor <cursor>', 'fetch the single page starting at this cursor');
}

/**
 * Prints a list as `{<key>: [...], next?}` with `--json`, else as `render(items)`; after a single
 * page with more to come, tells on stderr how to continue.
 */
export async function printListing<T>(
  ctx: CommandContext,
  command: Command,
  key: string,
  fetchPage: (page: PageRequest) => Promise<Page<T>>,
  render: (items: readonly T[]) => string,
): Promise<void> {
  const { limit, cursor } = command.opts<PagingOptions>();
  const page: Page<T> =
    limit === undefined && cursor === undefined
      ? { items: await collectAll((next) => fetchPage(next === undefined ? {} : { cursor: next })) }
      : await fetchPage({ ...(limit === undefined ? {} : { limit }), ...(cursor === undefined ? {} : { cursor }) });
  if (ctx.json(command)) {
    ctx.printJson(page.next === undefined ? { [key]: page.items } : { [key]: page.items, next: page.next });
    return;
  }
  ctx.print(render(page.items));
  if (page.next !== undefined) ctx.io.stderr.write(`more: --cursor ${page.next}\n`);
}

function parsePositiveInt(value: string): number {
  if (!/^[1-9]\d{0,8}$/.test(value)) throw new InvalidArgumentError('must be a whole number from 1');
  return Number(value);
}
