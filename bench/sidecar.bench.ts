/**
 * Sidecar hot path under load: autocannon (50 connections, ~5 s per run, 127.0.0.1 only)
 * against (a) a bare node:http server answering a small JSON and (b) this service's
 * /v1/verify and /v1/authorize with a live AssumeRole session, same machine, same run, each
 * server in its own process. Prints req/s and p99 per run and the ratios to the bare server,
 * sent a body of the same size (targets: throughput >= 0.5x, p99 <= 2x). Scenarios: the memory
 * store with and without revision tracking (the principal cache needs it), and a
 * revision-tracked Redis store (one GET per call).
 *
 * On a shared machine other load drifts during a run, so each ~5 s comparison is taken as
 * interleaved 1 s slices (bare, sidecar, bare, sidecar, ...): drift hits both sides alike.
 * Where /proc is readable the server's CPU time per request is printed too: it does not
 * depend on how busy the load generator or the rest of the machine is.
 *
 * Run: `node --import tsx bench/sidecar.bench.ts` (or `npx tsx ...`). BENCH_SECONDS changes
 * the run length. The Redis runs need `redis-server` on PATH (a throwaway one is started on a
 * free loopback port) and are skipped with a note otherwise.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';
import { createServer } from 'node:net';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';
import { cpuMs } from './support/processes.js';

const SECONDS = Number(process.env.BENCH_SECONDS ?? 5);
const CONNECTIONS = 50;
const TARGETS = fileURLToPath(new URL(`./sidecarTargets.${import.meta.url.endsWith('.ts') ? 'ts' : 'js'}`, import.meta.url));
const children: ChildProcess[] = [];
process.once('exit', () => children.forEach((child) => child.kill('SIGKILL')));

interface Ready {
  port: number;
  accessKeyId?: string;
  sessionToken?: string;
  verifyToken?: string;
}

interface Run {
  name: string;
  rps: number;
  p99: number;
  /** Server CPU per request, µs; undefined without /proc. */
  cpuUs: number | undefined;
  bad: number;
}

interface Target {
  readonly ready: Ready;
  readonly pid: number;
}

/** Starts a target in its own process and waits for its ready line. */
async function start(args: string[]): Promise<Target> {
  const loader = TARGETS.endsWith('.ts') ? ['--import', 'tsx'] : [];
  const child = spawn(process.execPath, [...loader, TARGETS, ...args], { stdio: ['ignore', 'pipe', 'inherit'] });
  children.push(child);
  const line = await new Promise<string>((resolve, reject) => {
    // Logs share stdout; the line that matters is marked. The interface keeps draining the pipe.
    createInterface({ input: child.stdout! }).on('line', (text) => {
      if (text.startsWith('READY ')) resolve(text.slice(6));
    });
    child.once('exit', (code) => reject(new Error(`target ${args.join(' ')} exited with ${code}`)));
  });
  return { ready: JSON.parse(line) as Ready, pid: child.pid ?? 0 };
}

interface Load {
  readonly target: Target;
  readonly path: string;
  readonly headers: Record<string, string>;
  readonly body: string;
}

interface Slice {
  readonly requests: number;
  readonly seconds: number;
  readonly p99: number;
  readonly cpuMs: number | undefined;
  readonly bad: number;
}

async function slice(load: Load, seconds: number): Promise<Slice> {
  const before = cpuMs(load.target.pid);
  const result = await autocannon({
    url: `http://127.0.0.1:${load.target.ready.port}${load.path}`,
    method: 'POST',
    headers: { 'content-type': 'application/json', ...load.headers },
    body: load.body,
    connections: CONNECTIONS,
    duration: seconds,
  });
  const after = cpuMs(load.target.pid);
  return {
    requests: result.requests.total,
    seconds: result.duration,
    p99: result.latency.p99,
    cpuMs: before === undefined || after === undefined ? undefined : after - before,
    bad: result.non2xx + result.errors + result.timeouts,
  };
}

function summarize(name: string, slices: readonly Slice[]): Run {
  const requests = slices.reduce((sum, s) => sum + s.requests, 0);
  const seconds = slices.reduce((sum, s) => sum + s.seconds, 0);
  const p99s = slices.map((s) => s.p99).sort((x, y) => x - y);
  const cpu = slices.every((s) => s.cpuMs !== undefined) ? slices.reduce((sum, s) => sum + (s.cpuMs ?? 0), 0) : undefined;
  return {
    name,
    rps: requests / seconds,
    p99: p99s[Math.floor(p99s.length / 2)] ?? 0,
    cpuUs: cpu === undefined ? undefined : (cpu * 1000) / requests,
    bad: slices.reduce((sum, s) => sum + s.bad, 0),
  };
}

