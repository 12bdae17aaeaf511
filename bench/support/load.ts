import autocannon from 'autocannon';
import { cpuMs } from './processes.js';

export interface LoadResult {
  readonly name: string;
  /** Server CPU (user + system) per request, when the server's pid was given. */
  readonly cpuUsPerRequest?: number | undefined;
  readonly requestsPerSecond: number;
  readonly p50Ms: number;
  readonly p99Ms: number;
  readonly errors: number;
  readonly non2xx: number;
}

export interface LoadOptions {
  readonly url: string;
  readonly method?: 'GET' | 'POST';
  readonly headers?: Record<string, string>;
  readonly body?: string;
  readonly connections?: number;
  readonly seconds?: number;
  /** The server's pid, to measure its CPU per request (fetchLoad). */
  readonly serverPid?: number | undefined;
}

/** One bounded autocannon run against a loopback URL. */
export async function load(name: string, options: LoadOptions): Promise<LoadResult> {
  if (!/^http:\/\/(127\.0\.0\.1|\[::1\]|localhost)[:/]/.test(options.url)) throw new Error('benchmarks target loopback only');
  const result = await autocannon({
    url: options.url,
    method: options.method ?? 'GET',
    headers: options.headers ?? {},
    ...(options.body === undefined ? {} : { body: options.body }),
    connections: options.connections ?? 50,
    duration: options.seconds ?? 5,
  });
  return {
    name,
    requestsPerSecond: result.requests.average,
    p50Ms: result.latency.p50,
    p99Ms: result.latency.p99,
    errors: result.errors + result.timeouts,
    non2xx: result.non2xx,
  };
}

export function printResults(results: readonly LoadResult[], baseline: LoadResult): void {
  for (const r of results) {
    const ratio = r.requestsPerSecond / baseline.requestsPerSecond;
    console.log(
      `${r.name.padEnd(28)} ${r.requestsPerSecond.toFixed(0).padStart(8)} req/s  p50 ${r.p50Ms.toFixed(1).padStart(6)} ms  p99 ${r.p99Ms.toFixed(1).padStart(6)} ms (x${(r.p99Ms / Math.max(r.p50Ms, 0.001)).toFixed(1)} p50)` +
        `  throughput x${ratio.toFixed(2)}  p99 x${(r.p99Ms / Math.max(baseline.p99Ms, 0.001)).toFixed(2)}` +
        (r.cpuUsPerRequest === undefined || baseline.cpuUsPerRequest === undefined
          ? ''
          : `  server cpu ${r.cpuUsPerRequest.toFixed(0)} us/req (capacity x${(baseline.cpuUsPerRequest / r.cpuUsPerRequest).toFixed(2)})`) +
        ` vs ${baseline.name}` +
        (r.errors + r.non2xx > 0 ? `  (errors ${r.errors}, non-2xx ${r.non2xx})` : ''),
    );
  }
}

/**
 * A plain client loop (fetch, one request at a time per worker) for servers autocannon cannot
 * drive, such as moto_server, whose keep-alive handling stalls autocannon's connections.
 */
export async function fetchLoad(name: string, options: LoadOptions): Promise<LoadResult> {
  if (!/^http:\/\/(127\.0\.0\.1|\[::1\]|localhost)[:/]/.test(options.url)) throw new Error('benchmarks target loopback only');
  const end = Date.now() + (options.seconds ?? 5) * 1000;
  const latencies: number[] = [];
  let errors = 0;
  let non2xx = 0;
  const worker = async () => {
    while (Date.now() < end) {
      const started = performance.now();
      try {
        const res = await fetch(options.url, {
          method: options.method ?? 'GET',
          headers: options.headers ?? {},
          ...(options.body === undefined ? {} : { body: options.body }),
        });
        await res.arrayBuffer();
        if (res.status < 200 || res.status > 299) non2xx++;
      } catch {
        errors++;
      }
      latencies.push(performance.now() - started);
    }
  };
  const started = Date.now();
  const cpuBefore = options.serverPid === undefined ? undefined : cpuMs(options.serverPid);
  await Promise.all(Array.from({ length: options.connections ?? 50 }, worker));
  const cpuAfter = options.serverPid === undefined ? undefined : cpuMs(options.serverPid);
  latencies.sort((a, b) => a - b);
  return {
    name,
    cpuUsPerRequest: cpuBefore === undefined || cpuAfter === undefined ? undefined : ((cpuAfter - cpuBefore) * 1000) / latencies.length,
    requestsPerSecond: latencies.length / ((Date.now() - started) / 1000),
    p50Ms: latencies[Math.floor(latencies.length * 0.5)] ?? 0,
    p99Ms: latencies[Math.floor(latencies.length * 0.99)] ?? 0,
    errors,
    non2xx,
  };
}
