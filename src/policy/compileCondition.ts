/**
 * One `Condition` clause (operator + key + values) compiled into a predicate on the request.
 * AWS semantics, shared by every operator family:
 * - values of one clause are OR'd; clauses (keys and operators) are AND'd by the statement;
 * - a missing key (absent, undefined or an empty list) makes a positive operator false and a
 *   negated one (`StringNotEquals`, `NotIpAddress`, ...) true; `...IfExists` makes it true;
 *   `ForAllValues:` is true and `ForAnyValue:` false (both true with `IfExists`);
 * - `ForAllValues:` holds when every request value satisfies the operator, `ForAnyValue:` when
 *   at least one does; a negated operator is satisfied by a value that matches no policy value;
 * - without a qualifier, a multi-valued key matches when any of its values matches (negated:
 *   when none does), the way AWS treats single-valued operators on multi-valued keys;
 * - a request value of the wrong type (not a number, date, IP, ...) matches no policy value.
 */
import { parseOperatorName, type SetQualifier } from './conditions/registry.js';
import type { ValueTest } from './conditions/types.js';
import type { ConditionClause, PolicyVersion } from './model.js';
import { isMissing, type RequestScope } from './requestScope.js';

export type CompiledCondition = (scope: RequestScope) => boolean;

export function compileCondition(clause: ConditionClause, version: PolicyVersion): CompiledCondition {
  const name = parseOperatorName(clause.operator);
  if (typeof name === 'string') throw new Error(`unvalidated condition operator: ${name}`);
  const { operator, qualifier, ifExists } = name;
  const test = operator.compile(clause.values, version);
  const { key } = clause;
  const keyLower = key.toLowerCase();
  if (operator.kind === 'null') {
    return (scope) => test(isMissing(scope.get(key, keyLower)) ? 'true' : 'false', scope);
  }
  const whenMissing = ifExists || (qualifier === undefined ? operator.negated : qualifier === 'ForAllValues');
  return (scope) => {
    const value = scope.get(key, keyLower);
    if (isMissing(value)) return whenMissing;
    if (typeof value === 'string') return operator.negated !== test(value, scope);
    return matchValues(value, test, operator.negated, qualifier, scope);
  };
}

function matchValues(
  values: readonly string[],
  test: ValueTest,
  negated: boolean,
  qualifier: SetQualifier | undefined,
  scope: RequestScope,
): boolean {
  if (qualifier === undefined) {
    for (const value of values) if (test(value, scope)) return !negated;
    return negated;
  }
  const all = qualifier === 'ForAllValues';
  for (const value of values) {
    const satisfied = negated !== test(value, scope);
    if (satisfied !== all) return !all;
  }
  return all;
}
