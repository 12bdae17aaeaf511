import { ENDPOINTS, type Outcome } from './load.js';

/**
 * Judges the run as a whole. Outside the outage windows every answer must be a right 200;
 * inside them a right 200 or the service's ServiceUnavailable 503. A 401 for a session whose
 * AssumeRole was acknowledged less than LOSS_MARGIN_MS before the failover killed the primary is
 * "lost after failover": Redis replicates asynchronously and the store does not WAIT, so the
 * replica may never have seen it. Those are reported, not counted as wrong; any other refusal of
 * a live session is wrong.
 */
export interface OutageWindow {
  readonly name: string;
  /** ms since the soak began: the kill, Redis serving again, and the end of the recovery allowance. */
  readonly start: number;
  readonly back: number;
  readonly end: number;
}

export interface RssSeries {
  readonly instance: string;
  readonly samples: ReadonlyArray<{ readonly at: number; readonly bytes: number }>;
}

export const RECOVERY_ALLOWANCE_MS = 5_000;
export const LOSS_MARGIN_MS = 1_000;
const RSS_GROWTH_BYTES = 30 * 2 ** 20;
const RSS_GROWTH_RATIO = 0.2;

export interface Verdicts {
  readonly lines: string[];
  readonly violations: string[];
  readonly summary: string;
}

type Where = 'inside' | 'outside';

export function judgeRun(input: {
  outcomes: readonly Outcome[];
  windows: readonly OutageWindow[];
  instances: readonly string[];
  rss: readonly RssSeries[];
  warmupEnd: number;
  seconds: number;
  skipped: number;
}): Verdicts {
  const { outcomes, windows, instances } = input;
  const violations: string[] = [];
  const lines: string[] = [];
  const counts = new Map<string, number>();
  const bump = (key: string): void => void counts.set(key, (counts.get(key) ?? 0) + 1);
  const failover = windows.find((w) => w.name === 'failover');
  const lost = new Set<string>();
  const wrongExamples: string[] = [];
  let wrong = 0;
  for (const outcome of outcomes) {
    const where = whereOf(outcome, windows);
    bump(`${outcome.endpoint}|${where}|${outcome.status}`);
    const fault = faultOf(outcome, where, failover);
    if (fault === 'lost') lost.add(outcome.session?.creds.accessKeyId ?? '');
    if (fault === undefined || fault === 'lost') continue;
    wrong += 1;
    if (wrongExamples.length < 10) wrongExamples.push(`${(outcome.start / 1000).toFixed(1)} s ${outcome.endpoint} on ${instances[outcome.instance]}: ${fault}`);
  }
  if (wrong > 0) violations.push(`${wrong} wrong answer(s), e.g.\n    ${wrongExamples.join('\n    ')}`);

  lines.push('windows (s since start: kill -> Redis serving -> end of allowance):');
  for (const w of windows) lines.push(`  ${w.name.padEnd(14)} ${sec(w.start)} -> ${sec(w.back)} -> ${sec(w.end)}`);
  lines.push('', 'answers by endpoint, inside/outside the windows, per HTTP status:');
  lines.push(...countTable(counts));
  lines.push('', 'latency in ms (p50 / p99 / max):');
  lines.push(...(['outside', 'inside'] as const).map((where) => `  ${where.padEnd(8)} ${latency(outcomes.filter((o) => whereOf(o, windows) === where))}`));
  lines.push('', 'recovery (last failed answer after Redis was serving again, per instance):');
  const recoveries = windows.map((w) => recovery(w, outcomes, instances, violations));
  lines.push(...recoveries.map((r) => `  ${r.text}`));
  lines.push('', 'RSS after warm-up (median of the first and last 5 samples):');
  const rss = input.rss.map((series) => rssLine(series, input.warmupEnd, violations));
  lines.push(...rss.map((r) => `  ${r.text}`));
  lines.push('', `wrong answers: ${wrong}; sessions lost after failover (acknowledged < ${LOSS_MARGIN_MS} ms before the kill): ${lost.size}; calls skipped at the concurrency bound: ${input.skipped}`);

  const perEndpoint = ENDPOINTS.map((e) => `${e} ${outcomes.filter((o) => o.endpoint === e).length}`).join(', ');
  const windowText = windows.map((w, i) => `${w.name} ${sec(w.start)}-${sec(w.back)} s: ${outcomes.filter((o) => o.verdict === 'unavailable' && o.start < w.end && o.end > w.start).length} x 503, recovered in ${recoveries[i]?.short}`).join('; ');
  const summary = `soak ${input.seconds} s, 2 instances on Sentinel: ${outcomes.length} calls (${perEndpoint}); ${windowText}; ${wrong} wrong, ${lost.size} lost after failover; RSS ${rss.map((r) => r.short).join(', ')}`;
  return { lines, violations, summary };
}

