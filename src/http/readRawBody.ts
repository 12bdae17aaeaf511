import type { IncomingMessage } from 'node:http';

/** The client went away before its body arrived: nobody is left to answer. */
export class ClientGoneError extends Error {
  constructor() {
    super('client closed the connection before sending its body');
    this.name = 'ClientGoneError';
  }
}

export interface RawBodyOptions {
  /** Largest body, bytes. */
  readonly limit: number;
  /** The error a larger body is refused with. */
  readonly tooLarge: () => Error;
  /**
   * Whether the rest of an oversized body is read off (and dropped) before it is refused, so the
   * client hears the answer once it has sent everything and the connection stays usable, as
   * body-parser does. Otherwise it is refused at once and the caller closes the connection.
   */
  readonly drainOverflow?: boolean;
}

/**
 * Reads a raw request body of at most `options.limit` bytes. A declared length over the limit is
 * refused before any byte is read; a body that grows past the limit is refused once it does.
 */
export function readRawBody(req: IncomingMessage, declaredLength: string | undefined, options: RawBodyOptions): Promise<Buffer> {
  const declaredTooLarge = Number(declaredLength ?? 0) > options.limit;
  if (declaredTooLarge && options.drainOverflow !== true) return Promise.reject(options.tooLarge());
  return new Promise((resolve, reject) => new BodyReader(req, options, declaredTooLarge, resolve, reject));
}

/** Collects the body; settles once, ignoring whatever the stream emits afterwards. */
class BodyReader {
  private chunks: Buffer[] = [];
  private size = 0;
  private settled = false;

  constructor(
    req: IncomingMessage,
    private readonly options: RawBodyOptions,
    private overflowed: boolean,
    private readonly resolve: (value: Buffer) => void,
    private readonly reject: (err: unknown) => void,
  ) {
    req.on('data', (chunk: Buffer) => this.data(chunk));
    req.on('end', () => this.end());
    // 'close' also follows a normal 'end': by then the reader has settled and this is a no-op.
    req.on('error', () => this.gone());
    req.on('close', () => this.gone());
  }

  private data(chunk: Buffer): void {
    if (this.settled || this.overflowed) return;
    this.size += chunk.length;
    if (this.size <= this.options.limit) {
      this.chunks.push(chunk);
    } else if (this.options.drainOverflow === true) {
      this.overflowed = true;
      this.chunks = [];
    } else {
      this.fail(this.options.tooLarge());
    }
  }

  private end(): void {
    if (this.settled) return;
    if (this.overflowed) {
      this.fail(this.options.tooLarge());
      return;
    }
    this.settled = true;
    this.resolve(this.chunks.length === 1 ? (this.chunks[0] as Buffer) : Buffer.concat(this.chunks));
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
