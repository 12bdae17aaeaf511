/**
 * The request context a trust policy sees for AssumeRoleWithWebIdentity. Each top-level claim
 * of the verified token is a key `<provider key>:<claim>` (the issuer without its scheme, as
 * IAM writes `token.actions.githubusercontent.com:sub`): strings as they are, numbers and
 * booleans as text, lists of those as multi-valued keys (`:aud`, `:amr`, `:groups`). Nested
 * objects, and claims whose name holds a colon, are left out. `aws:FederatedProvider` is the
 * provider's ARN; keys the service supplies (`aws:CurrentTime`, `aws:SourceIp`, ...) come last,
 * so no claim can stand in for them.
 */
import type { ContextValue, RequestContext } from '../policy/index.js';
import type { FederatedCaller } from './trustPrincipal.js';

export const FEDERATED_PROVIDER_KEY = 'aws:FederatedProvider';

export function webIdentityContext(
  provider: FederatedCaller,
  claims: Readonly<Record<string, unknown>>,
  serviceContext: RequestContext = {},
): RequestContext {
  const context: Record<string, ContextValue> = {};
  for (const [claim, value] of Object.entries(claims)) {
    // A claim named like `8443:sub` from issuer `a.com` would read as `a.com:8443:sub`, another
    // provider's key (issuer `a.com:8443`): claim names with a colon are left out.
    if (claim.includes(':')) continue;
    const text = contextValue(value);
    if (text !== undefined) context[`${provider.key}:${claim}`] = text;
  }
  return { ...context, ...serviceContext, [FEDERATED_PROVIDER_KEY]: provider.arn };
}

function contextValue(value: unknown): ContextValue {
  if (Array.isArray(value)) {
    const values = value.map(scalarText).filter((text): text is string => text !== undefined);
    return values.length === value.length ? values : undefined;
  }
  return scalarText(value);
}

function scalarText(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  if (typeof value === 'boolean' || (typeof value === 'number' && Number.isFinite(value))) return String(value);
  return undefined;
}
