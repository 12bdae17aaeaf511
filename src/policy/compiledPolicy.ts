/** What `compilePolicy` makes of a policy: its statements as matchers, indexed by action. */
import type { PatternListMatcher } from './compilePatternList.js';
import type { EvaluationResult, PolicyOutcome, StatementRef } from './evaluationResult.js';
import type { Effect, PolicyVersion } from './model.js';
import type { RequestScope } from './requestScope.js';

export interface CompiledStatement {
  readonly effect: Effect;
  readonly ref: StatementRef;
  /** What `evaluateOne` answers when this statement decides. */
  readonly outcome: PolicyOutcome;
  /** What `evaluate` answers when this statement decides. */
  readonly result: EvaluationResult;
  /** Lower-case actions named literally in `Action`/`NotAction`. */
  readonly actionLiterals: readonly string[];
  /** True when the statement can match actions outside `actionLiterals`. */
  readonly actionOpen: boolean;
  /** `action` must already be lower-case. */
  readonly matchesAction: PatternListMatcher;
  /** Resource and conditions (the action is checked separately). */
  matchesRequest(resource: string, scope: RequestScope): boolean;
}

export interface CompiledPolicy {
  /** The policy's name, reported in `statement.policy` of decisions. */
  readonly name: string | undefined;
  readonly document: string;
  readonly version: PolicyVersion;
  /** The statements that can apply to a lower-case action. */
  readonly statementsFor: (action: string) => StatementGroup;
}

export interface StatementGroup {
  /** Deny statements and Allow statements, each in document order. */
  readonly denies: readonly CompiledStatement[];
  readonly allows: readonly CompiledStatement[];
  /** False when every statement here is already known to match the action. */
  readonly checkAction: boolean;
}
