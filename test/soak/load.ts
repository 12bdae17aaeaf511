import type { SigningCredentials } from '../../src/sigv4/index.js';
import { assumeRole, jsonCall } from './client.js';
import type { Instance } from './instances.js';
import { checksFor, judgeAssumeRole, judgeAuthorize, judgeVerify, ROLE_ARN, type Judged, type Session } from './oracle.js';

/**
 * Paced, bounded load: `rate` calls a second, at most `concurrency` in flight, a mix of
 * AssumeRole (20%), /v1/verify (40%) and /v1/authorize (40%). Sessions are mostly checked on
 * the instance that did not issue them. A few sessions issued first ("veterans") stay in use to
 * the end, so sessions acknowledged before each outage are checked after it.
 */
export type Endpoint = 'AssumeRole' | 'verify' | 'authorize';
export const ENDPOINTS: readonly Endpoint[] = ['AssumeRole', 'verify', 'authorize'];

export interface Outcome extends Judged {
  readonly endpoint: Endpoint;
  readonly instance: number;
  /** ms since the soak began. */
  readonly start: number;
  readonly end: number;
  readonly status: number;
  readonly session?: Session;
}

export interface LoadOptions {
  readonly instances: readonly Instance[];
  readonly users: readonly SigningCredentials[];
  readonly verifyToken: string;
  readonly rate: number;
  readonly concurrency: number;
  readonly t0: number;
}

const POOL_SIZE = 200;
const VETERANS = 8;
const TICK_MS = 10;

export class Load {
  readonly outcomes: Outcome[] = [];
  /** Calls not started because `concurrency` were already in flight. */
  skipped = 0;
  private readonly veterans: Session[] = [];
  private readonly pool: Session[] = [];
  private readonly inFlight = new Set<Promise<void>>();
  private timer: NodeJS.Timeout | undefined;
  private credit = 0;
  private names = 0;

  constructor(private readonly options: LoadOptions) {}

  start(): void {
    this.timer = setInterval(() => this.tick(), TICK_MS);
  }

  async stop(): Promise<void> {
    clearInterval(this.timer);
    await Promise.all(this.inFlight);
  }

  /** Every session still in use, checked once on every instance: after recovery all must verify. */
  async sweep(): Promise<void> {
    const { instances, verifyToken } = this.options;
    for (const session of [...this.veterans, ...this.pool]) {
      await Promise.all(instances.map(async (instance, index) => {
        const start = this.now();
        const credential = { accessKeyId: session.creds.accessKeyId, sessionToken: session.creds.sessionToken };
        const answer = await jsonCall(`${instance.url}/v1/verify`, verifyToken, 'POST', credential);
        this.record({ endpoint: 'verify', instance: index, start, end: this.now(), status: answer.status, session, ...judgeVerify(answer, session) });
      }));
    }
  }

  /** Sessions in use now. */
  sessions(): number {
    return this.veterans.length + this.pool.length;
  }

  private now(): number {
    return Date.now() - this.options.t0;
  }

  private tick(): void {
    this.credit += (this.options.rate * TICK_MS) / 1000;
    while (this.credit >= 1) {
      this.credit -= 1;
      if (this.inFlight.size >= this.options.concurrency) {
        this.skipped += 1;
        continue;
      }
      const call = this.oneCall().finally(() => this.inFlight.delete(call));
      this.inFlight.add(call);
    }
  }

  private async oneCall(): Promise<void> {
    const roll = Math.random();
    const session = this.pickSession();
    if (session === undefined || roll < 0.2) return this.assume();
    const { instances } = this.options;
    const instance = Math.random() < 0.75 ? (session.issuedOn + 1) % instances.length : session.issuedOn;
    const url = instances[instance]?.url as string;
    const credential = { accessKeyId: session.creds.accessKeyId, sessionToken: session.creds.sessionToken };
    const start = this.now();
    if (roll < 0.6) {
      const answer = await jsonCall(`${url}/v1/verify`, this.options.verifyToken, 'POST', credential);
      this.record({ endpoint: 'verify', instance, start, end: this.now(), status: answer.status, session, ...judgeVerify(answer, session) });
      return;
    }
    const checks = checksFor(session.user, this.otherUser(session.user));
    const body = { ...credential, checks: checks.map(([action, resource]) => ({ action, resource })) };
    const answer = await jsonCall(`${url}/v1/authorize`, this.options.verifyToken, 'POST', body);
    this.record({ endpoint: 'authorize', instance, start, end: this.now(), status: answer.status, session, ...judgeAuthorize(answer, session, checks) });
  }

  private async assume(): Promise<void> {
    const { instances, users } = this.options;
    const instance = Math.floor(Math.random() * instances.length);
    const user = users[Math.floor(Math.random() * users.length)] as SigningCredentials;
    const sessionName = `soak-${(this.names += 1)}`;
    const start = this.now();
    const answer = await assumeRole(instances[instance]?.url as string, user, ROLE_ARN, sessionName);
    const end = this.now();
    const judged = judgeAssumeRole(answer, sessionName);
    this.outcomes.push({ endpoint: 'AssumeRole', instance, start, end, status: answer.status, verdict: judged.verdict, ...(judged.detail ? { detail: judged.detail } : {}) });
    if (judged.creds === undefined) return;
    const session: Session = { creds: judged.creds, user: user.accessKeyId, sessionName, issuedOn: instance, ackAt: end };
    if (this.veterans.length < VETERANS) this.veterans.push(session);
    else this.pool.push(session);
    if (this.pool.length > POOL_SIZE) this.pool.shift();
  }

  private pickSession(): Session | undefined {
    const from = this.pool.length === 0 || Math.random() < 0.25 ? this.veterans : this.pool;
    return from[Math.floor(Math.random() * from.length)];
  }

  private otherUser(user: string): string {
    const names = this.options.users.map((u) => u.accessKeyId);
    return names[(names.indexOf(user) + 1) % names.length] as string;
  }

  /** A refused or wrong session leaves the pool: one such answer is counted, not a flood of them. */
  private record(outcome: Outcome): void {
    this.outcomes.push(outcome);
    if (outcome.session === undefined || (outcome.verdict !== 'refused' && outcome.verdict !== 'wrong')) return;
    for (const list of [this.veterans, this.pool]) {
      const at = list.indexOf(outcome.session);
      if (at >= 0) list.splice(at, 1);
    }
  }
}
