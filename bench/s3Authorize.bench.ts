/**
 * `POST /v1/s3/authorize` under load: autocannon (50 connections, 127.0.0.1 only) against
 * (a) a bare node:http server that reads the body and answers a small JSON and (b) this service
 * on the embedded memory store, deciding a header-signed GetObject made with AssumeRole
 * credentials (signature check, principal lookup, classification, two-statement policy),
 * the same body to both. Each server runs in its own process; the runs are interleaved 1 s
 * slices (bare, service, bare, ...) so machine drift hits both alike. Target: throughput
 * >= 0.5x the bare server. The proxy endpoint (`/v1/s3/auth`, headers only) is measured too.
 *
 * Run: `npx tsx bench/s3Authorize.bench.ts`; BENCH_SECONDS changes the run length. The signed
 * request is made once at start: it stays valid for the 15 minutes a signature may be old.
 */
import { randomBytes } from 'node:crypto';
import { spawn, type ChildProcess } from 'node:child_process';
import { createServer, request } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';
import { startServer } from '../src/server.js';
import { signRequest } from '../src/sigv4/index.js';
import { cpuMs, freePort } from './support/processes.js';

const SECONDS = Number(process.env.BENCH_SECONDS ?? 5);
const CONNECTIONS = 50;
const VERIFY_TOKEN = 'bench-verify-token-0123456789';
const ADMIN_TOKEN = randomBytes(24).toString('base64url');
const SELF = fileURLToPath(import.meta.url);
const children: ChildProcess[] = [];
process.once('exit', () => children.forEach((child) => child.kill('SIGKILL')));

interface Ready {
  readonly port: number;
  /** The JSON body of `/v1/s3/authorize` and the headers of `/v1/s3/auth`, for the service. */
  readonly body?: string;
  readonly proxyHeaders?: Record<string, string>;
  /** The same request through `/v1/authorize` (credential + request + one check), for reference. */
  readonly authorizeBody?: string;
}

function call(port: number, method: string, path: string, headers: Record<string, string>, body: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, method, path, headers }, (res) => {
      let text = '';
      res.on('data', (chunk: Buffer) => (text += chunk.toString()));
      res.on('end', () => ((res.statusCode ?? 500) < 300 ? resolve(text) : reject(new Error(`${method} ${path}: ${res.statusCode} ${text.slice(0, 300)}`))));
    });
    req.on('error', reject);
    req.end(body);
  });
}

