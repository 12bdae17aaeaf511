/** Pure IAM identity-policy module: parse and validate once, then compile and evaluate. */
export { BUILTIN_POLICIES, type BuiltinPolicyName } from './builtinPolicies.js';
export { compilePolicy, type CompileOptions } from './compilePolicy.js';
export type { CompiledPolicy, CompiledStatement, StatementGroup } from './compiledPolicy.js';
export { CONDITION_OPERATORS, parseOperatorName } from './conditions/registry.js';
export type { ConditionOperator } from './conditions/types.js';
export { CURRENT_POLICY_VERSION, MAX_POLICY_BYTES, POLICY_VERSIONS } from './constants.js';
export { evaluate, evaluateOne, type AuthorizationRequest } from './evaluate.js';
export type { EvaluationResult, PolicyOutcome, StatementRef } from './evaluationResult.js';
export { minifyPolicy } from './minifyPolicy.js';
export type * from './model.js';
export { parsePolicy } from './parsePolicy.js';
export { DEFAULT_POLICY_CACHE_ENTRIES, PolicyCache, type PolicyCacheOptions } from './policyCache.js';
export {
  isPolicyValidationError,
  PolicyValidationError,
  type PolicyErrorCode,
  type PolicyErrorLocation,
} from './policyValidationError.js';
export type { ContextValue, RequestContext } from './requestScope.js';
