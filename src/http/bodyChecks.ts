import { AppError } from '../errors.js';

const JSON_TYPE = /^application\/([a-z0-9.+-]*\+)?json\s*(;|$)/i;
const FORM_TYPE = /^application\/x-www-form-urlencoded\s*(;|$)/i;

/**
 * A JSON API's body must say it is JSON, so a form post or a browser's text/plain request is
 * refused instead of guessed at.
 */
export function requireJsonType(contentType: string | undefined): void {
  if (!JSON_TYPE.test(contentType ?? '')) throw new AppError('UnsupportedMediaType', 'request body must be application/json');
}

export function requireFormType(contentType: string | undefined): void {
  if (!FORM_TYPE.test(contentType ?? '')) {
    throw new AppError('UnsupportedMediaType', 'the request body must be application/x-www-form-urlencoded');
  }
}

/** Compressed bodies are refused on every API: their size cannot be bounded before inflating. */
export function requireIdentityEncoding(contentEncoding: string | undefined): void {
  if (contentEncoding !== undefined && contentEncoding !== '' && contentEncoding.toLowerCase() !== 'identity') {
    throw new AppError('UnsupportedMediaType', 'compressed request bodies are not accepted');
  }
}
