/** aws-sdk-js-v3's signer (@smithy/signature-v4) with node's crypto, and conversions to our request shape. */
import { createHash, createHmac, type Hash, type Hmac } from 'node:crypto';
import { HttpRequest } from '@smithy/protocol-http';
import { SignatureV4 } from '@smithy/signature-v4';
import type { HttpRequestParts } from '../../src/sigv4/index.js';

type SourceData = string | ArrayBuffer | ArrayBufferView;

function toBuffer(data: SourceData): Buffer {
  if (typeof data === 'string') return Buffer.from(data, 'utf8');
  if (ArrayBuffer.isView(data)) return Buffer.from(data.buffer, data.byteOffset, data.byteLength);
  return Buffer.from(data);
}

/** The Checksum constructor smithy expects (SHA-256, or HMAC-SHA256 when given a secret). */
export class NodeSha256 {
  private hash: Hash | Hmac;
  constructor(private readonly secret?: SourceData) {
    this.hash = this.fresh();
  }
  private fresh(): Hash | Hmac {
    return this.secret === undefined ? createHash('sha256') : createHmac('sha256', toBuffer(this.secret));
  }
  update(data: Uint8Array): void {
    this.hash.update(data);
  }
  async digest(): Promise<Uint8Array> {
    return new Uint8Array(this.hash.digest());
  }
  reset(): void {
    this.hash = this.fresh();
  }
}

export interface Creds {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken?: string;
}

/** The SDK's escaping of one path segment or query component (encodeURIComponent plus !'()*). */
export function sdkEscape(value: string): string {
  return encodeURIComponent(value).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

/** An object key as an S3 client puts it in the path: each segment escaped, '/' kept. */
export function s3Path(bucket: string, key: string): string {
  return `/${bucket}/${key.split('/').map(sdkEscape).join('/')}`;
}

export interface SmithyInput {
  method: string;
  path: string;
  query?: Record<string, string | string[]>;
  headers: Record<string, string>;
  body?: string;
}

export interface SmithySignOptions {
  service: string;
  region: string;
  creds: Creds;
  now: number;
  presignExpires?: number;
  uriEscapePath?: boolean;
  applyChecksum?: boolean;
}

export async function smithySign(input: SmithyInput, opts: SmithySignOptions): Promise<HttpRequest> {
  const signer = new SignatureV4({
    service: opts.service,
    region: opts.region,
    credentials: opts.creds,
    sha256: NodeSha256,
    uriEscapePath: opts.uriEscapePath ?? opts.service !== 's3',
    applyChecksum: opts.applyChecksum ?? true,
  });
  const request = new HttpRequest({ protocol: 'https:', hostname: input.headers['host'] ?? '', ...input, query: input.query ?? {} });
  const signingDate = new Date(opts.now);
  if (opts.presignExpires !== undefined) return (await signer.presign(request, { signingDate, expiresIn: opts.presignExpires })) as HttpRequest;
  return (await signer.sign(request, { signingDate })) as HttpRequest;
}

/** The query string an SDK puts on the wire for a query object. */
export function wireQuery(query: Record<string, string | string[] | null>): string {
  const pieces: string[] = [];
  for (const [key, value] of Object.entries(query)) {
    for (const one of Array.isArray(value) ? value : [value ?? '']) pieces.push(`${sdkEscape(key)}=${sdkEscape(one)}`);
  }
  return pieces.join('&');
}

/** What a server receives for a smithy-signed request. */
export function receivedParts(request: HttpRequest): HttpRequestParts {
  const parts: HttpRequestParts = {
    method: request.method,
    path: request.path,
    query: wireQuery(request.query as Record<string, string | string[] | null>),
    headers: { ...(request.headers as Record<string, string>) },
  };
  if (typeof request.body === 'string') parts.body = Buffer.from(request.body, 'utf8');
  return parts;
}
