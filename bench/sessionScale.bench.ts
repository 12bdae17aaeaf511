/**
 * Live sessions at scale on a throwaway redis-server: Redis memory per session (INFO memory),
 * the first page of a user holding 100k sessions, and session lookups, AssumeRole calls and
 * `/v1/verify` calls per second through a service instance on that Redis, measured on an empty
 * store and again at full size, in the same run.
 *
 *   node --import tsx bench/sessionScale.bench.ts [sessions]   (default 1,000,000)
 *
 * Sessions are written through the Redis store as AssumeRole writes them (record plus the
 * user's index entry), with no session policy.
 */
import { Redis } from 'ioredis';
import { randomBytes } from 'node:crypto';
import { Agent, request } from 'node:http';
import { systemClock } from '../src/clock.js';
import { startServer } from '../src/server.js';
import { signRequest } from '../src/sigv4/index.js';
import { createStore, type SessionRecord, type Store } from '../src/store/index.js';
import { startBenchRedis } from './support/redis.js';

const TOTAL = Number(process.argv[2] ?? 1_000_000);
const HEAVY_USER_SESSIONS = Math.min(100_000, Math.floor(TOTAL / 2));
const OTHER_USERS = 1000;
const BATCH = 2000;

function session(i: number, user: string, now: number): SessionRecord {
  return {
    accessKeyId: `ASIA${i.toString(36).toUpperCase().padStart(16, '0')}`,
    user,
    userId: `AIDA${user.toUpperCase().padEnd(17, 'X').slice(0, 17)}`,
    sessionName: `job-${i}`,
    roleArn: 'arn:aws:iam::000000000000:role/app',
    sessionPolicies: [],
    issuedAt: now,
    expiresAt: now + 3_600_000 + (i % 1000),
    keyId: 'hGAE5IRn8NyvHTs_',
  };
}

async function usedMemory(redis: Redis): Promise<number> {
  const info = await redis.info('memory');
  return Number(/used_memory:(\d+)/.exec(info)?.[1] ?? NaN);
}

/** Lookups of random existing sessions per second, 20k of them, 200 in flight. */
async function lookupRate(store: Store, ids: readonly string[]): Promise<number> {
  const count = 20_000;
  const started = process.hrtime.bigint();
  for (let done = 0; done < count; done += 200) {
    await Promise.all(Array.from({ length: 200 }, (_, i) => store.getSession(ids[(done + i) * 7919 % ids.length] as string)));
  }
  return count / (Number(process.hrtime.bigint() - started) / 1e9);
}

const ADMIN = 'scale-admin-token-0123456789';
const VERIFY = 'scale-verify-token-0123456789';
const SECRET = 'Scale-Secret-Key-1';

function post(agent: Agent, url: string, path: string, headers: Record<string, string>, body: string): Promise<{ status: number; text: string }> {
  return new Promise((resolve, reject) => {
    const target = new URL(path, url);
    const req = request({ host: target.hostname, port: target.port, path: target.pathname, method: 'POST', headers, agent }, (res) => {
      let text = '';
      res.on('data', (chunk: Buffer) => (text += chunk.toString()));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, text }));
    });
    req.on('error', reject);
    req.end(body);
  });
}

/** Calls per second of `call`, `count` calls with 20 in flight; every call must answer 200. */
async function rate(count: number, call: () => Promise<{ status: number; text: string }>): Promise<number> {
  const started = process.hrtime.bigint();
  for (let done = 0; done < count; done += 20) {
    const answers = await Promise.all(Array.from({ length: 20 }, call));
    const bad = answers.find((answer) => answer.status !== 200);
    if (bad !== undefined) throw new Error(`${bad.status} ${bad.text.slice(0, 200)}`);
  }
  return count / (Number(process.hrtime.bigint() - started) / 1e9);
}

/** AssumeRole and /v1/verify through a service on the same Redis (its own key prefix's users). */
async function serviceRates(url: string): Promise<{ assumeRole: number; verify: number }> {
  const agent = new Agent({ keepAlive: true, maxSockets: 20 });
  const host = new URL(url).host;
  const body = new URLSearchParams({ Action: 'AssumeRole', Version: '2011-06-15', RoleArn: 'arn:aws:iam::000000000000:role/scale', RoleSessionName: 'scale', DurationSeconds: '900' }).toString();
  const signed = signRequest({ method: 'POST', path: '/', query: '', headers: { host, 'content-type': 'application/x-www-form-urlencoded' }, body }, { accessKeyId: 'scaler', secretAccessKey: SECRET }, {
    region: 'us-east-1', service: 'sts', now: Date.now(),
  });
  const issued = await post(agent, url, '/', signed.headers, body);
  const tag = (name: string) => new RegExp(`<${name}>([^<]*)</${name}>`).exec(issued.text)?.[1] ?? '';
  const verifyBody = JSON.stringify({ accessKeyId: tag('AccessKeyId'), sessionToken: tag('SessionToken') });
  const verifyHeaders = { authorization: `Bearer ${VERIFY}`, 'content-type': 'application/json' };
  const assumeRole = await rate(2000, () => post(agent, url, '/', signed.headers, body));
  const verify = await rate(10_000, () => post(agent, url, '/v1/verify', verifyHeaders, verifyBody));
  agent.destroy();
  return { assumeRole, verify };
}

