import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Deps } from '../deps.js';
import { AppError } from '../errors.js';
import { logRequest } from '../http/accessLog.js';
import { clientAddressResolver } from '../http/clientAddress.js';
import { readRawBody } from '../http/readRawBody.js';
import { newRequestId } from '../http/requestId.js';
import { createStsService, handleStsRequest } from './handleStsRequest.js';

/** Query API bodies are small forms; the largest legal one (a 128 KiB policy, encoded) fits. */
export const STS_BODY_LIMIT = 512 * 1024;

const NO_BODY = Buffer.alloc(0);

/** `/`, with or without a query string: the Query API's only path. */
export function isStsRoute(url: string | undefined): boolean {
  if (url === undefined || url.charCodeAt(0) !== 0x2f) return false;
  return url.length === 1 || url.charCodeAt(1) === 0x3f;
}

/**
 * The Query API on raw node:http, without Express, whose routing, body parsing and response
 * helpers cost a third of an AssumeRole call. Answers requests `isStsRoute` recognised.
 */
export function createStsHttpHandler(deps: Deps): (req: IncomingMessage, res: ServerResponse) => void {
  const sts = createStsService(deps);
  const clientAddress = clientAddressResolver(deps.config.trustedProxies);
  return (req, res) => {
    const started = process.hrtime.bigint();
    const requestId = newRequestId();
    const method = req.method ?? '';
    const headers = req.headersDistinct;
    const sourceAddress = clientAddress(req.socket.remoteAddress, headers['x-forwarded-for']);
    const request = { method, url: req.url ?? '/', headers, requestId, sourceAddress, readBody: () => readStsBody(req, headers) };
    handleStsRequest(sts, request).then(
      ({ status, body }) => {
        res.once('finish', () => logRequest(deps, { reqId: requestId, method, path: '/', status, started }));
        res.writeHead(status, ['x-amzn-RequestId', requestId, 'Content-Type', 'text/xml; charset=utf-8', 'Content-Length', String(Buffer.byteLength(body))]);
        res.end(body);
      },
      // The client went away before sending its body: nobody is left to answer.
      () => undefined,
    );
  };
}

/**
 * The body, read as body-parser's raw parser did: only when the headers announce one, refused
 * when compressed, and an oversized one is read off before the 413 so the connection stays usable.
 */
function readStsBody(req: IncomingMessage, headers: NodeJS.Dict<string[]>): Promise<Buffer> {
  const length = headers['content-length']?.[0];
  if (headers['transfer-encoding'] === undefined && (length === undefined || Number.isNaN(Number(length)))) {
    return Promise.resolve(NO_BODY);
  }
  const encoding = (headers['content-encoding']?.join(', ') || 'identity').toLowerCase();
  if (encoding !== 'identity') return Promise.reject(new AppError('UnsupportedMediaType', 'unsupported body encoding'));
  return readRawBody(req, length, { limit: STS_BODY_LIMIT, tooLarge, drainOverflow: true });
}

function tooLarge(): AppError {
  return new AppError('PayloadTooLarge', 'request body is too large');
}
