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

/**
 * Reads and parses a JSON body of at most `limit` bytes. The type and the declared length are
 * checked before any byte is read; a body that grows past the limit is refused at once.
 */
export function readJsonBody(req: IncomingMessage, limit: number): Promise<unknown> {
  const type = req.headers['content-type'] ?? '';
  if (!JSON_TYPE.test(type)) return Promise.reject(new AppError('UnsupportedMediaType', 'request body must be application/json'));
  const encoding = req.headers['content-encoding'];
  if (encoding !== undefined && encoding.toLowerCase() !== 'identity') {
    return Promise.reject(new AppError('UnsupportedMediaType', 'compressed request bodies are not accepted'));
  }
  const declared = Number(req.headers['content-length'] ?? 0);
  if (declared > limit) return Promise.reject(tooLarge(limit));
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const onData = (chunk: Buffer): void => {
      size += chunk.length;
      if (size > limit) {
        cleanup();
        reject(tooLarge(limit));
        return;
      }
      chunks.push(chunk);
    };
    const onEnd = (): void => {
      cleanup();
      const text = (chunks.length === 1 ? (chunks[0] as Buffer) : Buffer.concat(chunks)).toString('utf8');
      try {
        resolve(JSON.parse(text) as unknown);
      } catch {
        reject(new AppError('ValidationError', 'request body is not valid JSON'));
      }
    };
    const onGone = (): void => {
      cleanup();
      reject(new ClientGoneError());
    };
    const cleanup = (): void => {
      req.off('data', onData);
      req.off('end', onEnd);
      req.off('aborted', onGone);
      req.off('error', onGone);
    };
    req.on('data', onData);
    req.on('end', onEnd);
    req.on('aborted', onGone);
    req.on('error', onGone);
  });
}

function tooLarge(limit: number): AppError {
  return new AppError('PayloadTooLarge', `request body is larger than ${limit} bytes`);
}
