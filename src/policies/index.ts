/**
 * The service's policy catalogue, used by STS, the sidecar and the admin API alike: which
 * policies are built in, a policy's document by name, and document validation.
 */
export { BUILTIN_POLICY_NAMES, builtinDocument, isBuiltinPolicy } from './builtinPolicies.js';
export { policyDocument } from './policyDocument.js';
export { validatedDocument } from './validatedDocument.js';
export { checkedDocument, type CheckedDocument } from './checkedDocument.js';
