import { createHmac, hash } from 'node:crypto';

/** One-shot `crypto.hash`: about half the cost of a createHash object for short inputs (see http/bearerCheck.ts). */
export function sha256Hex(data: Buffer | string): string {
  return hash('sha256', data, 'hex');
}

export function hmacSha256(key: Buffer | string, data: string): Buffer {
  return createHmac('sha256', key).update(data, 'utf8').digest();
}
