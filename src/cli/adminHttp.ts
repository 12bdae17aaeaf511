import { ApiError, CliError } from './errors.js';

export interface AdminHttpOptions {
  /** Base URL of the service, e.g. `http://127.0.0.1:8080` (a path prefix is kept). */
  readonly endpoint: string;
  readonly token: string;
  readonly fetch: typeof fetch;
  readonly timeoutMs?: number;
}

export interface AdminRequest {
  readonly query?: Readonly<Record<string, string | number | undefined>>;
  readonly body?: unknown;
}

export interface AdminResponse {
  readonly status: number;
  /** Parsed JSON, or undefined for an empty body (204). */
  readonly body: unknown;
}

export type AdminHttp = (method: string, path: string, request?: AdminRequest) => Promise<AdminResponse>;

const DEFAULT_TIMEOUT_MS = 30_000;

/** A bearer-authenticated JSON transport that turns every failure into a `ReportedError`. */
export function createAdminHttp(options: AdminHttpOptions): AdminHttp {
  const base = parseEndpoint(options.endpoint);
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  return async (method, path, request = {}) => {
    const url = new URL(base.pathname.replace(/\/+$/, '') + path, base);
    for (const [key, value] of Object.entries(request.query ?? {})) {
      if (value !== undefined) url.searchParams.set(key, String(value));
    }
    const headers: Record<string, string> = { authorization: `Bearer ${options.token}`, accept: 'application/json' };
    if (request.body !== undefined) headers['content-type'] = 'application/json';
    let response: Response;
    try {
      response = await options.fetch(url, {
        method,
        headers,
        body: request.body === undefined ? undefined : JSON.stringify(request.body),
        signal: AbortSignal.timeout(timeoutMs),
      });
    } catch (err) {
      throw connectionError(err, base.origin, timeoutMs);
    }
    const body = await readJson(response);
    if (!response.ok) throw apiError(response, body);
    return { status: response.status, body };
  };
}

export function parseEndpoint(endpoint: string): URL {
  let url: URL | undefined;
  try {
    url = new URL(endpoint);
  } catch {
    url = undefined;
  }
  if (url === undefined || (url.protocol !== 'http:' && url.protocol !== 'https:')) {
    throw new CliError('InvalidEndpoint', `"${endpoint}" is not an http:// or https:// URL`);
  }
  return url;
}

async function readJson(response: Response): Promise<unknown> {
  const text = await response.text();
  if (text === '') return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    // A non-JSON failure (a proxy's HTML page, say) is still reported by its status below.
    if (!response.ok) return undefined;
    throw new CliError('InvalidResponse', `the service answered ${response.status} with a body that is not JSON`);
  }
}

function apiError(response: Response, body: unknown): ApiError {
  const error = isRecord(body) && isRecord(body.error) ? body.error : undefined;
  if (error === undefined || typeof error.code !== 'string' || typeof error.message !== 'string') {
    const reason = response.statusText ? ` ${response.statusText}` : '';
    return new ApiError('HttpError', `the service answered ${response.status}${reason}`, response.status);
  }
  const { code, message, ...details } = error;
  return new ApiError(code, message, response.status, details);
}

export function connectionError(err: unknown, origin: string, timeoutMs: number): CliError {
  if (err instanceof Error && err.name === 'TimeoutError') {
    return new CliError('ConnectionFailed', `no answer from ${origin} within ${timeoutMs / 1000}s`);
  }
  const cause = err instanceof Error ? err.cause : undefined;
  const reason = isRecord(cause) && typeof cause.code === 'string' ? cause.code : err instanceof Error ? err.message : String(err);
  return new CliError('ConnectionFailed', `cannot reach ${origin}: ${reason}`);
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
