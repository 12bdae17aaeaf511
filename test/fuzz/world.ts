/**
 * The service under fuzz: the real app on 127.0.0.1, a user with a policy, one without, two
 * sessions, and a keep-alive client that sends exactly the bytes a case describes.
 */
import { Agent, request } from 'node:http';
import { signRequest, type SigningCredentials } from '../../src/sigv4/index.js';
import { startLiveServer, type LiveServer } from '../helpers/liveServer.js';
import { assumeRole, createUser, policyDoc, putPolicy, type Credentials } from '../sidecar/support/world.js';
import { encodeComponent } from './rng.js';

export type Protocol = 'sts' | 'admin' | 'sidecar';

/** One HTTP request as the fuzzer sends it; `target` is the raw path and query. */
export interface FuzzRequest {
  readonly protocol: Protocol;
  readonly method: string;
  readonly target: string;
  readonly headers: Record<string, string | string[]>;
  readonly body?: string | Buffer;
}

export interface FuzzResponse {
  readonly status: number;
  readonly headers: Record<string, string | string[] | undefined>;
  readonly body: string;
  readonly ms: number;
}

export interface FuzzWorld {
  readonly server: LiveServer;
  readonly host: string;
  readonly region: string;
  readonly accountId: string;
  readonly user: Credentials;
  readonly bareUser: Credentials;
  readonly session: Required<Credentials>;
  readonly chained: Required<Credentials>;
  /** Secrets and full tokens that must never appear in a response or a log line. */
  readonly secrets: readonly string[];
  readonly tokens: readonly string[];
  /** Credentials issued during the campaign: they must never reach a log line. */
  readonly issued: { readonly tokens: Set<string>; readonly secrets: Set<string> };
  readonly agent: Agent;
}

export async function startFuzzWorld(concurrency: number): Promise<FuzzWorld> {
  // No per-key rate limit or sign-in lock-out: they would turn most signed inputs into Throttling.
  const server = await startLiveServer({ env: { STS_RATE_LIMIT: '0', STS_SIGNIN_FAILURE_LIMIT: '0', LOG_LEVEL: 'debug' } });
  // A policy of its own, which the policy parser never overwrites (it writes fuzz-0 to fuzz-3).
  await putPolicy(server, 'fuzz-user-policy', policyDoc({ action: 's3:*', resource: 'arn:aws:s3:::*' }));
  const user = await createUser(server, 'fuzz.user', 'Fuzz-Secret-Key-9xQ', { policy: 'fuzz-user-policy' });
  const bareUser = await createUser(server, 'fuzz.bare', 'Bare-Secret-Key-7zW');
  const session = (await assumeRole(server, user, { sessionName: 'fuzz-session' })) as Required<Credentials>;
  const chained = (await assumeRole(server, session, { sessionName: 'fuzz-chained', durationSeconds: 900 })) as Required<Credentials>;
  return {
    server,
    host: `127.0.0.1:${server.port}`,
    region: server.deps.config.region === '*' ? 'us-east-1' : server.deps.config.region,
    accountId: server.deps.config.accountId,
    user,
    bareUser,
    session,
    chained,
    secrets: [user.secretAccessKey, bareUser.secretAccessKey, session.secretAccessKey, chained.secretAccessKey],
    tokens: [session.sessionToken, chained.sessionToken],
    issued: { tokens: new Set(), secrets: new Set() },
    agent: new Agent({ keepAlive: true, maxSockets: concurrency, maxFreeSockets: concurrency }),
  };
}

export async function stopFuzzWorld(world: FuzzWorld): Promise<void> {
  world.agent.destroy();
  await world.server.close();
}

/** Signs an STS request (header form, or presigned with `expires`) for the world's host. */
export function signSts(
  world: FuzzWorld,
  creds: SigningCredentials,
  req: { method: string; path: string; query: string; headers: Record<string, string>; body?: string },
  presignExpires?: number,
) {
  return signRequest({ ...req, headers: { host: world.host, ...req.headers } }, creds, {
    region: world.region,
    service: 'sts',
    now: world.server.clock.now(),
    ...(presignExpires === undefined ? {} : { presign: { expiresSeconds: presignExpires } }),
  });
}

const TOKEN_CHAR = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;
const HEADER_VALUE_BAD = /[^\t\x20-\x7e\x80-\xff]/g;

/** Node's client refuses some bytes outright; send what a client could: UTF-8 as bytes, no controls. */
function wireValue(value: string): string {
  const latin1 = /[^\x00-\xff]/.test(value) ? Buffer.from(value, 'utf8').toString('latin1') : value;
  return latin1.replace(HEADER_VALUE_BAD, '');
}

function wireTarget(target: string): string {
  return target.replace(/[^\x21-\x7e]+/g, encodeComponent);
}

function wireHeaders(headers: FuzzRequest['headers']): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (!TOKEN_CHAR.test(name)) continue;
    out[name] = Array.isArray(value) ? value.map(wireValue) : wireValue(value);
  }
  return out;
}

function once(world: FuzzWorld, req: FuzzRequest, agent: Agent | false): Promise<FuzzResponse> {
  const started = performance.now();
  const body = req.body === undefined ? undefined : Buffer.isBuffer(req.body) ? req.body : Buffer.from(req.body, 'utf8');
  const headers = wireHeaders(req.headers);
  if (body !== undefined) headers['content-length'] = String(body.length);
  return new Promise((resolve, reject) => {
    const outgoing = request(
      { host: '127.0.0.1', port: world.server.port, method: TOKEN_CHAR.test(req.method) ? req.method : 'GET', path: wireTarget(req.target), headers, agent },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8'), ms: performance.now() - started }));
        res.on('error', reject);
      },
    );
    outgoing.on('error', reject);
    outgoing.end(body);
  });
}

/**
 * Sends a case on a kept-alive connection. A reused socket the server closed after a previous
 * answer (a 413 closes) fails without reaching it, so a transport error is retried once on a fresh
 * connection before it counts: only a request that never gets an answer is a finding.
 */
export async function send(world: FuzzWorld, req: FuzzRequest): Promise<FuzzResponse | { transportError: string }> {
  try {
    return await once(world, req, world.agent);
  } catch {
    try {
      return await once(world, req, false);
    } catch (err) {
      return { transportError: (err as NodeJS.ErrnoException).code ?? String(err) };
    }
  }
}