async function bareTarget(): Promise<Ready> {
  const body = '{"decision":"Allow"}';
  const server = createServer({ keepAliveTimeout: 65_000 }, (req, res) => {
    req.resume();
    req.on('end', () => {
      res.writeHead(200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) });
      res.end(body);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { port: (server.address() as AddressInfo).port };
}

async function serviceTarget(): Promise<Ready> {
  const port = await freePort();
  await startServer({
    PORT: String(port), HOST: '127.0.0.1', STS_ADMIN_TOKEN: ADMIN_TOKEN, STS_VERIFY_TOKEN: VERIFY_TOKEN,
    STS_MASTER_KEY: randomBytes(32).toString('base64'), LOG_LEVEL: 'warn',
  });
  const admin = { authorization: `Bearer ${ADMIN_TOKEN}`, 'content-type': 'application/json' };
  const policy = {
    Version: '2012-10-17',
    Statement: [
      { Sid: 'Home', Effect: 'Allow', Action: ['s3:GetObject', 's3:PutObject'], Resource: 'arn:aws:s3:::data/home/${aws:username}/*' },
      { Sid: 'NoSecrets', Effect: 'Deny', Action: 's3:*', Resource: 'arn:aws:s3:::data/home/*/secret/*' },
    ],
  };
  await call(port, 'PUT', '/admin/v1/policies/home', admin, JSON.stringify(policy));
  await call(port, 'POST', '/admin/v1/users', admin, JSON.stringify({ name: 'bench', secretKey: 'Bench-Secret-123', policy: 'home' }));
  const form = 'Action=AssumeRole&Version=2011-06-15&RoleArn=arn%3Aaws%3Aiam%3A%3A000000000000%3Arole%2Fbench&RoleSessionName=bench';
  const signedSts = signRequest(
    { method: 'POST', path: '/', query: '', headers: { host: `127.0.0.1:${port}`, 'content-type': 'application/x-www-form-urlencoded' }, body: form },
    { accessKeyId: 'bench', secretAccessKey: 'Bench-Secret-123' },
    { region: 'us-east-1', service: 'sts', now: Date.now() },
  );
  const assumed = await call(port, 'POST', '/', signedSts.headers, form);
  const field = (tag: string) => new RegExp(`<${tag}>([^<]+)<`).exec(assumed)?.[1] ?? '';
  const creds = { accessKeyId: field('AccessKeyId'), secretAccessKey: field('SecretAccessKey'), sessionToken: field('SessionToken') };
  const path = '/data/home/bench/report.pdf';
  const signed = signRequest(
    { method: 'GET', path, query: '', headers: { host: 's3.example.test', 'x-amz-content-sha256': 'UNSIGNED-PAYLOAD', 'user-agent': 'bench' } },
    creds,
    { region: 'us-east-1', service: 's3', now: Date.now() },
  );
  const body = JSON.stringify({ method: 'GET', path, query: '', headers: signed.headers, sourceIp: '10.1.2.3', secureTransport: true });
  const answer = JSON.parse(await call(port, 'POST', '/v1/s3/authorize', { authorization: `Bearer ${VERIFY_TOKEN}`, 'content-type': 'application/json' }, body)) as { decision: string };
  if (answer.decision !== 'Allow') throw new Error(`the benchmark request is not allowed: ${JSON.stringify(answer)}`);
  const proxyHeaders = { ...signed.headers, 'x-original-method': 'GET', 'x-original-uri': path, 'x-sts-authorization': `Bearer ${VERIFY_TOKEN}`, 'x-real-ip': '10.1.2.3' };
  const authorizeBody = JSON.stringify({
    accessKeyId: creds.accessKeyId, request: { method: 'GET', path, query: '', headers: signed.headers },
    checks: [{ action: 's3:GetObject', resource: `arn:aws:s3:::data${path.slice(5)}`, context: { 'aws:SourceIp': '10.1.2.3', 'aws:SecureTransport': 'true' } }],
  });
  return { port, body, proxyHeaders, authorizeBody };
}

interface Target {
  readonly ready: Ready;
  readonly pid: number;
}

async function start(role: string): Promise<Target> {
  const child = spawn(process.execPath, ['--import', 'tsx', SELF, role], { stdio: ['ignore', 'pipe', 'inherit'] });
  children.push(child);
  const line = await new Promise<string>((resolve, reject) => {
    createInterface({ input: child.stdout! }).on('line', (text) => {
      if (text.startsWith('READY ')) resolve(text.slice(6));
    });
    child.once('exit', (code) => reject(new Error(`target ${role} exited with ${code}`)));
  });
  return { ready: JSON.parse(line) as Ready, pid: child.pid ?? 0 };
}

interface Load {
  readonly target: Target;
  readonly method: 'GET' | 'POST';
  readonly path: string;
  readonly headers: Record<string, string>;
  readonly body?: string;
}

interface Totals {
  requests: number;
  seconds: number;
  cpuMs: number | undefined;
  bad: number;
  p99s: number[];
}

async function slice(load: Load, totals: Totals): Promise<void> {
  const before = cpuMs(load.target.pid);
  const result = await autocannon({
    url: `http://127.0.0.1:${load.target.ready.port}${load.path}`,
    method: load.method,
    headers: load.headers,
    ...(load.body === undefined ? {} : { body: load.body }),
    connections: CONNECTIONS,
    duration: 1,
  });
  const after = cpuMs(load.target.pid);
  totals.requests += result.requests.total;
  totals.seconds += result.duration;
  totals.bad += result.non2xx + result.errors + result.timeouts;
  totals.p99s.push(result.latency.p99);
  totals.cpuMs = before === undefined || after === undefined || totals.cpuMs === undefined ? undefined : totals.cpuMs + after - before;
}

async function compare(name: string, bare: Load, service: Load): Promise<string> {
  const fresh = (): Totals => ({ requests: 0, seconds: 0, cpuMs: 0, bad: 0, p99s: [] });
  await slice(bare, fresh());
  await slice(service, fresh());
  const b = fresh();
  const s = fresh();
  for (let i = 0; i < Math.max(1, Math.round(SECONDS)); i++) {
    await slice(bare, b);
    await slice(service, s);
  }
  const rps = (t: Totals) => t.requests / t.seconds;
  const p99 = (t: Totals) => [...t.p99s].sort((x, y) => x - y)[Math.floor(t.p99s.length / 2)] ?? 0;
  const cpu = (t: Totals) => (t.cpuMs === undefined ? undefined : (t.cpuMs * 1000) / t.requests);
  const cpuText = (t: Totals) => (cpu(t) === undefined ? '' : ` cpu ${cpu(t)?.toFixed(0)} us/req`);
  const failed = b.bad + s.bad > 0 ? `  (${b.bad + s.bad} failed)` : '';
  return `${name.padEnd(40)} ${rps(s).toFixed(0).padStart(6)} req/s p99 ${p99(s)} ms${cpuText(s)} | bare ${rps(b).toFixed(0).padStart(6)} req/s p99 ${p99(b)} ms${cpuText(b)} | ` +
    `throughput x${(rps(s) / rps(b)).toFixed(2)}  p99 x${(p99(s) / Math.max(p99(b), 1)).toFixed(2)}${failed}`;
}

async function main(): Promise<void> {
  const bare = await start('bare');
  const service = await start('service');
  const json = { 'content-type': 'application/json', authorization: `Bearer ${VERIFY_TOKEN}` };
  const body = service.ready.body ?? '';
  const lines = [
    await compare('/v1/s3/authorize, GetObject (memory)', { target: bare, method: 'POST', path: '/', headers: json, body }, { target: service, method: 'POST', path: '/v1/s3/authorize', headers: json, body }),
    await compare('/v1/s3/auth, GetObject (memory)', { target: bare, method: 'GET', path: '/', headers: service.ready.proxyHeaders ?? {} }, { target: service, method: 'GET', path: '/v1/s3/auth', headers: service.ready.proxyHeaders ?? {} }),
    await compare('/v1/authorize, same request (reference)', { target: bare, method: 'POST', path: '/', headers: json, body: service.ready.authorizeBody ?? '' }, { target: service, method: 'POST', path: '/v1/authorize', headers: json, body: service.ready.authorizeBody ?? '' }),
  ];
  console.log(`node ${process.version}, ${CONNECTIONS} connections, ${SECONDS} x 1 s interleaved slices per side, 127.0.0.1`);
  console.log('target: throughput >= 0.5x the bare node:http server');
  for (const line of lines) console.log(line);
}

const role = process.argv[2];
if (role === 'bare' || role === 'service') {
  for (const signal of ['SIGTERM', 'SIGINT'] as const) process.on(signal, () => process.exit(0));
  (role === 'bare' ? bareTarget() : serviceTarget()).then(
    (ready) => process.stdout.write(`READY ${JSON.stringify(ready)}\n`),
    (err: unknown) => {
      process.stderr.write(`${err instanceof Error ? err.stack : String(err)}\n`);
      process.exit(1);
    },
  );
} else {
  main().then(
    () => process.exit(0),
    (err: unknown) => {
      console.error(err);
      process.exit(1);
    },
  );
}
