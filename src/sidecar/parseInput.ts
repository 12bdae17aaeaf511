import { isIP } from 'node:net';
import { AppError } from '../errors.js';
import type { RequestContext } from '../policy/index.js';
import type { HttpRequestParts } from '../sigv4/index.js';
import { isServiceKey } from './serviceContext.js';

/** Limits per call; the body limit bounds the total, these bound each part. */
export const INPUT_LIMITS = Object.freeze({
  accessKeyIdChars: 128,
  methodChars: 32,
  pathChars: 16_384,
  queryChars: 32_768,
  headers: 200,
  actionChars: 256,
  resourceChars: 4096,
  contextKeys: 64,
  contextKeyChars: 256,
  contextValues: 256,
});

export interface CredentialInput {
  readonly accessKeyId: string;
  readonly sessionToken: string | undefined;
  readonly request: HttpRequestParts | undefined;
  /** The S3 client's address, when the frontend gives it: failed signatures are throttled by it. */
  readonly sourceIp?: string | undefined;
}

export interface CheckInput {
  readonly action: string;
  readonly resource: string;
  /** The frontend's keys, minus any the service supplies itself. */
  readonly context: RequestContext;
}

export interface AuthorizeInput extends CredentialInput {
  readonly checks: readonly CheckInput[];
}

type Json = Record<string, unknown>;

function invalid(field: string, message: string): AppError {
  return new AppError('ValidationError', `${field} ${message}`, { details: { field } });
}

function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function object(value: unknown, field: string, allowed: readonly string[]): Json {
  if (!isObject(value)) throw invalid(field, 'must be an object');
  for (const key of Object.keys(value)) {
    if (!allowed.includes(key)) throw invalid(field === 'body' ? key : `${field}.${key}`, 'is not a known field');
  }
  return value;
}

function string(value: unknown, field: string, maxChars: number, minChars = 1): string {
  if (typeof value !== 'string') throw invalid(field, 'must be a string');
  if (value.length < minChars || value.length > maxChars) throw invalid(field, `must have ${minChars} to ${maxChars} characters`);
  return value;
}

function optionalString(value: unknown, field: string): string | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== 'string') throw invalid(field, 'must be a string');
  return value;
}

function headers(value: unknown): Record<string, string | string[]> {
  if (!isObject(value)) throw invalid('request.headers', 'must be an object');
  const entries = Object.entries(value);
  if (entries.length > INPUT_LIMITS.headers) throw invalid('request.headers', `must have at most ${INPUT_LIMITS.headers} headers`);
  const out: Record<string, string | string[]> = {};
  for (const [name, line] of entries) {
    const field = `request.headers.${name.slice(0, 64)}`;
    if (name === '__proto__') throw invalid(field, 'is not a header name');
    if (typeof line === 'string') out[name] = line;
    else if (Array.isArray(line) && line.every((item) => typeof item === 'string')) out[name] = line as string[];
    else throw invalid(field, 'must be a string or a list of strings');
  }
  return out;
}

function signedRequest(value: unknown): HttpRequestParts | undefined {
  if (value === undefined) return undefined;
  const req = object(value, 'request', ['method', 'path', 'query', 'headers', 'payloadHash']);
  const parts: HttpRequestParts = {
    method: string(req.method, 'request.method', INPUT_LIMITS.methodChars),
    path: string(req.path, 'request.path', INPUT_LIMITS.pathChars),
    query: string(req.query, 'request.query', INPUT_LIMITS.queryChars, 0),
    headers: headers(req.headers),
  };
  if (!parts.path.startsWith('/')) throw invalid('request.path', 'must start with /');
  const payloadHash = optionalString(req.payloadHash, 'request.payloadHash');
  if (payloadHash !== undefined) parts.payloadHash = payloadHash;
  return parts;
}

function credential(body: Json): CredentialInput {
  const sessionToken = optionalString(body.sessionToken, 'sessionToken');
  const sourceIp = optionalString(body.sourceIp, 'sourceIp');
  if (sourceIp !== undefined && isIP(sourceIp) === 0) throw invalid('sourceIp', 'must be an IP address');
  return {
    accessKeyId: string(body.accessKeyId, 'accessKeyId', INPUT_LIMITS.accessKeyIdChars),
    sessionToken: sessionToken === '' ? undefined : sessionToken,
    request: signedRequest(body.request),
    sourceIp,
  };
}

export function parseVerifyInput(body: unknown): CredentialInput {
  return credential(object(body, 'body', ['accessKeyId', 'sessionToken', 'request', 'sourceIp']));
}

export function parseAuthorizeInput(body: unknown, maxChecks: number): AuthorizeInput {
  const json = object(body, 'body', ['accessKeyId', 'sessionToken', 'request', 'sourceIp', 'checks']);
  const input = credential(json);
  if (!Array.isArray(json.checks)) throw invalid('checks', 'must be a list');
  if (json.checks.length < 1 || json.checks.length > maxChecks) throw invalid('checks', `must have 1 to ${maxChecks} items`);
  const checks = json.checks.map((check: unknown, i) => parseCheck(check, `checks[${i}]`));
  // Without a sourceIp, the address the checks' aws:SourceIp names stands for the client.
  const contextIp = checks[0]?.context['aws:SourceIp'];
  const sourceIp = input.sourceIp ?? (typeof contextIp === 'string' && isIP(contextIp) !== 0 ? contextIp : undefined);
  return { ...input, sourceIp, checks };
}

function parseCheck(value: unknown, field: string): CheckInput {
  const check = object(value, field, ['action', 'resource', 'context']);
  return {
    action: string(check.action, `${field}.action`, INPUT_LIMITS.actionChars),
    resource: string(check.resource, `${field}.resource`, INPUT_LIMITS.resourceChars),
    context: check.context === undefined ? {} : parseContext(check.context, `${field}.context`),
  };
}

function scalar(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  if (typeof value === 'boolean' || (typeof value === 'number' && Number.isFinite(value))) return String(value);
  return undefined;
}

/** Numbers and booleans become the strings IAM compares; a list is a multi-valued key. */
function parseContext(value: unknown, field: string): RequestContext {
  if (!isObject(value)) throw invalid(field, 'must be an object');
  const entries = Object.entries(value);
  if (entries.length > INPUT_LIMITS.contextKeys) throw invalid(field, `must have at most ${INPUT_LIMITS.contextKeys} keys`);
  const context: Record<string, string | string[]> = {};
  for (const [key, raw] of entries) {
    const at = `${field}.${key.slice(0, 64)}`;
    if (key.length === 0 || key.length > INPUT_LIMITS.contextKeyChars || key === '__proto__') throw invalid(at, 'is not a valid condition key');
    if (Array.isArray(raw)) {
      if (raw.length > INPUT_LIMITS.contextValues) throw invalid(at, `must have at most ${INPUT_LIMITS.contextValues} values`);
      const values = raw.map(scalar);
      if (values.some((item) => item === undefined)) throw invalid(at, 'must hold strings, numbers or booleans');
      if (!isServiceKey(key)) context[key] = values as string[];
    } else {
      const one = scalar(raw);
      if (one === undefined) throw invalid(at, 'must be a string, number, boolean or a list of them');
      // The service's own keys are dropped in any spelling, so `aws:username` cannot be spoofed.
      if (!isServiceKey(key)) context[key] = one;
    }
  }
  return context;
}
