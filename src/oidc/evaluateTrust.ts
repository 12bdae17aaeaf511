/**
 * `evaluateTrust`: may this web identity caller assume the role? IAM semantics on the trust
 * policy alone: a Deny statement whose principal and conditions apply wins; otherwise an
 * applying Allow statement allows; otherwise the answer is no (deny by default). A statement
 * applies only when its `Principal` names the caller's provider (or anyone), its `Action`
 * covers the action, and all its conditions hold on the token's claims.
 */
import { evaluateOne, type RequestContext, type StatementRef } from '../policy/index.js';
import { ASSUME_ROLE_WITH_WEB_IDENTITY } from './constants.js';
import type { TrustPolicy, TrustStatement } from './parseTrustPolicy.js';
import { principalMatches, type FederatedCaller } from './trustPrincipal.js';
import { webIdentityContext } from './webIdentityContext.js';

export interface TrustRequest {
  /** The provider that issued the (verified) token: its ARN and key (issuer without scheme). */
  readonly provider: FederatedCaller;
  /** The verified token's payload. */
  readonly claims: Readonly<Record<string, unknown>>;
  /** Defaults to `sts:AssumeRoleWithWebIdentity`; `sts:TagSession` etc. are checked alike. */
  readonly action?: string;
  /** Keys the service supplies (`aws:CurrentTime`, `aws:SourceIp`, ...). */
  readonly context?: RequestContext;
}

export interface TrustDecision {
  readonly allowed: boolean;
  readonly reason: 'Allowed' | 'ExplicitDeny' | 'ImplicitDeny';
  /** The statement that decided (absent for an implicit deny). */
  readonly statement?: StatementRef;
}

/** Trust statements have no Resource; the synthetic `Resource: "*"` matches any text. */
const ROLE_RESOURCE = '*';
const IMPLICIT_DENY: TrustDecision = Object.freeze({ allowed: false, reason: 'ImplicitDeny' });

export function evaluateTrust(policy: TrustPolicy, request: TrustRequest): TrustDecision {
  const authorization = {
    action: request.action ?? ASSUME_ROLE_WITH_WEB_IDENTITY,
    resource: ROLE_RESOURCE,
    context: webIdentityContext(request.provider, request.claims, request.context),
  };
  const applies = (statement: TrustStatement) =>
    principalMatches(statement.principal, request.provider) &&
    evaluateOne(statement.policy, authorization).decision === statement.effect;
  const deny = policy.statements.find((statement) => statement.effect === 'Deny' && applies(statement));
  if (deny !== undefined) return Object.freeze({ allowed: false, reason: 'ExplicitDeny', statement: deny.ref });
  const allow = policy.statements.find((statement) => statement.effect === 'Allow' && applies(statement));
  if (allow !== undefined) return Object.freeze({ allowed: true, reason: 'Allowed', statement: allow.ref });
  return IMPLICIT_DENY;
}
