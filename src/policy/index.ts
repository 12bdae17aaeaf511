/** Pure IAM identity-policy module: parse and validate once, then compile and evaluate. */
export { BUILTIN_POLICIES, isBuiltinPolicy, type BuiltinPolicyName } from './builtinPolicies.js';
export { CURRENT_POLICY_VERSION, MAX_POLICY_BYTES, POLICY_VERSIONS } from './constants.js';
export { minifyPolicy } from './minifyPolicy.js';
export type * from './model.js';
export { parsePolicy } from './parsePolicy.js';
export {
  isPolicyValidationError,
  PolicyValidationError,
  type PolicyErrorCode,
  type PolicyErrorLocation,
} from './policyValidationError.js';
