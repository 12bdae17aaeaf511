import { BUILTIN_POLICIES } from '../policy/index.js';
import type { StoreOptions } from './types.js';

/** The names a store treats as existing without a record: as given, else the pre-defined policies. */
export function builtinPolicyNames(options: StoreOptions): ReadonlySet<string> {
  return new Set(options.builtinPolicies ?? Object.keys(BUILTIN_POLICIES));
}
