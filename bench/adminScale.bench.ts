/**
 * Users and policies at scale on a throwaway redis-server: 102,400 users and 102,400 custom
 * policies written through the Redis store, then listed page by page (1,000 per page, the
 * largest page) as `GET /admin/v1/users` and `/admin/v1/policies` page them. Prints the first
 * page's time and the whole listing's, and checks every name came back exactly once.
 *
 *   node --import tsx bench/adminScale.bench.ts [users] [policies]   (defaults: 100x Weka's 1,024 each)
 */
import { systemClock } from '../src/clock.js';
import { createStore, type Page, type Store } from '../src/store/index.js';
import { startBenchRedis } from './support/redis.js';

const USERS = Number(process.argv[2] ?? 102_400);
const POLICIES = Number(process.argv[3] ?? 102_400);
const BATCH = 1000;
const DOCUMENT = JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::team/*' }] });

async function fill(count: number, write: (i: number) => Promise<unknown>): Promise<number> {
  const started = Date.now();
  for (let start = 0; start < count; start += BATCH) {
    await Promise.all(Array.from({ length: Math.min(BATCH, count - start) }, (_, i) => write(start + i)));
  }
  return (Date.now() - started) / 1000;
}

/** Pages through a listing; the first page's time, the whole listing's, and the names seen. */
async function listAll<T extends { name: string }>(list: (cursor: string | undefined) => Promise<Page<T>>): Promise<{ firstMs: number; totalMs: number; names: Set<string>; pages: number }> {
  const names = new Set<string>();
  const started = process.hrtime.bigint();
  let firstMs = 0;
  let pages = 0;
  let cursor: string | undefined;
  do {
    const page = await list(cursor);
    if (pages === 0) firstMs = Number(process.hrtime.bigint() - started) / 1e6;
    pages++;
    for (const item of page.items) {
      if (names.has(item.name)) throw new Error(`${item.name} listed twice`);
      names.add(item.name);
    }
    cursor = page.next;
  } while (cursor !== undefined);
  return { firstMs, totalMs: Number(process.hrtime.bigint() - started) / 1e6, names, pages };
}

async function main(): Promise<void> {
  const redis = await startBenchRedis();
  const store: Store = createStore({ redis: { url: redis.url, sentinels: undefined, clusterNodes: undefined, sentinelName: 'mymaster' }, prefix: 'adminscale', clock: systemClock });
  const createdAt = new Date().toISOString();
  const policyName = (i: number) => `policy-${String(i).padStart(6, '0')}`;
  const policySeconds = await fill(POLICIES, (i) => store.putPolicy({ name: policyName(i), document: DOCUMENT, createdAt, updatedAt: createdAt }));
  const userSeconds = await fill(USERS, (i) =>
    store.createUser({
      name: `user-${String(i).padStart(7, '0')}`,
      id: `AIDA${String(i).padStart(17, '0')}`,
      sealedSecret: 'v2.bench.AAAAAAAAAAAAAAAA.AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA.AAAAAAAAAAAAAAAAAAAAAA',
      policy: policyName(i % POLICIES),
      createdAt,
    }));
  const users = await listAll((cursor) => store.listUsers({ limit: 1000, ...(cursor === undefined ? {} : { cursor }) }));
  const policies = await listAll((cursor) => store.listPolicies({ limit: 1000, ...(cursor === undefined ? {} : { cursor }) }));
  const customPolicies = [...policies.names].filter((name) => name.startsWith('policy-')).length;
  console.log(`written                     ${USERS.toLocaleString('en-US')} users in ${userSeconds.toFixed(1)} s, ${POLICIES.toLocaleString('en-US')} policies in ${policySeconds.toFixed(1)} s`);
  console.log(`users listed                ${users.names.size.toLocaleString('en-US')} in ${users.pages} pages: first page ${users.firstMs.toFixed(1)} ms, all ${(users.totalMs / 1000).toFixed(2)} s`);
  console.log(`policies listed             ${customPolicies.toLocaleString('en-US')} custom in ${policies.pages} pages: first page ${policies.firstMs.toFixed(1)} ms, all ${(policies.totalMs / 1000).toFixed(2)} s`);
  console.log(`against Weka's limits       users x${(USERS / 1024).toFixed(0)}, policies x${(POLICIES / 1024).toFixed(1)} (1,024 each)`);
  if (users.names.size !== USERS || customPolicies !== POLICIES) {
    process.exitCode = 1;
    console.log('!! a listing missed entries');
  }
  await store.close();
  redis.stop();
}

main().catch((err: unknown) => {
  console.error(err);
  process.exitCode = 1;
});
