import assert from 'node:assert/strict';
import { isWebIdentityError } from '../../../src/oidc/index.js';

/** The refusal code of a verification, or `accepted`. */
export async function codeOf(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
  } catch (err) {
    assert.ok(isWebIdentityError(err), `expected WebIdentityError, got ${String(err)}`);
    return err.code;
  }
  return 'accepted';
}

export function b64url(value: unknown): string {
  return Buffer.from(JSON.stringify(value)).toString('base64url');
}

/** A frozen clock that tests move by hand (ms). */
export class TestClock {
  constructor(public ms: number) {}
  readonly now = (): number => this.ms;
  advance(seconds: number): void {
    this.ms += seconds * 1000;
  }
}