function whereOf(outcome: Outcome, windows: readonly OutageWindow[]): Where {
  return windows.some((w) => outcome.start < w.end && outcome.end > w.start) ? 'inside' : 'outside';
}

function latency(outcomes: readonly Outcome[]): string {
  const ms = outcomes.map((o) => o.end - o.start).sort((a, b) => a - b);
  const at = (q: number): number => ms[Math.min(ms.length - 1, Math.floor(q * ms.length))] ?? 0;
  return `${at(0.5)} / ${at(0.99)} / ${ms.at(-1) ?? 0} over ${ms.length} calls`;
}

/** undefined: acceptable; 'lost': a refusal explained by asynchronous replication; otherwise why it is wrong. */
function faultOf(outcome: Outcome, where: Where, failover: OutageWindow | undefined): string | undefined {
  if (outcome.verdict === 'ok') return undefined;
  if (outcome.verdict === 'unavailable') return where === 'inside' ? undefined : `503 outside the windows`;
  if (outcome.verdict === 'refused' && outcome.session !== undefined && failover !== undefined
    && outcome.start >= failover.start && outcome.session.ackAt <= failover.start && outcome.session.ackAt > failover.start - LOSS_MARGIN_MS) {
    return 'lost';
  }
  return `${outcome.verdict} ${outcome.detail ?? ''}`;
}

function countTable(counts: ReadonlyMap<string, number>): string[] {
  const statuses = [...new Set([...counts.keys()].map((key) => Number(key.split('|')[2])))].sort((a, b) => a - b);
  const header = `  ${'endpoint'.padEnd(11)}${'where'.padEnd(9)}${statuses.map((s) => String(s === 0 ? 'none' : s).padStart(8)).join('')}`;
  const rows = ENDPOINTS.flatMap((endpoint) => (['outside', 'inside'] as const).map((where) =>
    `  ${endpoint.padEnd(11)}${where.padEnd(9)}${statuses.map((s) => String(counts.get(`${endpoint}|${where}|${s}`) ?? 0).padStart(8)).join('')}`));
  return [header, ...rows];
}

function recovery(w: OutageWindow, outcomes: readonly Outcome[], instances: readonly string[], violations: string[]): { text: string; short: string } {
  const parts = instances.map((name, index) => {
    const failures = outcomes.filter((o) => o.instance === index && o.verdict !== 'ok' && o.end > w.start && o.start < w.end);
    const lastFailure = Math.max(w.back, ...failures.map((o) => o.end));
    const ms = lastFailure - w.back;
    if (ms > RECOVERY_ALLOWANCE_MS) violations.push(`${name} took ${ms} ms to recover after the ${w.name}`);
    return { name, ms, failed: failures.length };
  });
  return {
    text: `${w.name.padEnd(14)} ${parts.map((p) => `${p.name} ${(p.ms / 1000).toFixed(2)} s (${p.failed} failed answers in the window)`).join(', ')}`,
    short: parts.map((p) => `${(p.ms / 1000).toFixed(1)}`).join('/') + ' s',
  };
}

function rssLine(series: RssSeries, warmupEnd: number, violations: string[]): { text: string; short: string } {
  const after = series.samples.filter((s) => s.at >= warmupEnd).map((s) => s.bytes);
  if (after.length < 10) {
    violations.push(`${series.instance}: only ${after.length} RSS samples after warm-up`);
    return { text: `${series.instance}: too few samples`, short: `${series.instance} ?` };
  }
  const start = median(after.slice(0, 5));
  const end = median(after.slice(-5));
  const allowed = Math.max(RSS_GROWTH_BYTES, start * RSS_GROWTH_RATIO);
  if (end - start > allowed) violations.push(`${series.instance}: RSS grew ${mb(end - start)} (from ${mb(start)} to ${mb(end)}), more than ${mb(allowed)}`);
  return {
    text: `${series.instance}: start ${mb(start)}, end ${mb(end)} (${end >= start ? '+' : ''}${mb(end - start)}, allowed +${mb(allowed)}), min ${mb(Math.min(...after))}, max ${mb(Math.max(...after))}, ${after.length} samples`,
    short: `${series.instance} ${mb(start)} -> ${mb(end)}`,
  };
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] as number;
}

function mb(bytes: number): string {
  return `${(bytes / 2 ** 20).toFixed(1)} MiB`;
}

function sec(ms: number): string {
  return (ms / 1000).toFixed(1);
}
