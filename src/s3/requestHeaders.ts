/**
 * Reads a request parameter from its header, or from the query when a presigned URL carries
 * it there (`x-amz-*` only). Repeated header lines are joined with ',' as HTTP folds them.
 */
import type { QueryFacts } from './queryFacts.js';
import type { S3Headers } from './types.js';

export class RequestHeaders {
  constructor(
    private readonly headers: S3Headers,
    private readonly amz: Record<string, string> | undefined,
  ) {}

  static of(headers: S3Headers, facts: QueryFacts): RequestHeaders {
    return new RequestHeaders(headers, facts.amz);
  }

  get(name: string): string | undefined {
    const value = this.headers[name];
    if (typeof value === 'string') return value;
    if (value !== undefined && Object.hasOwn(this.headers, name)) return value.join(',');
    return this.amz?.[name];
  }

  has(name: string): boolean {
    return this.get(name) !== undefined;
  }

  /** Whether the header is `true` in any case (S3's reading of boolean headers). */
  isTrue(name: string): boolean {
    return this.get(name)?.toLowerCase() === 'true';
  }
}
