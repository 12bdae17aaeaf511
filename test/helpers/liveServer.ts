import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createRequestHandler } from '../../src/app.js';
import type { Clock } from '../../src/clock.js';
import type { Store } from '../../src/store/types.js';
import type { SignInThrottle } from '../../src/throttle/signInThrottle.js';
import type { VerifierPool } from '../../src/oidc/verifierPool.js';
import { ADMIN_TOKEN, makeTestDeps, type TestDeps } from './testDeps.js';

/** Real time plus an offset tests can move forward, so real clients' signatures still verify. */
export class OffsetClock implements Clock {
  private offset = 0;
  now(): number {
    return Date.now() + this.offset;
  }
  advance(ms: number): void {
    this.offset += ms;
  }
}

export interface LiveServer {
  readonly url: string;
  readonly port: number;
  readonly deps: TestDeps;
  readonly clock: OffsetClock;
  /** TCP connections accepted so far, so keep-alive is observable. */
  connections(): number;
  /** Calls the admin API with the test admin token; returns status and parsed JSON. */
  admin(method: string, path: string, body?: unknown): Promise<{ status: number; body: any }>;
  close(): Promise<void>;
}

/** The full app on 127.0.0.1 and a free port, in this process, with captured logs. */
export async function startLiveServer(
  options: { env?: Record<string, string>; store?: Store; clock?: OffsetClock; signIns?: SignInThrottle; verifiers?: VerifierPool } = {},
): Promise<LiveServer> {
  const clock = options.clock ?? new OffsetClock();
  const deps = makeTestDeps({ ...options, clock });
  const server: Server = createServer(createRequestHandler(deps));
  let connections = 0;
  server.on('connection', () => connections++);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  const url = `http://127.0.0.1:${port}`;
  return {
    url,
    port,
    deps,
    clock,
    connections: () => connections,
    async admin(method, path, body) {
      const res = await fetch(`${url}${path}`, {
        method,
        headers: { Authorization: `Bearer ${ADMIN_TOKEN}`, ...(body === undefined ? {} : { 'Content-Type': 'application/json' }) },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      });
      const text = await res.text();
      return { status: res.status, body: text ? JSON.parse(text) : undefined };
    },
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
