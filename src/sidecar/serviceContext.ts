import { callerUserId, isRoleSession, principalArn, type Caller } from '../auth/caller.js';
import { FEDERATED_PROVIDER_KEY, oidcProviderArn, webIdentityContext } from '../oidc/index.js';
import type { RequestContext } from '../policy/index.js';
import { roleOfOwner } from '../store/records.js';

/** A principal's keys: text, or lists of text for multi-valued claims (`<provider>:groups`). */
export type PrincipalContext = Readonly<Record<string, string | readonly string[]>>;

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

const SERVICE_KEYS_LOWER: ReadonlySet<string> = new Set([...SERVICE_KEYS, FEDERATED_PROVIDER_KEY].map((key) => key.toLowerCase()));

/**
 * True for a key the service supplies itself, in any spelling: its own keys, and the web
 * identity claim keys `<issuer host[:port][/path]>:<claim>`. A frontend key's prefix is a
 * service name (`aws`, `s3`, ...), never a host name with a dot, so a key whose prefix has one
 * (or is `localhost`) is an issuer's and is dropped, and no frontend can supply a claim a web
 * identity token did not carry.
 */
export function isServiceKey(key: string): boolean {
  if (SERVICE_KEYS_LOWER.has(key.toLowerCase())) return true;
  const prefix = key.slice(0, Math.max(0, key.indexOf(':')));
  return prefix.includes('.') || prefix.includes('/') || prefix.toLowerCase() === 'localhost';
}

/**
 * The principal's keys, fixed for a cached principal. `aws:username` is the parent user for
 * sessions too, so `${aws:username}` works in policies; `aws:PrincipalArn` is the role's ARN for
 * role sessions (as in AWS; `/v1/verify` reports the assumed-role ARN) and the user's otherwise.
 */
export function principalContext(caller: Caller, accountId: string): PrincipalContext {
  const roleSession = caller.kind === 'session' && isRoleSession(caller.session);
  // A role's session has no user (as in AWS, no aws:username); a web identity one has its claims.
  const identity = caller.kind === 'session' ? caller.session.webIdentity : undefined;
  const claims = identity === undefined
    ? {}
    : webIdentityContext({ key: identity.providerKey, arn: oidcProviderArn(accountId, identity.issuer) }, identity.claims);
  return Object.freeze({
    ...(claims as PrincipalContext),
    ...(roleOfOwner(caller.user.name) === undefined ? { 'aws:username': caller.user.name } : {}),
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
  principal: PrincipalContext,
  time: Readonly<Record<string, string>>,
): RequestContext {
  return Object.assign({}, frontend, principal, time);
}
