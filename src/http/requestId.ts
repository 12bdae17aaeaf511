import { randomUUID } from 'node:crypto';

/** AWS-shaped request id (a UUID), used in logs, headers and response bodies alike. */
export function newRequestId(): string {
  return randomUUID();
}
