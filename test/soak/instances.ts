import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { freePort, terminate } from '../helpers/redisServer.js';

/**
 * s3-sts instances as separate processes (`node --import tsx src/server.ts`), built from the
 * environment exactly as in production, so each one's resident memory can be read on its own.
 */
export interface Instance {
  readonly name: string;
  readonly url: string;
  readonly pid: number;
  /** Resident set size in bytes (VmRSS), or undefined once the process is gone. */
  rss(): Promise<number | undefined>;
  /** Whether the process exited (it never should during the soak). */
  exited(): string | undefined;
  stop(): Promise<void>;
}

export interface Secrets {
  readonly adminToken: string;
  readonly verifyToken: string;
  readonly masterKey: string;
}

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const READY_TIMEOUT_MS = 20_000;

export function newSecrets(): Secrets {
  return { adminToken: randomBytes(24).toString('hex'), verifyToken: randomBytes(24).toString('hex'), masterKey: randomBytes(32).toString('base64') };
}

export async function startInstance(name: string, sentinelPort: number, sentinelName: string, secrets: Secrets): Promise<Instance> {
  const port = await freePort();
  const env = {
    ...process.env,
    PORT: String(port),
    HOST: '127.0.0.1',
    REDIS_URL: '',
    REDIS_SENTINELS: `127.0.0.1:${sentinelPort}`,
    REDIS_SENTINEL_NAME: sentinelName,
    STS_ADMIN_TOKEN: secrets.adminToken,
    STS_VERIFY_TOKEN: secrets.verifyToken,
    STS_MASTER_KEY: secrets.masterKey,
    STS_RATE_LIMIT: '0',
    LOG_LEVEL: 'warn',
  };
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/server.ts'], { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
  process.once('exit', () => child.kill('SIGKILL'));
  const stderr: string[] = [];
  const keep = (chunk: Buffer): void => {
    stderr.push(chunk.toString('utf8'));
    if (stderr.length > 50) stderr.shift();
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  const url = `http://127.0.0.1:${port}`;
  await waitReady(name, url, child, stderr);
  const pid = child.pid as number;
  return {
    name,
    url,
    pid,
    rss: () => rssOf(pid),
    exited: () => (child.exitCode !== null || child.signalCode !== null ? `${name} exited (${child.exitCode ?? child.signalCode}): ${stderr.join('').slice(-400)}` : undefined),
    stop: () => terminate(child, 'SIGTERM'),
  };
}

async function waitReady(name: string, url: string, child: ChildProcess, output: readonly string[]): Promise<void> {
  const deadline = Date.now() + READY_TIMEOUT_MS;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`${name} exited with code ${child.exitCode}: ${output.join('').slice(-400)}`);
    const status = await fetch(`${url}/readyz`).then((res) => res.status, () => 0);
    if (status === 200) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  child.kill('SIGKILL');
  throw new Error(`${name} was not ready within ${READY_TIMEOUT_MS} ms: ${output.join('').slice(-400)}`);
}

async function rssOf(pid: number): Promise<number | undefined> {
  const status = await readFile(`/proc/${pid}/status`, 'utf8').catch(() => undefined);
  const kb = status === undefined ? undefined : /^VmRSS:\s+(\d+) kB/m.exec(status)?.[1];
  return kb === undefined ? undefined : Number(kb) * 1024;
}
