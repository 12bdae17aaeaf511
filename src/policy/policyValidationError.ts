/** Why a document was refused. Callers map these to AWS codes (`MalformedPolicyDocument`, ...). */
export type PolicyErrorCode = 'MalformedPolicyDocument' | 'PolicyTooLarge';

export interface PolicyErrorLocation {
  /** The statement's `Sid`, or `Statement[i]` when it has none (0-based). */
  readonly statement?: string | undefined;
  /** The element at fault: `Version`, `Action`, `Condition`, an unknown key, ... */
  readonly field?: string | undefined;
}

/**
 * A document that cannot be used. `code`, `statement` and `field` are stable; the message names
 * the statement and the field for people, e.g.
 * `Statement[1] (Sid "ReadAll"): Action: "s3:Get Object" is not a valid action`.
 */
export class PolicyValidationError extends Error {
  readonly code: PolicyErrorCode;
  readonly statement: string | undefined;
  readonly field: string | undefined;

  constructor(code: PolicyErrorCode, detail: string, location: PolicyErrorLocation = {}, where?: string) {
    super([where, location.field, detail].filter((part) => part !== undefined).join(': '));
    this.name = 'PolicyValidationError';
    this.code = code;
    this.statement = location.statement;
    this.field = location.field;
  }
}

export function isPolicyValidationError(err: unknown): err is PolicyValidationError {
  return err instanceof PolicyValidationError;
}
