import { TEMPORARY_KEY } from '../auth/resolveCredential.js';
import { AppError } from '../errors.js';

/** Input rules for the admin API, shared by the CLI-facing routes and the STS layer. */
export const USER_NAME = /^[A-Za-z0-9][A-Za-z0-9._@+-]{2,63}$/;
export const POLICY_NAME = /^[A-Za-z0-9][A-Za-z0-9._-]{0,127}$/;
export const MAX_POSIX_ID = 4_294_967_294;


export function checkUserName(name: unknown, field = 'name'): string {
  if (typeof name !== 'string' || !USER_NAME.test(name)) {
    throw new AppError('ValidationError', `${field} must match ${USER_NAME.source}`, { details: { field } });
  }
  // A user named like a temporary access key id could never sign in with its own key.
  if (TEMPORARY_KEY.test(name)) {
    throw new AppError('ValidationError', `${field} must not have the shape of a temporary access key id (ASIA...)`, { details: { field } });
  }
  return name;
}

export function checkPolicyName(name: unknown, field = 'policy'): string {
  if (typeof name !== 'string' || !POLICY_NAME.test(name)) {
    throw new AppError('ValidationError', `${field} must match ${POLICY_NAME.source}`, { details: { field } });
  }
  return name;
}

/**
 * 8-128 printable ASCII characters with an upper-case letter, a lower-case letter, and a digit
 * or special character. The message never echoes the secret.
 */
export function checkSecretKey(secret: unknown): string {
  const field = 'secretKey';
  if (typeof secret !== 'string' || secret.length < 8 || secret.length > 128 || !/^[\x20-\x7e]+$/.test(secret)) {
    throw new AppError('ValidationError', 'secretKey must be 8-128 printable ASCII characters', { details: { field } });
  }
  if (!/[A-Z]/.test(secret) || !/[a-z]/.test(secret) || !/[^A-Za-z]/.test(secret)) {
    throw new AppError(
      'ValidationError',
      'secretKey must contain an upper-case letter, a lower-case letter, and a digit or special character',
      { details: { field } },
    );
  }
  return secret;
}

export function checkPosixId(value: unknown, field: string): number | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 0 || value > MAX_POSIX_ID) {
    throw new AppError('ValidationError', `${field} must be an integer from 0 to ${MAX_POSIX_ID}`, { details: { field } });
  }
  return value;
}

/** Rejects fields the endpoint does not know, so a typo never silently does less than asked. */
export function checkKnownFields(body: Record<string, unknown>, allowed: readonly string[]): void {
  for (const key of Object.keys(body)) {
    if (!allowed.includes(key)) {
      throw new AppError('ValidationError', `unknown field "${key.slice(0, 64)}"`, { details: { field: key.slice(0, 64) } });
    }
  }
}

export function checkObject(body: unknown): Record<string, unknown> {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw new AppError('ValidationError', 'request body must be a JSON object');
  }
  return body as Record<string, unknown>;
}
