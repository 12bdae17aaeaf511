import { request } from 'node:http';

export interface RawResponse {
  readonly status: number;
  readonly headers: Record<string, string | string[] | undefined>;
  readonly body: string;
}

/**
 * One HTTP/1.1 request with exactly the given headers (fetch would add or refuse some, such as
 * Host), so a hand-signed request reaches the server as it was signed.
 */
export function rawRequest(
  url: string,
  options: { method: string; headers: Record<string, string>; body?: string | Buffer; localAddress?: string },
): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const from = options.localAddress === undefined ? {} : { localAddress: options.localAddress };
    const req = request(url, { method: options.method, headers: options.headers, ...from }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end(options.body);
  });
}
