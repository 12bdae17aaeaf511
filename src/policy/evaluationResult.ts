/** What evaluation answers. Result objects are built once per statement and frozen. */

/** Which statement decided: its policy's name (when known), its Sid, its 0-based position. */
export interface StatementRef {
  readonly policy?: string;
  readonly sid?: string;
  readonly index: number;
}

/** `evaluateOne`: one policy's answer. */
export interface PolicyOutcome {
  readonly decision: 'Allow' | 'Deny' | 'NoDecision';
  readonly statement?: StatementRef;
}

/** `evaluate`: the answer for a list of policies that must all allow. */
export interface EvaluationResult {
  readonly decision: 'Allow' | 'Deny';
  readonly reason: 'Allowed' | 'ExplicitDeny' | 'ImplicitDeny';
  readonly statement?: StatementRef;
}

export const NO_DECISION: PolicyOutcome = Object.freeze({ decision: 'NoDecision' });

export const IMPLICIT_DENY: EvaluationResult = Object.freeze({ decision: 'Deny', reason: 'ImplicitDeny' });

export function statementRef(policy: string | undefined, sid: string | undefined, index: number): StatementRef {
  return Object.freeze({
    ...(policy === undefined ? {} : { policy }),
    ...(sid === undefined ? {} : { sid }),
    index,
  });
}
