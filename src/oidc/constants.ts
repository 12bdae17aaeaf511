/**
 * Signature algorithms accepted from identity providers. Asymmetric only: an HMAC algorithm
 * would let anyone holding the provider's public key (published in the JWKS) forge tokens, and
 * `none` is no signature at all.
 */
export const WEB_IDENTITY_ALGORITHMS: readonly string[] = ['RS256', 'ES256', 'EdDSA'];

/** `typ` header values of tokens meant to be presented as bearer identity (absent is fine too). */
export const ACCEPTED_TOKEN_TYPES: ReadonlySet<string> = new Set(['jwt', 'at+jwt', 'application/jwt', 'application/at+jwt']);

export const DEFAULT_CLOCK_SKEW_SECONDS = 60;
export const DEFAULT_MAX_TOKEN_BYTES = 16 * 1024;
export const DEFAULT_DISCOVERY_TIMEOUT_MS = 5_000;
/** Discovery documents rarely change; refetching hourly picks up a moved `jwks_uri`. */
export const DEFAULT_DISCOVERY_MAX_AGE_MS = 60 * 60 * 1000;
/** A discovery document is a few KB; anything far larger is not one. */
export const MAX_DISCOVERY_BYTES = 64 * 1024;

export const DEFAULT_JWKS_TIMEOUT_MS = 5_000;
export const DEFAULT_JWKS_CACHE_MAX_AGE_MS = 10 * 60 * 1000;
/** After a refetch, an unknown `kid` waits this long before the next one (bounds refetch storms). */
export const DEFAULT_JWKS_COOLDOWN_MS = 30_000;

export const WELL_KNOWN_CONFIGURATION = '/.well-known/openid-configuration';

/** The action a web identity trust statement allows. */
export const ASSUME_ROLE_WITH_WEB_IDENTITY = 'sts:AssumeRoleWithWebIdentity';
