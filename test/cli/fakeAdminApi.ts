import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { assertMatchesSchema } from '../openapi/schemaCheck.js';

/** One request as the fake admin API received it. */
export interface RecordedRequest {
  readonly method: string;
  /** Path without the query string, still percent-encoded as sent. */
  readonly path: string;
  readonly query: Readonly<Record<string, string>>;
  readonly authorization: string | undefined;
  readonly contentType: string | undefined;
  /** Parsed JSON body, or undefined when there was none. */
  readonly body: unknown;
}

export interface CannedResponse {
  readonly status: number;
  /** Sent as JSON; checked against openapi/openapi.yaml unless `raw` is given instead. */
  readonly body?: unknown;
  /** Sent as is (e.g. a proxy's HTML page); not checked against the spec. */
  readonly raw?: string;
}

/**
 * A stand-in for the admin API on 127.0.0.1 with canned answers per `METHOD /path` (query
 * ignored), served in order; the last one repeats. Canned JSON answers must follow the spec,
 * so the CLI is tested against the contract rather than against this fake.
 */
export class FakeAdminApi {
  readonly requests: RecordedRequest[] = [];
  private readonly routes = new Map<string, CannedResponse[]>();

  private constructor(private readonly server: Server, readonly url: string) {}

  static async start(): Promise<FakeAdminApi> {
    const server = createServer();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const fake = new FakeAdminApi(server, `http://127.0.0.1:${(server.address() as AddressInfo).port}`);
    server.on('request', (req, res) => {
      void fake.answer(req).then(({ status, text }) => {
        res.writeHead(status, text === '' ? {} : { 'content-type': 'application/json' });
        res.end(text);
      });
    });
    return fake;
  }

  respond(method: string, path: string, ...responses: CannedResponse[]): this {
    for (const response of responses) {
      if (response.raw === undefined) assertMatchesSchema(method, path, response.status, response.body);
    }
    this.routes.set(`${method} ${path}`, responses);
    return this;
  }

  /** The only request received; fails when there were none or several. */
  only(): RecordedRequest {
    if (this.requests.length !== 1) throw new Error(`expected one request, got ${this.requests.length}`);
    return this.requests[0] as RecordedRequest;
  }

  reset(): void {
    this.requests.length = 0;
    this.routes.clear();
  }

  async close(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private async answer(req: IncomingMessage): Promise<{ status: number; text: string }> {
    const url = new URL(req.url ?? '/', this.url);
    const text = await readBody(req);
    this.requests.push({
      method: req.method ?? '',
      path: url.pathname,
      query: Object.fromEntries(url.searchParams),
      authorization: req.headers.authorization,
      contentType: req.headers['content-type'],
      body: text === '' ? undefined : (JSON.parse(text) as unknown),
    });
    const queue = this.routes.get(`${req.method} ${url.pathname}`);
    const response = queue && queue.length > 1 ? queue.shift() : queue?.[0];
    if (response === undefined) {
      return { status: 404, text: JSON.stringify({ error: { code: 'NotFound', message: `no route for ${req.method} ${url.pathname}` } }) };
    }
    return { status: response.status, text: response.raw ?? (response.body === undefined ? '' : JSON.stringify(response.body)) };
  }
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}
