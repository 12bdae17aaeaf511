import type { Store } from '../store/types.js';
import { builtinDocument } from './builtinPolicies.js';

/** The minified document of a policy, built-in or custom; undefined when it does not exist. */
export async function policyDocument(store: Store, name: string): Promise<string | undefined> {
  return builtinDocument(name) ?? (await store.getPolicy(name))?.document;
}
