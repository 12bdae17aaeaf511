/**
 * The typed model of an IAM identity-policy document. A document is parsed and validated once
 * (`parsePolicy`) into this shape; evaluation never looks at the raw JSON again.
 */

/** `2012-10-17` enables policy variables; under `2008-10-17` `${...}` is literal text (AWS). */
export type PolicyVersion = '2012-10-17' | '2008-10-17';

export type Effect = 'Allow' | 'Deny';

/** `Action`/`NotAction` or `Resource`/`NotResource`: patterns as written, and which of the two. */
export interface PatternList {
  readonly negated: boolean;
  readonly patterns: readonly string[];
}

/** One operator/key pair of a `Condition` block; `values` are OR'd, clauses are AND'd. */
export interface ConditionClause {
  /** The operator as written, e.g. `ForAnyValue:StringLikeIfExists`. */
  readonly operator: string;
  readonly key: string;
  /** Policy values normalised to strings (`true` -> `"true"`, `10` -> `"10"`). */
  readonly values: readonly string[];
}

export interface Statement {
  /** Position in the document's `Statement` list (0-based). */
  readonly index: number;
  readonly sid: string | undefined;
  readonly effect: Effect;
  readonly action: PatternList;
  readonly resource: PatternList;
  readonly conditions: readonly ConditionClause[];
}

export interface Policy {
  readonly version: PolicyVersion;
  readonly id: string | undefined;
  readonly statements: readonly Statement[];
  /** The document minified (`JSON.stringify` of the parsed input); the cache key. */
  readonly document: string;
}

/** The JSON shape of a document, for documents built in code (the built-in policies). */
export interface PolicyDocument {
  readonly Version: PolicyVersion;
  readonly Id?: string;
  readonly Statement: readonly PolicyDocumentStatement[];
}

export interface PolicyDocumentStatement {
  readonly Sid?: string;
  readonly Effect: Effect;
  readonly Action?: string | readonly string[];
  readonly NotAction?: string | readonly string[];
  readonly Resource?: string | readonly string[];
  readonly NotResource?: string | readonly string[];
  readonly Condition?: Readonly<Record<string, Readonly<Record<string, ConditionValue>>>>;
}

export type ConditionScalar = string | number | boolean;
export type ConditionValue = ConditionScalar | readonly ConditionScalar[];
