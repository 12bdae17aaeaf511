/**
 * `compilePolicy`: a parsed `Policy` turned into matchers, once per document. Statements are
 * indexed by action and split into Deny and Allow lists so evaluation checks explicit denies
 * first, and each statement carries its answers pre-built: evaluation allocates nothing per
 * decision beyond the request scope.
 */
import { indexByAction } from './actionIndex.js';
import { compileCondition, type CompiledCondition } from './compileCondition.js';
import { compileActions, compileResources, type PatternListMatcher } from './compilePatternList.js';
import { statementRef } from './evaluationResult.js';
import type { CompiledPolicy, CompiledStatement } from './compiledPolicy.js';
import type { Policy, PolicyVersion, Statement } from './model.js';

export interface CompileOptions {
  readonly name?: string | undefined;
}

export function compilePolicy(policy: Policy, options: CompileOptions = {}): CompiledPolicy {
  const statements = policy.statements.map((statement) => compileStatement(statement, policy.version, options.name));
  return Object.freeze({
    name: options.name,
    document: policy.document,
    version: policy.version,
    statementsFor: indexByAction(statements),
  });
}

function compileStatement(statement: Statement, version: PolicyVersion, policyName: string | undefined): CompiledStatement {
  const ref = statementRef(policyName, statement.sid, statement.index);
  const { effect } = statement;
  const actions = compileActions(statement.action);
  return Object.freeze({
    effect,
    ref,
    outcome: Object.freeze({ decision: effect, statement: ref }),
    result: Object.freeze({ decision: effect, reason: effect === 'Allow' ? 'Allowed' : 'ExplicitDeny', statement: ref }),
    actionLiterals: actions.literals,
    actionOpen: actions.open,
    matchesAction: actions.matches,
    matchesRequest: requestPredicate(
      compileResources(statement.resource, version).matches,
      statement.conditions.map((clause) => compileCondition(clause, version)),
    ),
  });
}

function requestPredicate(
  resources: PatternListMatcher,
  conditions: readonly CompiledCondition[],
): CompiledStatement['matchesRequest'] {
  if (conditions.length === 0) return resources;
  return (resource, scope) => {
    if (!resources(resource, scope)) return false;
    for (const condition of conditions) if (!condition(scope)) return false;
    return true;
  };
}
