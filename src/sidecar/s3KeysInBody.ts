/**
 * DeleteObjects names its keys in the body, which an `auth_request` sub-request never has. The
 * classifier then checks `s3:DeleteObject` on `arn:aws:s3:::<bucket>/*`, and an Allow there
 * says nothing about a Deny on a narrower prefix (`<bucket>/protected/*` does not match the
 * literal `<bucket>/*`): deleting through DeleteObjects could bypass it. So without the keys,
 * the request is refused whenever a Deny statement might apply to some key of that bucket:
 * conservatively, ignoring its conditions and treating policy variables as wildcards.
 */
import type { CompiledPolicy } from '../policy/index.js';

const NO_VARIABLES = { variable: (): string | undefined => undefined };

/** Statement index -> its Resource patterns, or undefined for NotResource (may apply anywhere). */
const resourcesByPolicy = new WeakMap<CompiledPolicy, ReadonlyArray<readonly string[] | undefined>>();

function statementResources(policy: CompiledPolicy): ReadonlyArray<readonly string[] | undefined> {
  let found = resourcesByPolicy.get(policy);
  if (found === undefined) {
    const document = JSON.parse(policy.document) as { Statement: unknown };
    const statements = (Array.isArray(document.Statement) ? document.Statement : [document.Statement]) as Array<Record<string, unknown>>;
    found = statements.map((statement) => {
      const resource = statement.Resource;
      if (resource === undefined) return undefined;
      return Array.isArray(resource) ? (resource as string[]) : [resource as string];
    });
    resourcesByPolicy.set(policy, found);
  }
  return found;
}

/**
 * Whether some string starting with `prefix` matches the IAM glob `pattern` (`*`, `?`, and
 * `${...}` variables taken as `*`), case-insensitively to stay on the safe side.
 */
export function globMayMatchPrefix(pattern: string, prefix: string): boolean {
  const glob = pattern.replace(/\$\{[^}]*\}/g, '*').toLowerCase();
  const text = prefix.toLowerCase();
  const close = (states: Set<number>): Set<number> => {
    for (const pos of states) if (glob[pos] === '*') states.add(pos + 1);
    return states;
  };
  let states = close(new Set([0]));
  for (const c of text) {
    const next = new Set<number>();
    for (const pos of states) {
      const g = glob[pos];
      if (g === undefined) continue;
      if (g === '*') next.add(pos);
      else if (g === '?' || g === c) next.add(pos + 1);
    }
    if (next.size === 0) return false;
    states = close(next);
  }
  return true;
}

/** True when a Deny statement of any policy might refuse `action` on some key of `bucket`. */
export function denyMayApplyToKeys(policies: readonly CompiledPolicy[], action: string, bucket: string): boolean {
  const lower = action.toLowerCase();
  const prefix = `arn:aws:s3:::${bucket}/`;
  for (const policy of policies) {
    const group = policy.statementsFor(lower);
    if (group.denies.length === 0) continue;
    const resources = statementResources(policy);
    for (const statement of group.denies) {
      if (group.checkAction && !statement.matchesAction(lower, NO_VARIABLES)) continue;
      const patterns = resources[statement.ref.index];
      if (patterns === undefined || patterns.some((pattern) => globMayMatchPrefix(pattern, prefix))) return true;
    }
  }
  return false;
}
