/**
 * The fuzz campaign: every parser gets `count` generated inputs, `concurrency` of them in flight,
 * against one live service. Counts what was answered, and every crash or format violation with
 * the seed and index that reproduce it.
 */
import { drainLogs } from './oracle.js';
import type { FuzzParser, Outcome } from './parser.js';
import { policyParser } from './policy.js';
import { caseRng } from './rng.js';
import { s3ClassifierParser } from './s3Classifier.js';
import { sidecarParser } from './sidecarBodies.js';
import { sigv4Parser } from './sigv4.js';
import { stsQueryParser } from './stsQuery.js';
import { startFuzzWorld, stopFuzzWorld, type FuzzWorld } from './world.js';

export const PARSERS: readonly FuzzParser[] = [stsQueryParser, sigv4Parser, policyParser, sidecarParser, s3ClassifierParser];

export interface Finding {
  readonly parser: string;
  /** Reproduce with FUZZ_SEED=<seed> and `--only <parser> --index <index>`; undefined for log findings. */
  readonly index: number | undefined;
  readonly problems: readonly string[];
  readonly input: string;
  readonly output: string;
}

export interface ParserReport {
  readonly name: string;
  readonly surface: string;
  inputs: number;
  readonly statuses: Record<string, number>;
  violations: number;
  crashes: number;
  readonly findings: Finding[];
  seconds: number;
  maxMs: number;
}

export interface CampaignOptions {
  readonly count: number;
  readonly seed: number;
  readonly concurrency: number;
  readonly only?: readonly string[];
  /** Run just this input of each selected parser (to reproduce a finding). */
  readonly index?: number;
  readonly progress?: (line: string) => void;
}

export interface CampaignReport {
  readonly seed: number;
  readonly parsers: ParserReport[];
  /** Unhandled rejections and uncaught exceptions: the process would have died. */
  readonly crashes: string[];
  readonly ok: boolean;
}

const KEPT_FINDINGS = 20;
const LOG_DRAIN_EVERY = 2000;

function record(report: ParserReport, finding: Finding): void {
  report.violations++;
  if (report.findings.length < KEPT_FINDINGS) report.findings.push(finding);
}

function tally(report: ParserReport, index: number, outcome: Outcome): void {
  report.inputs++;
  report.statuses[outcome.status] = (report.statuses[outcome.status] ?? 0) + 1;
  report.maxMs = Math.max(report.maxMs, outcome.ms);
  if (outcome.problems.length > 0) record(report, { parser: report.name, index, problems: outcome.problems, input: outcome.input, output: outcome.output });
}

function checkLogs(world: FuzzWorld, report: ParserReport): void {
  const problems = drainLogs(world);
  for (const problem of problems) record(report, { parser: report.name, index: undefined, problems: [problem], input: '(log line)', output: '' });
}

async function runParser(world: FuzzWorld, parser: FuzzParser, options: CampaignOptions, crashes: string[]): Promise<ParserReport> {
  const report: ParserReport = { name: parser.name, surface: parser.surface, inputs: 0, statuses: {}, violations: 0, crashes: 0, findings: [], seconds: 0, maxMs: 0 };
  const started = performance.now();
  const crashesBefore = crashes.length;
  const indexes = options.index === undefined ? { from: 0, to: options.count } : { from: options.index, to: options.index + 1 };
  let next = indexes.from;
  const worker = async (): Promise<void> => {
    while (next < indexes.to) {
      const index = next++;
      let outcome: Outcome;
      try {
        outcome = await parser.run(caseRng(options.seed, parser.name, index), world);
      } catch (err) {
        outcome = { status: 'harness-error', problems: [`the fuzzer itself failed: ${String(err)}`], input: '', output: '', ms: 0 };
      }
      tally(report, index, outcome);
      if (report.inputs % LOG_DRAIN_EVERY === 0) {
        checkLogs(world, report);
        options.progress?.(`  ${parser.name}: ${report.inputs}/${indexes.to - indexes.from}`);
      }
    }
  };
  await Promise.all(Array.from({ length: options.concurrency }, worker));
  // Late log lines (access log after `finish`) land on the next tick.
  await new Promise((resolve) => setImmediate(resolve));
  checkLogs(world, report);
  report.crashes = crashes.length - crashesBefore;
  report.seconds = (performance.now() - started) / 1000;
  return report;
}

export async function runCampaign(options: CampaignOptions): Promise<CampaignReport> {
  const crashes: string[] = [];
  const onRejection = (reason: unknown) => crashes.push(`unhandledRejection: ${String((reason as Error)?.stack ?? reason)}`);
  const onException = (err: Error) => crashes.push(`uncaughtException: ${String(err?.stack ?? err)}`);
  process.on('unhandledRejection', onRejection);
  process.on('uncaughtException', onException);
  const world = await startFuzzWorld(options.concurrency);
  const reports: ParserReport[] = [];
  try {
    for (const parser of PARSERS) {
      if (options.only !== undefined && !options.only.includes(parser.name)) continue;
      reports.push(await runParser(world, parser, options, crashes));
    }
  } finally {
    await stopFuzzWorld(world);
    process.off('unhandledRejection', onRejection);
    process.off('uncaughtException', onException);
  }
  const ok = crashes.length === 0 && reports.every((r) => r.violations === 0 && r.crashes === 0);
  return { seed: options.seed, parsers: reports, crashes, ok };
}

/** The report as the lines `npm run fuzz` prints. */
export function formatReport(report: CampaignReport): string[] {
  const lines = [`fuzz seed ${report.seed}`];
  for (const r of report.parsers) {
    const histogram = Object.entries(r.statuses).sort(([a], [b]) => a.localeCompare(b)).map(([s, n]) => `${s}:${n}`).join(' ');
    lines.push(`${r.name.padEnd(14)} inputs ${String(r.inputs).padStart(7)}  crashes ${r.crashes}  violations ${r.violations}  ` +
      `${r.seconds.toFixed(1)} s  ${Math.round(r.inputs / Math.max(r.seconds, 1e-3))}/s  slowest ${r.maxMs.toFixed(0)} ms`);
    lines.push(`${''.padEnd(14)} statuses ${histogram}`);
    for (const f of r.findings) {
      lines.push(`  FINDING ${f.parser} index ${f.index ?? '-'}: ${f.problems.join('; ')}`, `    sent: ${f.input}`, `    got:  ${f.output}`);
    }
  }
  for (const crash of report.crashes) lines.push(`CRASH ${crash}`);
  lines.push(report.ok ? 'fuzz: OK' : 'fuzz: FAILED');
  return lines;
}
