/** Shared request builders for the S3 classifier tests. */
import assert from 'node:assert/strict';
import { classifyS3Request, type S3Classification, type S3Headers, type S3Operation } from '../../src/s3/index.js';

export const OPTIONS = { baseDomains: ['s3.example.com'] } as const;

/** Classifies `METHOD /path?query` (path-style on the base domain unless a host header says otherwise). */
export function classify(method: string, target: string, headers: S3Headers = {}, extra: { sourceIp?: string; secureTransport?: boolean; signatureAgeMs?: number } = {}): S3Classification {
  const question = target.indexOf('?');
  const path = question < 0 ? target : target.slice(0, question);
  const query = question < 0 ? '' : target.slice(question + 1);
  const withHost = Object.keys(headers).some((name) => name.toLowerCase() === 'host') ? headers : { ...headers, host: OPTIONS.baseDomains[0] };
  return classifyS3Request({ method, path, query, headers: withHost, ...extra }, OPTIONS);
}

/** The classification, asserted to be a known operation. */
export function known(result: S3Classification): S3Operation {
  assert.equal(result.kind, 'operation', `expected an operation, got ${JSON.stringify(result)}`);
  return result as S3Operation;
}

export function checksOf(result: S3Classification): [string, string][] {
  return known(result).authorizations.map((check) => [check.action, check.resource]);
}

export function reasonOf(result: S3Classification): string {
  assert.equal(result.kind, 'unknown-operation', `expected unknown-operation, got ${JSON.stringify(result)}`);
  return result.kind === 'unknown-operation' ? result.reason : '';
}
