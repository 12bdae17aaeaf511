/**
 * `npm run fuzz`: the full campaign, 100,000 inputs per parser unless told otherwise.
 *
 *   npm run fuzz [-- <count>] [--only <parser>[,<parser>]] [--index <n>] [--concurrency <n>]
 *   FUZZ_COUNT, FUZZ_SEED, FUZZ_CONCURRENCY: the same, from the environment.
 *
 * Prints per parser the inputs, the status histogram, crashes and format violations; exits 1 on
 * any. A finding names its parser and index: rerun it with the printed seed, `--only` and `--index`.
 */
import { formatReport, PARSERS, runCampaign } from './campaign.js';

function option(args: string[], name: string): string | undefined {
  const at = args.indexOf(name);
  return at < 0 ? undefined : args[at + 1];
}

function whole(text: string | undefined, name: string, fallback: number): number {
  if (text === undefined || text === '') return fallback;
  if (!/^\d+$/.test(text.replace(/_/g, ''))) throw new Error(`${name} must be a whole number, got "${text}"`);
  return Number(text.replace(/_/g, ''));
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const positional = args.find((arg, i) => /^[\d_]+$/.test(arg) && !(args[i - 1] ?? '').startsWith('--'));
  const count = whole(positional ?? process.env.FUZZ_COUNT, 'count', 100_000);
  const seed = whole(process.env.FUZZ_SEED, 'FUZZ_SEED', Math.floor(Math.random() * 2 ** 31));
  const concurrency = whole(option(args, '--concurrency') ?? process.env.FUZZ_CONCURRENCY, 'concurrency', 16);
  const only = option(args, '--only')?.split(',');
  const unknown = only?.filter((name) => !PARSERS.some((p) => p.name === name));
  if (unknown?.length) throw new Error(`unknown parser ${unknown.join(', ')}; known: ${PARSERS.map((p) => p.name).join(', ')}`);
  const indexText = option(args, '--index');
  const index = indexText === undefined ? undefined : whole(indexText, '--index', 0);
  console.log(`fuzz: seed ${seed} (FUZZ_SEED=${seed} reproduces), ${count} inputs per parser, concurrency ${concurrency}`);
  const started = performance.now();
  const report = await runCampaign({ count, seed, concurrency, ...(only ? { only } : {}), ...(index === undefined ? {} : { index }), progress: (line) => console.log(line) });
  for (const line of formatReport(report)) console.log(line);
  const seconds = (performance.now() - started) / 1000;
  const inputs = report.parsers.reduce((sum, r) => sum + r.inputs, 0);
  console.log(`fuzz: ${inputs} inputs in ${seconds.toFixed(1)} s (${Math.round(inputs / seconds)}/s)`);
  process.exitCode = report.ok ? 0 : 1;
}

main().catch((err: unknown) => {
  console.error(`fuzz: ${err instanceof Error ? err.message : String(err)}`);
  process.exitCode = 2;
});
