import { callerUserId, isRoleSession, principalArn, type Caller } from '../auth/caller.js';
import type { RequestContext } from '../policy/index.js';

/**
 * Condition keys the service answers for itself. A frontend value for any of them, in any
 * spelling (IAM keys are case-insensitive), is dropped, so `aws:username` cannot be spoofed.
 */
export const SERVICE_KEYS = Object.freeze([
  'aws:username',
  'aws:userid',
  'aws:PrincipalArn',
  'aws:PrincipalType',
  'aws:PrincipalAccount',
  'aws:CurrentTime',
  'aws:EpochTime',
  'aws:TokenIssueTime',
] as const);

const SERVICE_KEYS_LOWER: ReadonlySet<string> = new Set(SERVICE_KEYS.map((key) => key.toLowerCase()));

/** True for a key the service supplies itself, in any spelling. */
export function isServiceKey(key: string): boolean {
  return SERVICE_KEYS_LOWER.has(key.toLowerCase());
}

/**
 * The principal's keys, fixed for a cached principal. `aws:username` is the parent user for
 * sessions too, so `${aws:username}` works in policies; `aws:PrincipalArn` is the role's ARN for
 * role sessions (as in AWS; `/v1/verify` reports the assumed-role ARN) and the user's otherwise.
 */
export function principalContext(caller: Caller, accountId: string): Readonly<Record<string, string>> {
  const roleSession = caller.kind === 'session' && isRoleSession(caller.session);
  return Object.freeze({
    'aws:username': caller.user.name,
    'aws:userid': callerUserId(caller),
    'aws:PrincipalArn': principalArn(caller, accountId),
    'aws:PrincipalType': roleSession ? 'AssumedRole' : 'User',
    'aws:PrincipalAccount': accountId,
    ...(caller.kind === 'session' ? { 'aws:TokenIssueTime': new Date(caller.session.issuedAt).toISOString() } : {}),
  });
}

/** The keys that change with every call: the service's clock. Calls in the same ms share them. */
export class TimeContext {
  private last: { readonly now: number; readonly keys: Readonly<Record<string, string>> } | undefined;

  at(now: number): Readonly<Record<string, string>> {
    if (this.last?.now !== now) {
      const keys = Object.freeze({ 'aws:CurrentTime': new Date(now).toISOString(), 'aws:EpochTime': String(Math.floor(now / 1000)) });
      this.last = { now, keys };
    }
    return this.last.keys;
  }
}

/**
 * The frontend's keys, then the principal's, then the time: later ones win. Object.assign,
 * not spread syntax: spreading these objects is an order of magnitude slower in V8.
 */
export function evaluationContext(
  frontend: RequestContext,
  principal: Readonly<Record<string, string>>,
  time: Readonly<Record<string, string>>,
): RequestContext {
  return Object.assign({}, frontend, principal, time);
}
