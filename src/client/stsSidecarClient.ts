import { Agent as HttpAgent, request as httpRequest, type IncomingMessage } from 'node:http';
import { Agent as HttpsAgent, request as httpsRequest } from 'node:https';
import type {
  AuthorizeRequest, AuthorizeResponse, CredentialRejection, VerifyRequest, VerifyResponse,
} from '../sidecar/apiTypes.js';
import { StsSidecarError } from './errors.js';
import { MicroCache, type MicroCacheOptions } from './microCache.js';

export interface StsSidecarClientOptions {
  /** The service's base URL, e.g. `http://127.0.0.1:8080`. */
  readonly endpoint: string;
  /** `STS_VERIFY_TOKEN`. */
  readonly verifyToken: string;
  /** Deadline of one call, connection included (default 2000 ms). */
  readonly timeoutMs?: number;
  /** Reuse successful answers for at most `ttlMs` (the staleness bound); off by default. */
  readonly microCache?: MicroCacheOptions;
  /** Kept-alive connections per endpoint (default 64). */
  readonly maxSockets?: number;
  /** Clock for the micro-cache (default Date.now). */
  readonly now?: () => number;
}

/** `/v1/verify`: the principal and its policies, or why the credential was refused. */
export type VerifyResult = VerifyResponse | CredentialRejection;
/** `/v1/authorize`: `valid: true` with one result per check, or why the credential was refused. */
export type AuthorizeResultSet = (AuthorizeResponse & { readonly valid: true }) | CredentialRejection;

const RESPONSE_LIMIT = 1024 * 1024;
const DEFAULT_TIMEOUT_MS = 2000;

/**
 * A small client for S3 frontends. A refused credential is a result (`valid: false` with a
 * `reason`); everything else that goes wrong (timeout, network, wrong verify token, bad
 * request, store unavailable) throws StsSidecarError. Connections are kept alive.
 *
 * With `microCache`, successful answers of calls without `request` are reused for up to
 * `ttlMs` (and never past the session's expiration), keyed by access key, token and checks:
 * a revocation or policy change can then take up to `ttlMs` to show here. Refusals and errors
 * are never cached, nor calls with `request` (every signed request is different).
 */
export class StsSidecarClient {
  private readonly base: URL;
  private readonly agent: HttpAgent;
  private readonly authorization: string;
  private readonly timeoutMs: number;
  private readonly cache: MicroCache<VerifyResponse | AuthorizeResponse> | undefined;
  private readonly now: () => number;

  constructor(options: StsSidecarClientOptions) {
    this.base = new URL(options.endpoint);
    if (this.base.protocol !== 'http:' && this.base.protocol !== 'https:') throw new TypeError('endpoint must be an http:// or https:// URL');
    const agentOptions = { keepAlive: true, maxSockets: options.maxSockets ?? 64 };
    this.agent = this.base.protocol === 'https:' ? new HttpsAgent(agentOptions) : new HttpAgent(agentOptions);
    this.authorization = `Bearer ${options.verifyToken}`;
    this.timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    this.cache = options.microCache === undefined ? undefined : new MicroCache(options.microCache);
    this.now = options.now ?? Date.now;
  }

  async verify(input: VerifyRequest): Promise<VerifyResult> {
    const key = input.request === undefined ? `v\0${input.accessKeyId}\0${input.sessionToken ?? ''}` : undefined;
    const hit = this.cached(key) as VerifyResponse | undefined;
    if (hit !== undefined) return hit;
    const result = (await this.call('/v1/verify', input)) as VerifyResult;
    if (result.valid) this.remember(key, result, result.expiration);
    return result;
  }

  async authorize(input: AuthorizeRequest): Promise<AuthorizeResultSet> {
    const key = input.request === undefined ? `a\0${input.accessKeyId}\0${input.sessionToken ?? ''}\0${JSON.stringify(input.checks)}` : undefined;
    const hit = this.cached(key) as AuthorizeResponse | undefined;
    if (hit !== undefined) return { ...hit, valid: true };
    const result = (await this.call('/v1/authorize', input)) as AuthorizeResponse | CredentialRejection;
    if ('valid' in result) return result;
    this.remember(key, result, result.expiration);
    return { ...result, valid: true };
  }

