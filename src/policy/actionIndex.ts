/**
 * Per-policy index from a (lower-case) action to the statements that can apply to it, so
 * evaluation does one Map lookup per policy instead of an action match per statement. Every
 * literal action named in the policy gets the exact, ordered list of statements whose
 * `Action`/`NotAction` accepts it (worked out here, once); any other action can only be
 * matched by statements with wildcards or `NotAction`, which are kept with `checkAction` set.
 */
import type { CompiledStatement, StatementGroup } from './compiledPolicy.js';
import type { VariableSource } from './wildcardMatcher.js';

/** Action patterns never hold variables; matching them needs no request context. */
const NO_VARIABLES: VariableSource = { variable: () => undefined };

export function indexByAction(statements: readonly CompiledStatement[]): (action: string) => StatementGroup {
  const index = new Map<string, StatementGroup>();
  for (const action of new Set(statements.flatMap((statement) => statement.actionLiterals))) {
    index.set(action, group(statements.filter((s) => s.matchesAction(action, NO_VARIABLES)), false));
  }
  const fallback = group(statements.filter((statement) => statement.actionOpen), true);
  return (action) => index.get(action) ?? fallback;
}

function group(statements: readonly CompiledStatement[], checkAction: boolean): StatementGroup {
  return Object.freeze({
    denies: statements.filter((statement) => statement.effect === 'Deny'),
    allows: statements.filter((statement) => statement.effect === 'Allow'),
    checkAction,
  });
}
