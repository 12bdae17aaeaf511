import type { IncomingMessage } from 'node:http';
import type { RequestHandler } from 'express';
import type { Deps } from '../deps.js';
import { AppError } from '../errors.js';
import { requireIdentityEncoding } from '../http/bodyChecks.js';
import { clientAddressResolver } from '../http/clientAddress.js';
import { readRawBody } from '../http/readRawBody.js';
import { createStsService, handleStsRequest } from './handleStsRequest.js';

/** Query API bodies are small forms; the largest legal one (a 128 KiB policy, encoded) fits. */
export const STS_BODY_LIMIT = 512 * 1024;

const NO_BODY = Buffer.alloc(0);

/**
 * The Query API as an Express route on `/` (every method: the handler answers the ones it does
 * not serve in AWS XML). Express only routes: the handler reads the raw target
 * (`originalUrl`, percent-encoding intact), the distinct headers and the raw body, exactly as
 * the client signed them, so no body parser may run on this route. The request id is the access
 * log's (`req.id`, already in the x-amzn-RequestId header).
 */
export function createStsRoute(deps: Deps): RequestHandler {
  const sts = createStsService(deps);
  const clientAddress = clientAddressResolver(deps.config.trustedProxies);
  return (req, res) => {
    const headers = req.headersDistinct;
    const request = {
      method: req.method,
      url: req.originalUrl,
      headers,
      requestId: req.id,
      sourceAddress: clientAddress(req.socket.remoteAddress, headers['x-forwarded-for']),
      readBody: () => readStsBody(req, headers),
    };
    handleStsRequest(sts, request).then(
      ({ status, body }) => {
        res.statusCode = status;
        res.setHeader('Content-Type', 'text/xml; charset=utf-8');
        res.setHeader('Content-Length', Buffer.byteLength(body));
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
  try {
    requireIdentityEncoding(headers['content-encoding']?.join(', '));
  } catch (err) {
    return Promise.reject(err);
  }
  return readRawBody(req, length, { limit: STS_BODY_LIMIT, tooLarge, drainOverflow: true });
}

function tooLarge(): AppError {
  return new AppError('PayloadTooLarge', 'request body is too large');
}