  /** Closes the kept-alive connections; the client cannot be used afterwards. */
  close(): void {
    this.agent.destroy();
    this.cache?.clear();
  }

  private cached(key: string | undefined): VerifyResponse | AuthorizeResponse | undefined {
    return key === undefined ? undefined : this.cache?.get(key, this.now());
  }

  private remember(key: string | undefined, value: VerifyResponse | AuthorizeResponse, expiration: string | null | undefined): void {
    if (key === undefined || this.cache === undefined) return;
    this.cache.set(key, value, this.now(), expiration ? Date.parse(expiration) : undefined);
  }

  /** One POST; retried once when a kept-alive socket turned out to be closed (both calls are read-only). */
  private async call(path: string, body: unknown): Promise<unknown> {
    const payload = JSON.stringify(body);
    try {
      return await this.post(path, payload);
    } catch (err) {
      if (err instanceof StaleSocketError) return this.post(path, payload);
      throw err;
    }
  }

  private post(path: string, payload: string): Promise<unknown> {
    const send = this.base.protocol === 'https:' ? httpsRequest : httpRequest;
    return new Promise((resolve, reject) => {
      const req = send(new URL(path, this.base), {
        method: 'POST',
        agent: this.agent,
        headers: {
          authorization: this.authorization,
          'content-type': 'application/json',
          'content-length': Buffer.byteLength(payload),
        },
      });
      const timer = setTimeout(() => req.destroy(new StsSidecarError('Timeout', `no answer from the STS sidecar within ${this.timeoutMs} ms`)), this.timeoutMs);
      req.on('response', (res) => readAnswer(res).then(resolve, reject).finally(() => clearTimeout(timer)));
      req.on('error', (err: NodeJS.ErrnoException) => {
        clearTimeout(timer);
        if (err instanceof StsSidecarError) reject(err);
        else if (req.reusedSocket && (err.code === 'ECONNRESET' || err.code === 'EPIPE')) reject(new StaleSocketError());
        else reject(new StsSidecarError('NetworkError', `cannot reach the STS sidecar: ${err.message}`, undefined, { cause: err }));
      });
      req.end(payload);
    });
  }
}

class StaleSocketError extends Error {}

/** 200 and credential refusals are answers; everything else is an error with the service's code. */
function readAnswer(res: IncomingMessage): Promise<unknown> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    res.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > RESPONSE_LIMIT) res.destroy(new StsSidecarError('BadResponse', 'the STS sidecar answer is too large'));
      else chunks.push(chunk);
    });
    res.on('error', (err) => reject(err instanceof StsSidecarError ? err : new StsSidecarError('NetworkError', err.message, undefined, { cause: err })));
    res.on('close', () => {
      if (!res.complete) reject(new StsSidecarError('NetworkError', 'the STS sidecar connection closed mid-answer'));
    });
    res.on('end', () => {
      const status = res.statusCode ?? 0;
      const body = parseJson(Buffer.concat(chunks).toString('utf8'));
      if (body === undefined) reject(new StsSidecarError('BadResponse', `the STS sidecar answered ${status} without JSON`, status));
      else if (status === 200 || (status === 401 && body.valid === false)) resolve(body);
      else reject(new StsSidecarError(stringOr(body.error?.code, 'BadResponse'), stringOr(body.error?.message, `status ${status}`), status));
    });
  });
}

interface AnswerShape {
  readonly valid?: unknown;
  readonly error?: { readonly code?: unknown; readonly message?: unknown };
}

function parseJson(text: string): AnswerShape | undefined {
  try {
    const value: unknown = JSON.parse(text);
    return typeof value === 'object' && value !== null ? (value as AnswerShape) : undefined;
  } catch {
    return undefined;
  }
}

function stringOr(value: unknown, fallback: string): string {
  return typeof value === 'string' ? value : fallback;
}
