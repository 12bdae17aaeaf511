/**
 * A stand-in S3 endpoint that records what real clients send: every request's method, URL,
 * headers and raw body bytes, answered with an empty 200 and an ETag like PutObject's. HTTPS is
 * served with a throw-away self-signed certificate made by the openssl command (botocore only
 * streams aws-chunked bodies over TLS); `httpsUrl` is undefined when openssl is missing.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer as createHttpServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface CapturedRequest {
  method: string;
  url: string;
  headers: Record<string, string | string[] | undefined>;
  body: Buffer;
}

export interface CaptureServer {
  httpUrl: string;
  httpsUrl: string | undefined;
  requests: CapturedRequest[];
  close(): Promise<void>;
}

/** Deterministic payload bytes, the same as payload() in botocore_chunked_put.py. */
export function patternPayload(size: number): Buffer {
  const out = Buffer.allocUnsafe(size);
  for (let i = 0; i < size; i++) out[i] = (i * 31 + 7) % 256;
  return out;
}

function selfSignedCertificate(): { key: Buffer; cert: Buffer } | undefined {
  const dir = mkdtempSync(join(tmpdir(), 'chunked-capture-'));
  try {
    execFileSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', join(dir, 'key.pem'), '-out', join(dir, 'cert.pem'),
      '-days', '1', '-subj', '/CN=127.0.0.1', '-addext', 'subjectAltName=IP:127.0.0.1'], { stdio: 'ignore' });
    return { key: readFileSync(join(dir, 'key.pem')), cert: readFileSync(join(dir, 'cert.pem')) };
  } catch {
    return undefined;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function listen(server: Server, scheme: string): Promise<string> {
  return new Promise((resolve) => {
    server.listen(0, '127.0.0.1', () => resolve(`${scheme}://127.0.0.1:${(server.address() as AddressInfo).port}`));
  });
}

export async function startCaptureServer(): Promise<CaptureServer> {
  const requests: CapturedRequest[] = [];
  const handler = (req: IncomingMessage, res: ServerResponse): void => {
    const parts: Buffer[] = [];
    req.on('data', (part: Buffer) => parts.push(part));
    req.on('end', () => {
      requests.push({ method: req.method ?? '', url: req.url ?? '', headers: req.headers, body: Buffer.concat(parts) });
      res.writeHead(200, { ETag: '"0123456789abcdef0123456789abcdef"', 'Content-Length': '0' });
      res.end();
    });
  };
  const servers: Server[] = [createHttpServer(handler)];
  const tls = selfSignedCertificate();
  if (tls !== undefined) servers.push(createHttpsServer(tls, handler));
  const [httpUrl, httpsUrl] = await Promise.all(servers.map((server, i) => listen(server, i === 0 ? 'http' : 'https')));
  return {
    httpUrl: httpUrl as string,
    httpsUrl,
    requests,
    close: async () => {
      for (const server of servers) server.closeAllConnections();
      await Promise.all(servers.map((server) => new Promise((resolve) => server.close(resolve))));
    },
  };
}