/** ~SECONDS of each, as 1 s slices taken in turn, after a 1 s warm-up of each. */
async function compare(name: string, bare: Load, sidecar: Load): Promise<Pair> {
  await slice(bare, 1);
  await slice(sidecar, 1);
  const bareSlices: Slice[] = [];
  const sidecarSlices: Slice[] = [];
  for (let i = 0; i < Math.max(1, Math.round(SECONDS)); i++) {
    bareSlices.push(await slice(bare, 1));
    sidecarSlices.push(await slice(sidecar, 1));
  }
  return { bare: summarize('bare', bareSlices), sidecar: summarize(name, sidecarSlices) };
}

function freePort(): Promise<number> {
  const server = createServer();
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => {
    const { port } = server.address() as { port: number };
    server.close(() => resolve(port));
  }));
}

/** A throwaway redis-server on a free loopback port, or undefined when none is installed. */
async function startRedis(): Promise<{ url: string; stop: () => void } | undefined> {
  if (spawnSync('redis-server', ['--version']).status !== 0) return undefined;
  const port = await freePort();
  const dir = mkdtempSync(join(tmpdir(), 's3-sts-bench-redis-'));
  const child = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--dir', dir], { stdio: 'ignore' });
  children.push(child);
  await new Promise((resolve) => setTimeout(resolve, 300));
  return { url: `redis://127.0.0.1:${port}`, stop: () => { child.kill('SIGTERM'); rmSync(dir, { recursive: true, force: true }); } };
}

interface Pair {
  readonly bare: Run;
  readonly sidecar: Run;
}

async function sidecarPairs(label: string, args: string[], bare: Target): Promise<Pair[]> {
  const service = await start(['service', ...args]);
  const auth = { authorization: `Bearer ${service.ready.verifyToken}` };
  const credential = { accessKeyId: service.ready.accessKeyId, sessionToken: service.ready.sessionToken };
  const checks = [
    { action: 's3:GetObject', resource: 'arn:aws:s3:::data/home/bench/report.pdf', context: { 'aws:SourceIp': '10.1.2.3', 'aws:SecureTransport': 'true' } },
    { action: 's3:PutObject', resource: 'arn:aws:s3:::shared/x', context: { 'aws:SourceIp': '10.1.2.3' } },
  ];
  const verifyBody = JSON.stringify(credential);
  const authorizeBody = JSON.stringify({ ...credential, checks });
  const pairs = [
    await compare(`verify (${label})`, { target: bare, path: '/', headers: auth, body: verifyBody }, { target: service, path: '/v1/verify', headers: auth, body: verifyBody }),
    await compare(`authorize, 2 checks (${label})`, { target: bare, path: '/', headers: auth, body: authorizeBody }, { target: service, path: '/v1/authorize', headers: auth, body: authorizeBody }),
  ];
  process.kill(service.pid, 'SIGTERM');
  return pairs;
}

function cpuText(run: Run): string {
  return run.cpuUs === undefined ? '' : ` cpu ${run.cpuUs.toFixed(0).padStart(3)} us/req`;
}

function print(pairs: readonly Pair[]): void {
  console.log(`node ${process.version}, ${CONNECTIONS} connections, ${SECONDS} x 1 s interleaved slices per side, 127.0.0.1`);
  console.log('targets: throughput >= 0.5x and p99 <= 2x the bare node:http server');
  for (const { bare, sidecar } of pairs) {
    const failed = sidecar.bad + bare.bad > 0 ? `  (${sidecar.bad + bare.bad} failed)` : '';
    const cpu = sidecar.cpuUs === undefined || bare.cpuUs === undefined ? '' : `  cpu/req x${(sidecar.cpuUs / bare.cpuUs).toFixed(2)}`;
    console.log(
      `${sidecar.name.padEnd(52)} ${sidecar.rps.toFixed(0).padStart(6)} req/s p99 ${String(sidecar.p99).padStart(3)} ms${cpuText(sidecar)} | ` +
        `bare ${bare.rps.toFixed(0).padStart(6)} req/s p99 ${String(bare.p99).padStart(3)} ms${cpuText(bare)} | ` +
        `throughput x${(sidecar.rps / bare.rps).toFixed(2)}  p99 x${(sidecar.p99 / Math.max(bare.p99, 1)).toFixed(2)}${cpu}${failed}`,
    );
  }
}

async function main(): Promise<void> {
  const bare = await start(['bare']);
  const pairs: Pair[] = [];
  pairs.push(...(await sidecarPairs('memory store, revision-tracked', ['memory-tracked'], bare)));
  pairs.push(...(await sidecarPairs('memory store, untracked', ['memory'], bare)));
  const redis = await startRedis();
  if (redis === undefined) console.log('note: redis-server not on PATH, Redis runs skipped');
  else {
    pairs.push(...(await sidecarPairs('Redis, revision-tracked', ['redis-tracked', redis.url], bare)));
    redis.stop();
  }
  print(pairs);
}

main().then(
  () => process.exit(0),
  (err: unknown) => {
    console.error(err);
    process.exit(1);
  },
);
