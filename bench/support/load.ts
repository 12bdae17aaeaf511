import autocannon from 'autocannon';

export interface LoadResult {
  readonly name: string;
  readonly requestsPerSecond: number;
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
    p99Ms: result.latency.p99,
    errors: result.errors + result.timeouts,
    non2xx: result.non2xx,
  };
}

export function printResults(results: readonly LoadResult[], baseline: LoadResult): void {
  for (const r of results) {
    const ratio = r.requestsPerSecond / baseline.requestsPerSecond;
    console.log(
      `${r.name.padEnd(28)} ${r.requestsPerSecond.toFixed(0).padStart(8)} req/s  p99 ${r.p99Ms.toFixed(1).padStart(6)} ms` +
        `  throughput x${ratio.toFixed(2)}  p99 x${(r.p99Ms / Math.max(baseline.p99Ms, 0.001)).toFixed(2)} vs ${baseline.name}` +
        (r.errors + r.non2xx > 0 ? `  (errors ${r.errors}, non-2xx ${r.non2xx})` : ''),
    );
  }
}
