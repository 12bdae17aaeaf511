import type { IncomingMessage } from 'node:http';
import { AppError } from '../errors.js';

const JSON_TYPE = /^application\/([a-z0-9.+-]*\+)?json\s*(;|$)/i;

/** The client went away before its body arrived: nobody is left to answer. */
export class ClientGoneError extends Error {
  constructor() {
    super('client closed the connection before sending its body');
    this.name = 'ClientGoneError';
  }
}

/** The request headers the sidecar reads, found in `rawHeaders` without building `req.headers`. */
export interface SidecarHeaders {
  authorization: string | undefined;
  contentType: string | undefined;
  contentLength: string | undefined;
  contentEncoding: string | undefined;
}

/**
 * One pass over `rawHeaders`. Node builds `req.headers` lazily, for every header, on first
 * access; on the hot path four names are all that is needed. A repeated header keeps its
 * first value, as node does for these names.
 */
export function sidecarHeaders(req: IncomingMessage): SidecarHeaders {
  const found: SidecarHeaders = { authorization: undefined, contentType: undefined, contentLength: undefined, contentEncoding: undefined };
  const raw = req.rawHeaders;
  for (let i = 0; i + 1 < raw.length; i += 2) {
    const name = raw[i] as string;
    if (name.length !== 13 && name.length !== 12 && name.length !== 14 && name.length !== 16) continue;
    const lower = name.toLowerCase();
    const value = raw[i + 1] as string;
    if (lower === 'authorization') found.authorization ??= value;
    else if (lower === 'content-type') found.contentType ??= value;
    else if (lower === 'content-length') found.contentLength ??= value;
    else if (lower === 'content-encoding') found.contentEncoding ??= value;
  }
  return found;
}

/**
 * Reads and parses a JSON body of at most `limit` bytes. The type and the declared length are
 * checked before any byte is read; a body that grows past the limit is refused at once.
 */
export function readJsonBody(req: IncomingMessage, headers: SidecarHeaders, limit: number): Promise<unknown> {
  if (!JSON_TYPE.test(headers.contentType ?? '')) {
    return Promise.reject(new AppError('UnsupportedMediaType', 'request body must be application/json'));
  }
  const encoding = headers.contentEncoding;
  if (encoding !== undefined && encoding.toLowerCase() !== 'identity') {
    return Promise.reject(new AppError('UnsupportedMediaType', 'compressed request bodies are not accepted'));
  }
  if (Number(headers.contentLength ?? 0) > limit) return Promise.reject(tooLarge(limit));
  return new Promise((resolve, reject) => new BodyReader(req, limit, resolve, reject));
}

/** Collects the body; settles once, ignoring whatever the stream emits afterwards. */
class BodyReader {
  private readonly chunks: Buffer[] = [];
  private size = 0;
  private settled = false;

  constructor(
    req: IncomingMessage,
    private readonly limit: number,
    private readonly resolve: (value: unknown) => void,
    private readonly reject: (err: unknown) => void,
  ) {
    req.on('data', (chunk: Buffer) => this.data(chunk));
    req.on('end', () => this.end());
    // 'close' also follows a normal 'end': by then the reader has settled and this is a no-op.
    req.on('error', () => this.gone());
    req.on('close', () => this.gone());
  }

  private data(chunk: Buffer): void {
    if (this.settled) return;
    this.size += chunk.length;
    if (this.size > this.limit) this.fail(tooLarge(this.limit));
    else this.chunks.push(chunk);
  }

  private end(): void {
    if (this.settled) return;
    this.settled = true;
    const text = (this.chunks.length === 1 ? (this.chunks[0] as Buffer) : Buffer.concat(this.chunks)).toString('utf8');
    try {
      this.resolve(JSON.parse(text) as unknown);
    } catch {
      this.reject(new AppError('ValidationError', 'request body is not valid JSON'));
    }
  }

  private gone(): void {
    if (!this.settled) this.fail(new ClientGoneError());
  }

  private fail(err: Error): void {
    if (this.settled) return;
    this.settled = true;
    this.reject(err);
  }
}

function tooLarge(limit: number): AppError {
  return new AppError('PayloadTooLarge', `request body is larger than ${limit} bytes`);
}
