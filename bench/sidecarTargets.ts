/**
 * Child processes for bench/sidecar.bench.ts, one server per process so the load generator and
 * the server do not share an event loop. Prints one JSON line on stdout once ready.
 *
 *   sidecarTargets bare                       a bare node:http server answering a small JSON
 *   sidecarTargets service <store> [redisUrl] this service with a live session; store is
 *                                             memory | memory-tracked | redis-tracked
 */
import { randomBytes } from 'node:crypto';
import { createServer, request, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createRequestHandler } from '../src/app.js';
import { systemClock } from '../src/clock.js';
import { loadConfig } from '../src/config.js';
import { deriveKeyRing } from '../src/crypto/keyRing.js';
import type { Deps } from '../src/deps.js';
import { createLogger } from '../src/logger.js';
import { createMetrics } from '../src/ops/metrics.js';
import { signRequest } from '../src/sigv4/index.js';
import { createStore, MemoryStore } from '../src/store/index.js';
import { VerifierPool } from '../src/oidc/verifierPool.js';
import { SignInThrottle } from '../src/throttle/signInThrottle.js';

const ADMIN_TOKEN = randomBytes(24).toString('base64url');
const BENCH_VERIFY_TOKEN = 'bench-verify-token-0123456789';

function listen(handler: (req: IncomingMessage, res: ServerResponse) => void): Promise<number> {
  const server = createServer({ keepAliveTimeout: 65_000 }, handler);
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve((server.address() as AddressInfo).port)));
}

/** The baseline: read the body, answer a small JSON, nothing else. */
function bare(): Promise<number> {
  const body = '{"valid":true}';
  return listen((req, res) => {
    req.resume();
    req.on('end', () => {
      res.writeHead(200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) });
      res.end(body);
    });
  });
}

function call(port: number, method: string, path: string, headers: Record<string, string>, body: string): Promise<{ status: number; text: string }> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, method, path, headers }, (res) => {
      let text = '';
      res.on('data', (chunk: Buffer) => (text += chunk.toString()));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, text }));
    });
    req.on('error', reject);
    req.end(body);
  });
}

async function service(kind: string, redisUrl: string | undefined): Promise<Record<string, unknown>> {
  const env = {
    STS_ADMIN_TOKEN: ADMIN_TOKEN,
    STS_VERIFY_TOKEN: BENCH_VERIFY_TOKEN,
    STS_MASTER_KEY: randomBytes(32).toString('base64'),
    LOG_LEVEL: 'info',
    ...(kind === 'redis-tracked' && redisUrl !== undefined ? { REDIS_URL: redisUrl, STS_KEY_PREFIX: `bench${process.pid}` } : {}),
  };
  const config = loadConfig(env);
  const options = { redis: config.redis, prefix: config.keyPrefix, clock: systemClock };
  const deps: Deps = {
    config,
    clock: systemClock,
    logger: createLogger(config.logLevel),
    keys: deriveKeyRing(config.masterKey),
    metrics: createMetrics(),
    store: kind === 'memory' ? new MemoryStore({ clock: systemClock }) : createStore(options),
    signIns: new SignInThrottle({ limit: config.signInFailureLimit, prefix: config.keyPrefix, clock: systemClock }),
    verifiers: new VerifierPool(),
  };
  const port = await listen(createRequestHandler(deps));
  const admin = { authorization: `Bearer ${ADMIN_TOKEN}`, 'content-type': 'application/json' };
  const user = JSON.stringify({ name: 'bench', secretKey: 'Bench-Secret-123', policy: 'home' });
  const policy = JSON.stringify({
    Version: '2012-10-17',
    Statement: [
      { Sid: 'Home', Effect: 'Allow', Action: ['s3:GetObject', 's3:PutObject'], Resource: 'arn:aws:s3:::data/home/${aws:username}/*' },
      { Sid: 'Office', Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::shared/*', Condition: { IpAddress: { 'aws:SourceIp': '10.0.0.0/8' } } },
      { Sid: 'NoSecrets', Effect: 'Deny', Action: 's3:*', Resource: 'arn:aws:s3:::data/home/*/secret/*' },
    ],
  });
  await call(port, 'PUT', '/admin/v1/policies/home', admin, policy);
  await call(port, 'POST', '/admin/v1/users', admin, user);
  const form = 'Action=AssumeRole&Version=2011-06-15&RoleArn=arn%3Aaws%3Aiam%3A%3A000000000000%3Arole%2Fbench&RoleSessionName=bench&Policy=' +
    encodeURIComponent(JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 's3:*', Resource: 'arn:aws:s3:::data/*' }] }));
  const signed = signRequest(
    { method: 'POST', path: '/', query: '', headers: { host: `127.0.0.1:${port}`, 'content-type': 'application/x-www-form-urlencoded' }, body: form },
    { accessKeyId: 'bench', secretAccessKey: 'Bench-Secret-123' },
    { region: 'us-east-1', service: 'sts', now: Date.now() },
  );
  const assumed = await call(port, 'POST', '/', signed.headers, form);
  const accessKeyId = /<AccessKeyId>([^<]+)</.exec(assumed.text)?.[1];
  const sessionToken = /<SessionToken>([^<]+)</.exec(assumed.text)?.[1];
  if (accessKeyId === undefined || sessionToken === undefined) throw new Error(`AssumeRole failed: ${assumed.status} ${assumed.text.slice(0, 300)}`);
  return { port, accessKeyId, sessionToken, verifyToken: BENCH_VERIFY_TOKEN };
}

async function main(): Promise<void> {
  const [role, kind, redisUrl] = process.argv.slice(2);
  const ready = role === 'bare' ? { port: await bare() } : await service(kind ?? 'memory', redisUrl);
  process.stdout.write(`READY ${JSON.stringify(ready)}\n`);
}

// A clean exit on a signal, so `--cpu-prof` runs still write their profile.
for (const signal of ['SIGTERM', 'SIGINT'] as const) process.on(signal, () => process.exit(0));

main().catch((err: unknown) => {
  process.stderr.write(`${err instanceof Error ? err.stack : String(err)}\n`);
  process.exit(1);
});