async function main(): Promise<void> {
  const redis = await startBenchRedis();
  const { url, probe } = redis;
  const store = createStore({ redis: { url, sentinels: undefined, clusterNodes: undefined, sentinelName: 'mymaster' }, prefix: 'scale', clock: systemClock });
  const now = Date.now();

  const warm: string[] = [];
  for (let i = 0; i < 1000; i++) {
    const record = session(TOTAL + i, 'warm', now);
    await store.putSession(record);
    warm.push(record.accessKeyId);
  }
  const emptyRate = await lookupRate(store, warm);
  const service = await startServer({
    PORT: '0', HOST: '127.0.0.1', REDIS_URL: url, STS_KEY_PREFIX: 'scale', STS_ADMIN_TOKEN: ADMIN, STS_VERIFY_TOKEN: VERIFY,
    STS_MASTER_KEY: randomBytes(32).toString('base64'), STS_RATE_LIMIT: '0', LOG_LEVEL: 'warn',
  });
  const created = await fetch(`${service.url}/admin/v1/users`, {
    method: 'POST',
    headers: { authorization: `Bearer ${ADMIN}`, 'content-type': 'application/json' },
    body: JSON.stringify({ name: 'scaler', secretKey: SECRET, policy: 'readonly' }),
  });
  if (created.status !== 201) throw new Error(`creating the user: ${created.status}`);
  const emptyService = await serviceRates(service.url);
  const before = await usedMemory(probe);

  const ids: string[] = [];
  const writeStarted = Date.now();
  for (let start = 0; start < TOTAL; start += BATCH) {
    const batch: SessionRecord[] = [];
    for (let i = start; i < Math.min(TOTAL, start + BATCH); i++) {
      batch.push(session(i, i < HEAVY_USER_SESSIONS ? 'heavy' : `user${i % OTHER_USERS}`, now));
    }
    await Promise.all(batch.map((record) => store.putSession(record)));
    if (start % 100_000 === 0) ids.push(...batch.slice(0, 50).map((record) => record.accessKeyId));
  }
  const writeSeconds = (Date.now() - writeStarted) / 1000;
  const after = await usedMemory(probe);
  const fullRate = await lookupRate(store, ids);
  const fullService = await serviceRates(service.url);
  await service.close();

  const pageTimes: number[] = [];
  let cursor: string | undefined;
  for (let i = 0; i < 21; i++) {
    const started = process.hrtime.bigint();
    const page = await store.listSessions('heavy', { limit: 100, ...(i % 2 === 1 && cursor !== undefined ? { cursor } : {}) });
    pageTimes.push(Number(process.hrtime.bigint() - started) / 1e6);
    cursor = page.next;
  }
  pageTimes.sort((a, b) => a - b);

  const perSession = (after - before) / TOTAL;
  console.log(`sessions written            ${TOTAL.toLocaleString('en-US')} in ${writeSeconds.toFixed(1)} s (${Math.round(TOTAL / writeSeconds).toLocaleString('en-US')}/s)`);
  console.log(`redis memory per session    ${Math.round(perSession)} B (target <= 400 B: x${(400 / perSession).toFixed(2)})`);
  console.log(`page of 100 from ${HEAVY_USER_SESSIONS.toLocaleString('en-US')}       median ${(pageTimes[10] as number).toFixed(2)} ms, max ${(pageTimes[20] as number).toFixed(2)} ms (target first page <= 50 ms)`);
  console.log(`session lookups/s           empty ${Math.round(emptyRate).toLocaleString('en-US')}, full ${Math.round(fullRate).toLocaleString('en-US')} (x${(fullRate / emptyRate).toFixed(2)})`);
  console.log(`AssumeRole/s (service)      empty ${Math.round(emptyService.assumeRole).toLocaleString('en-US')}, full ${Math.round(fullService.assumeRole).toLocaleString('en-US')} (x${(fullService.assumeRole / emptyService.assumeRole).toFixed(2)})`);
  console.log(`/v1/verify/s (service)      empty ${Math.round(emptyService.verify).toLocaleString('en-US')}, full ${Math.round(fullService.verify).toLocaleString('en-US')} (x${(fullService.verify / emptyService.verify).toFixed(2)})`);
  await store.close();
  redis.stop();
}

main().catch((err: unknown) => {
  console.error(err);
  process.exitCode = 1;
});
