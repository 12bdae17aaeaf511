/**
 * The headers the classifier reads, by position (`H`). Reads go straight to the request's header
 * object; rows that read many headers call `gather()` first, which collects them in one pass
 * over the request's headers instead. A parameter a presigned URL carries in the query
 * (`x-amz-*` only) stands in for its absent header. Repeated header lines are joined with ','
 * as HTTP folds them.
 */
import { HEADER_NAMES } from './constants.js';
import type { S3Headers } from './types.js';

const SLOT_BY_NAME: ReadonlyMap<string, number> = new Map(HEADER_NAMES.map((name, slot) => [name, slot]));
/** Read only into aws:UserAgent / aws:Referer, which a client states as it likes anyway: joined. */
const FOLDABLE: ReadonlySet<string> = new Set(['user-agent', 'referer']);
/** Copied by `gather()`: cheaper than filling a new array. */
const EMPTY: readonly (string | undefined)[] = HEADER_NAMES.map(() => undefined);

export class RequestHeaders {
  private gathered: (string | undefined)[] | undefined;

  constructor(
    private readonly headers: S3Headers,
    private readonly amz: Readonly<Record<string, string>> | undefined,
  ) {}

  /** Reads every header of interest in one pass; later reads come from that. */
  gather(): void {
    const values = EMPTY.slice();
    for (const name in this.headers) {
      const slot = SLOT_BY_NAME.get(name);
      if (slot !== undefined) values[slot] = this.read(name);
    }
    if (this.amz !== undefined) {
      for (const name in this.amz) {
        const slot = SLOT_BY_NAME.get(name);
        if (slot !== undefined) values[slot] ??= this.amz[name];
      }
    }
    this.gathered = values;
  }

  /** The value of the header at `slot` (an `H` entry). */
  get(slot: number): string | undefined {
    if (this.gathered !== undefined) return this.gathered[slot];
    const name = HEADER_NAMES[slot] as string;
    return this.read(name) ?? this.amz?.[name];
  }

  has(slot: number): boolean {
    return this.get(slot) !== undefined;
  }

  /**
   * Whether a header the classifier reads came on more than one line. Each of them is
   * single-valued in S3, and servers differ on which line wins (many take the first): the
   * joined value this classifier would read might not be the one the backend acts on.
   */
  repeatsOne(): boolean {
    for (const name in this.headers) {
      const value = this.headers[name];
      if (Array.isArray(value) && value.length > 1 && SLOT_BY_NAME.has(name) && !FOLDABLE.has(name)) return true;
    }
    return false;
  }

  /** Whether the header is `true` in any case (S3's reading of boolean headers). */
  isTrue(slot: number): boolean {
    return this.get(slot)?.toLowerCase() === 'true';
  }

  /** Only strings and arrays count, so inherited members never pass for headers. */
  private read(name: string): string | undefined {
    const value = this.headers[name];
    if (typeof value === 'string') return value;
    return Array.isArray(value) ? value.join(',') : undefined;
  }
}
