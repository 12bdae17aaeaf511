import type { ErrorRequestHandler, RequestHandler } from 'express';
import { AppError, isAppError } from '../errors.js';
import type { Logger } from '../logger.js';

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

export function toAppError(err: unknown, logger: Logger): AppError {
  if (isAppError(err)) return err;
  const mapped = fromBodyParserError(err);
  if (mapped) return mapped;
  logger.error({ err }, 'unexpected error');
  return new AppError('InternalFailure', 'internal error');
}

/** The one place JSON APIs render errors: `{error: {code, message, ...details}}`, never a stack. */
export function jsonErrorHandler(logger: Logger): ErrorRequestHandler {
  return (err, _req, res, _next) => {
    const appError = toAppError(err, logger);
    if (appError.status === 401) res.setHeader('WWW-Authenticate', 'Bearer');
    res.status(appError.status).json({ error: { code: appError.code, message: appError.message, ...appError.details } });
  };
}

export const notFound: RequestHandler = (req) => {
  throw new AppError('NotFound', `no route for ${req.method} ${req.path.slice(0, 200)}`);
};
