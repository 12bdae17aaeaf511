/**
 * Evaluation with AWS semantics for an identity policy plus session policies:
 * - an explicit Deny in any policy wins;
 * - otherwise every policy in the list must Allow (the user's policy AND each session policy:
 *   a session policy only reduces); anything else is an implicit deny;
 * - an empty list allows nothing.
 */
import type { CompiledPolicy, CompiledStatement } from './compiledPolicy.js';
import { IMPLICIT_DENY, NO_DECISION, type EvaluationResult, type PolicyOutcome } from './evaluationResult.js';
import { RequestScope, type RequestContext } from './requestScope.js';

export interface AuthorizationRequest {
  /** `service:Action`, e.g. `s3:GetObject` (any case). */
  readonly action: string;
  /** The resource ARN, e.g. `arn:aws:s3:::bucket/key`. */
  readonly resource: string;
  readonly context: RequestContext;
}

export function evaluate(policies: readonly CompiledPolicy[], request: AuthorizationRequest): EvaluationResult {
  if (policies.length === 0) return IMPLICIT_DENY;
  const action = request.action.toLowerCase();
  const { resource } = request;
  const scope = new RequestScope(request.context);
  let allowed: EvaluationResult | undefined;
  let everyPolicyAllows = true;
  for (const policy of policies) {
    const group = policy.statementsFor(action);
    const deny = firstApplying(group.denies, group.checkAction, action, resource, scope);
    if (deny !== undefined) return deny.result;
    // Once one policy fails to allow, the rest only need their denies checked.
    if (!everyPolicyAllows) continue;
    const allow = firstApplying(group.allows, group.checkAction, action, resource, scope);
    if (allow === undefined) everyPolicyAllows = false;
    else allowed ??= allow.result;
  }
  return everyPolicyAllows && allowed !== undefined ? allowed : IMPLICIT_DENY;
}

/** One policy on its own: Deny if a Deny statement applies, else Allow if an Allow does. */
export function evaluateOne(policy: CompiledPolicy, request: AuthorizationRequest): PolicyOutcome {
  const action = request.action.toLowerCase();
  const scope = new RequestScope(request.context);
  const group = policy.statementsFor(action);
  const decisive =
    firstApplying(group.denies, group.checkAction, action, request.resource, scope) ??
    firstApplying(group.allows, group.checkAction, action, request.resource, scope);
  return decisive?.outcome ?? NO_DECISION;
}

function firstApplying(
  statements: readonly CompiledStatement[],
  checkAction: boolean,
  action: string,
  resource: string,
  scope: RequestScope,
): CompiledStatement | undefined {
  for (const statement of statements) {
    if (checkAction && !statement.matchesAction(action, scope)) continue;
    if (statement.matchesRequest(resource, scope)) return statement;
  }
  return undefined;
}
