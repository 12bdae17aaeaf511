/**
 * The headers the classifier reads, gathered in one pass and then read by position (`H`).
 * A parameter a presigned URL carries in the query (`x-amz-*` only) stands in for its absent
 * header. Repeated header lines are joined with ',' as HTTP folds them.
 */
import { HEADER_NAMES } from './constants.js';
import type { S3Headers } from './types.js';

const SLOT_BY_NAME: ReadonlyMap<string, number> = new Map(HEADER_NAMES.map((name, slot) => [name, slot]));

export class RequestHeaders {
  private readonly values: (string | undefined)[] = new Array<string | undefined>(HEADER_NAMES.length).fill(undefined);

  constructor(headers: S3Headers, amz: Readonly<Record<string, string>> | undefined) {
    for (const name in headers) {
      const slot = SLOT_BY_NAME.get(name);
      if (slot === undefined || !Object.hasOwn(headers, name)) continue;
      const value = headers[name];
      if (value !== undefined) this.values[slot] = typeof value === 'string' ? value : value.join(',');
    }
    if (amz === undefined) return;
    for (const name in amz) {
      const slot = SLOT_BY_NAME.get(name);
      if (slot !== undefined && this.values[slot] === undefined) this.values[slot] = amz[name];
    }
  }

  /** The value of the header at `slot` (an `H` entry). */
  get(slot: number): string | undefined {
    return this.values[slot];
  }

  has(slot: number): boolean {
    return this.values[slot] !== undefined;
  }

  /** Whether the header is `true` in any case (S3's reading of boolean headers). */
  isTrue(slot: number): boolean {
    return this.values[slot]?.toLowerCase() === 'true';
  }
}
