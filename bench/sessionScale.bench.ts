/**
 * Live sessions at scale on a throwaway redis-server: Redis memory per session (INFO memory),
 * the first page of a user holding 100k sessions, and session lookups per second measured on
 * an empty store and again at full size, in the same run.
 *
 *   node --import tsx bench/sessionScale.bench.ts [sessions]   (default 1,000,000)
 *
 * Sessions are written through the Redis store as AssumeRole writes them (record plus the
 * user's index entry), with no session policy.
 */
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Redis } from 'ioredis';
import { systemClock } from '../src/clock.js';
import { createStore, type SessionRecord, type Store } from '../src/store/index.js';
import { freePort } from './support/processes.js';

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

async function main(): Promise<void> {
  if (spawnSync('redis-server', ['--version']).status !== 0) throw new Error('redis-server not on PATH');
  const port = await freePort();
  const dir = mkdtempSync(join(tmpdir(), 's3-sts-scale-'));
  const server = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--dir', dir], { stdio: 'ignore' });
  const stop = () => {
    server.kill('SIGKILL');
    rmSync(dir, { recursive: true, force: true });
  };
  process.once('exit', stop);
  const url = `redis://127.0.0.1:${port}`;
  let probe: Redis | undefined;
  for (let tries = 0; probe === undefined; tries++) {
    const client = new Redis(url, { lazyConnect: true, retryStrategy: () => null, maxRetriesPerRequest: 1 });
    client.on('error', () => undefined);
    try {
      await client.connect();
      probe = client;
    } catch {
      client.disconnect();
      if (tries > 50) throw new Error('redis-server did not start');
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
  const store = createStore({ redis: { url, sentinels: undefined, clusterNodes: undefined, sentinelName: 'mymaster' }, prefix: 'scale', clock: systemClock });
  const now = Date.now();

  const warm: string[] = [];
  for (let i = 0; i < 1000; i++) {
    const record = session(TOTAL + i, 'warm', now);
    await store.putSession(record);
    warm.push(record.accessKeyId);
  }
  const emptyRate = await lookupRate(store, warm);
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
  await store.close();
  probe.disconnect();
  stop();
}

main().catch((err: unknown) => {
  console.error(err);
  process.exitCode = 1;
});
