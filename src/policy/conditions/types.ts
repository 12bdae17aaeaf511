/**
 * A condition operator is a descriptor in the registry (`registry.ts`), one file per family.
 * The clause logic shared by all of them (missing keys, `IfExists`, `ForAllValues:` /
 * `ForAnyValue:`, negation) lives in `compileCondition.ts`, not in the families.
 */
import type { PolicyVersion } from '../model.js';

export interface ConditionOperator {
  readonly name: string;
  /** `value`: compares request values; `null`: tests whether the key is present (`Null`). */
  readonly kind: 'value' | 'null';
  /** Negated operators (`StringNotEquals`, ...) hold when no policy value matches. */
  readonly negated: boolean;
  /** Policy variables are substituted in this operator's values (String* and Arn*). */
  readonly variables: boolean;
  /** Why one policy value is refused, or undefined when it is acceptable. */
  check(value: string, version: PolicyVersion): string | undefined;
}

/** Builds a positive and a negated descriptor sharing one value check. */
export function operatorPair(
  names: readonly [string, string],
  shared: Omit<ConditionOperator, 'name' | 'negated'>,
): ConditionOperator[] {
  return [
    { ...shared, name: names[0], negated: false },
    { ...shared, name: names[1], negated: true },
  ];
}
