/**
 * `npm run soak`: two s3-sts processes sharing a Sentinel-managed Redis on loopback, under a
 * steady mix of AssumeRole, /v1/verify and /v1/authorize, through a Redis restart and a Sentinel
 * failover. Prints the outage windows, the answers per endpoint and status inside and outside
 * them, the recovery times and each instance's RSS; exits 1 on any wrong answer, a 503 outside
 * a window, a recovery slower than 5 s or RSS growth past the allowance.
 *
 *   SOAK_SECONDS (default 150, 40..170), SOAK_RATE (calls a second, default 150),
 *   SOAK_CONCURRENCY (calls in flight at most, default 16), SOAK_RESTART_DOWN_MS (how long the
 *   restarted Redis stays down, default 1000; Sentinel's down-after is 3000).
 */
import { closeConnections } from './client.js';
import { newSecrets, startInstance, type Instance } from './instances.js';
import { Load } from './load.js';
import { judgeRun, RECOVERY_ALLOWANCE_MS, type OutageWindow, type RssSeries } from './report.js';
import { setUpUsers } from './setup.js';
import { command, SENTINEL_NAME, startSoakRedis, type SoakRedis } from './topology.js';

function whole(name: string, fallback: number, min: number, max: number): number {
  const text = process.env[name];
  if (text === undefined || text === '') return fallback;
  const value = Number(text);
  if (!Number.isInteger(value) || value < min || value > max) throw new Error(`${name} must be a whole number in ${min}..${max}, got "${text}"`);
  return value;
}

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, Math.max(0, ms)));

async function main(): Promise<number> {
  const seconds = whole('SOAK_SECONDS', 150, 40, 170);
  const rate = whole('SOAK_RATE', 150, 1, 5_000);
  const concurrency = whole('SOAK_CONCURRENCY', 16, 1, 256);
  const restartDownMs = whole('SOAK_RESTART_DOWN_MS', 1_000, 0, 2_500);
  const secrets = newSecrets();
  let redis: SoakRedis | undefined;
  const instances: Instance[] = [];
  try {
    redis = await startSoakRedis();
    for (const name of ['A', 'B']) instances.push(await startInstance(name, redis.sentinelPort, SENTINEL_NAME, secrets));
    const users = await setUpUsers(instances, secrets.adminToken);
    // Users must survive the failover: make sure the replica has them before anything is killed.
    await command((await redis.master()) as number, 'WAIT', '1', '2000');
    console.log(`soak: ${seconds} s, ${rate} calls/s, at most ${concurrency} in flight; instances ${instances.map((i) => `${i.name} pid ${i.pid}`).join(', ')}; ${users.length} users`);

    const t0 = Date.now();
    const at = (): number => Date.now() - t0;
    const log = (text: string): void => console.log(`[${(at() / 1000).toFixed(1).padStart(6)} s] ${text}`);
    const load = new Load({ instances, users, verifyToken: secrets.verifyToken, rate, concurrency, t0 });
    const rss = instances.map((i) => ({ instance: i.name, samples: [] as Sample[] }));
    const sampler = setInterval(() => void sampleRss(instances, rss, at()), 1_000);
    load.start();

    const warmupEnd = seconds * 100;
    await sleep(warmupEnd - at());
    log('warm-up over; RSS baseline from here');
    const windows: OutageWindow[] = [];
    await sleep(seconds * 270 - at());
    const master = redis.master.bind(redis);
    log(`Redis restart: SIGKILL the primary (:${await master()}), down ${restartDownMs} ms, started again on its AOF`);
    const restartStart = at();
    await redis.restartMaster(restartDownMs);
    windows.push({ name: 'Redis restart', start: restartStart, back: at(), end: at() + RECOVERY_ALLOWANCE_MS });
    log(`Redis restart: primary serving again (Sentinel names :${await master()})`);

    await sleep(seconds * 500 - at());
    log(`failover: SIGKILL the primary (:${await master()}) for good, waiting for Sentinel to promote the replica`);
    const failoverStart = at();
    const { promotedAt } = await redis.failover();
    windows.push({ name: 'failover', start: failoverStart, back: promotedAt - t0, end: promotedAt - t0 + RECOVERY_ALLOWANCE_MS });
    log(`failover: Sentinel promoted :${await master()} at ${((promotedAt - t0) / 1000).toFixed(1)} s; the old primary rejoins as its replica`);
    await redis.replicated();
    log('failover: the replica is in sync again');

    await sleep(seconds * 1000 - at());
    await load.stop();
    clearInterval(sampler);
    log(`load stopped after ${load.outcomes.length} calls; sweeping the ${load.sessions()} sessions in use on both instances`);
    await load.sweep();
    log(`sweep done (${load.outcomes.length} calls in all)`);

    const verdicts = judgeRun({ outcomes: load.outcomes, windows, instances: instances.map((i) => i.name), rss, warmupEnd, seconds, skipped: load.skipped });
    for (const instance of instances) {
      const exited = instance.exited();
      if (exited !== undefined) verdicts.violations.push(exited);
    }
    console.log('');
    for (const line of verdicts.lines) console.log(line);
    console.log('');
    console.log(verdicts.summary);
    if (verdicts.violations.length === 0) {
      console.log('soak: PASS');
      return 0;
    }
    console.log(`soak: FAIL\n  ${verdicts.violations.join('\n  ')}`);
    return 1;
  } finally {
    closeConnections();
    for (const instance of instances) await instance.stop();
    await redis?.stop();
  }
}

type Sample = RssSeries['samples'][number];

async function sampleRss(instances: readonly Instance[], series: ReadonlyArray<{ samples: Sample[] }>, at: number): Promise<void> {
  await Promise.all(instances.map(async (instance, index) => {
    const bytes = await instance.rss();
    if (bytes !== undefined) series[index]?.samples.push({ at, bytes });
  }));
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    console.error(`soak: ${err instanceof Error ? err.message : String(err)}`);
    process.exit(2);
  },
);
