import { BUILTIN_POLICIES, minifyPolicy } from '../policy/index.js';

/**
 * The pre-defined policies as the service offers them: present from the start, listed with the
 * custom ones, never changed nor removed. Their documents are the policy engine's data
 * (policy/builtinPolicies.ts); they are never written to a store (see StoreOptions).
 */
export const BUILTIN_POLICY_NAMES: readonly string[] = Object.freeze(Object.keys(BUILTIN_POLICIES));

const BUILTIN_TEXT: ReadonlyMap<string, string> = new Map(
  Object.entries(BUILTIN_POLICIES).map(([name, document]) => [name, minifyPolicy(document)]),
);

/** Own names only: `constructor` or `__proto__` is not a built-in policy. */
export function isBuiltinPolicy(name: string): boolean {
  return BUILTIN_TEXT.has(name);
}

/** The minified document of a built-in policy; undefined for any other name. */
export function builtinDocument(name: string): string | undefined {
  return BUILTIN_TEXT.get(name);
}
