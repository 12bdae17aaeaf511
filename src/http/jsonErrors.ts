import type { ErrorRequestHandler, RequestHandler } from 'express';
import { AppError, isAppError } from '../errors.js';
import type { Logger } from '../logger.js';

/** What a client hears about an unexpected failure; the detail goes to the log only. */
export const INTERNAL_MESSAGE = 'internal error';

/** Maps body-parser and router failures onto domain errors. */
export function fromBodyParserError(err: unknown): AppError | undefined {
  const type = (err as { type?: unknown } | null)?.type;
  if (type === 'entity.too.large') return new AppError('PayloadTooLarge', 'request body is too large');
  if (type === 'encoding.unsupported' || type === 'charset.unsupported') {
    return new AppError('UnsupportedMediaType', 'unsupported body encoding');
  }
  if (typeof type === 'string' && type.startsWith('request.')) return new AppError('ValidationError', 'request body could not be read');
  // The router's own 400s, e.g. a path parameter with broken percent-encoding.
  if (err instanceof URIError || (err as { status?: unknown } | null)?.status === 400) {
    return new AppError('ValidationError', 'the request path is not valid percent-encoding');
  }
  return undefined;
}

/**
 * The domain error a failure is answered with. Anything unexpected is logged with the request
 * id, in full, and answered with `InternalFailure` and a fixed message: no internal text
 * reaches a client on any surface.
 */
export function toAppError(err: unknown, logger: Logger, requestId: string, internalMessage = INTERNAL_MESSAGE): AppError {
  if (isAppError(err)) return err;
  const mapped = fromBodyParserError(err);
  if (mapped) return mapped;
  logger.error({ err, reqId: requestId }, 'unexpected error');
  return new AppError('InternalFailure', internalMessage);
}

/** `{error: {code, message, ...details, requestId}}`: the JSON error body of every JSON API. */
export function jsonErrorBody(error: AppError, requestId: string): string {
  return JSON.stringify({ error: { code: error.code, message: error.message, ...error.details, requestId } });
}

/** A refused bearer token is answered with its challenge, on every JSON API. */
export function jsonErrorHeaders(error: AppError): string[] {
  return error.code === 'Unauthorized' ? ['www-authenticate', 'Bearer'] : [];
}

/** The one place the Express JSON APIs render errors; never a stack. */
export function jsonErrorHandler(logger: Logger): ErrorRequestHandler {
  return (err, req, res, _next) => {
    const error = toAppError(err, logger, req.id);
    const headers = jsonErrorHeaders(error);
    for (let i = 0; i + 1 < headers.length; i += 2) res.setHeader(headers[i] as string, headers[i + 1] as string);
    res.status(error.status).type('application/json').send(jsonErrorBody(error, req.id));
  };
}

export const notFound: RequestHandler = (req) => {
  throw new AppError('NotFound', `no route for ${req.method} ${req.path.slice(0, 200)}`);
};
