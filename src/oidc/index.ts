/** AssumeRoleWithWebIdentity core: provider entries, token verification, trust evaluation. */
export * from './constants.js';
export { isLoopbackHost } from './endpointUrl.js';
export { discoverProvider, type DiscoveryOptions, type ProviderMetadata } from './discoverProvider.js';
export {
  defineOidcProvider, InvalidOidcProviderError, oidcProviderArn, providerKey,
  type DefineProviderOptions, type OidcProvider, type OidcProviderConfig,
} from './oidcProvider.js';
export type { JwksOptions } from './providerKeys.js';
export { isWebIdentityError, WebIdentityError, type WebIdentityErrorCode } from './webIdentityError.js';
export { WebIdentityVerifier, type VerifiedWebIdentity, type WebIdentityVerifierOptions } from './webIdentityVerifier.js';
export { evaluateTrust, type TrustDecision, type TrustRequest } from './evaluateTrust.js';
export { MAX_TRUST_POLICY_BYTES, parseTrustPolicy, type TrustPolicy, type TrustStatement } from './parseTrustPolicy.js';
export { principalMatches, type FederatedCaller, type TrustPrincipal } from './trustPrincipal.js';
export { FEDERATED_PROVIDER_KEY, webIdentityContext } from './webIdentityContext.js';
export { unverifiedIssuer } from './unverifiedIssuer.js';
export { DEFAULT_VERIFIER_POOL_ENTRIES, VerifierPool } from './verifierPool.js';
