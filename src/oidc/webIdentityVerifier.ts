/**
 * `WebIdentityVerifier`: verifies tokens of one OIDC provider. Cheap refusals come first and
 * need no network (size, shape, algorithm, `typ`); then jose checks the signature with the
 * provider's published keys and the claims against the injected clock with a bounded skew.
 */
import { decodeProtectedHeader, errors, jwtVerify, type JWTPayload, type ProtectedHeaderParameters } from 'jose';
import {
  ACCEPTED_TOKEN_TYPES, DEFAULT_CLOCK_SKEW_SECONDS, DEFAULT_DISCOVERY_MAX_AGE_MS, DEFAULT_DISCOVERY_TIMEOUT_MS,
  DEFAULT_JWKS_CACHE_MAX_AGE_MS, DEFAULT_JWKS_COOLDOWN_MS, DEFAULT_JWKS_TIMEOUT_MS, DEFAULT_MAX_TOKEN_BYTES,
  WEB_IDENTITY_ALGORITHMS,
} from './constants.js';
import { endpointUrlProblem } from './endpointUrl.js';
import { InvalidOidcProviderError, type OidcProviderConfig } from './oidcProvider.js';
import { ProviderKeys, type JwksOptions } from './providerKeys.js';
import { WebIdentityError } from './webIdentityError.js';

export interface WebIdentityVerifierOptions {
  /** The token clock, in ms since the epoch. */
  readonly now?: () => number;
  /** Allow `http://` issuer and `jwks_uri` on loopback hosts (tests only). */
  readonly allowInsecureLoopback?: boolean;
  readonly clockSkewSeconds?: number;
  readonly maxTokenBytes?: number;
  readonly discoveryTimeoutMs?: number;
  readonly discoveryMaxAgeMs?: number;
  readonly jwks?: Partial<JwksOptions>;
  readonly fetch?: typeof fetch;
}

export interface VerifiedWebIdentity {
  readonly issuer: string;
  readonly subject: string;
  /** Every `aud` of the token (at least one of them is an allowed audience). */
  readonly audiences: readonly string[];
  readonly issuedAt: number;
  readonly expiresAt: number;
  readonly algorithm: string;
  readonly keyId: string | undefined;
  /** The whole verified payload, for trust-policy conditions. */
  readonly claims: Readonly<JWTPayload>;
}

const COMPACT_JWS = /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*$/;

export class WebIdentityVerifier {
  private readonly keys: ProviderKeys;
  private readonly now: () => number;
  private readonly skew: number;
  private readonly maxTokenBytes: number;

  constructor(
    private readonly provider: OidcProviderConfig,
    options: WebIdentityVerifierOptions = {},
  ) {
    const allowInsecureLoopback = options.allowInsecureLoopback ?? false;
    const problem = URL.canParse(provider.issuer)
      ? endpointUrlProblem(new URL(provider.issuer), allowInsecureLoopback)
      : 'is not a URL';
    if (problem !== undefined) throw new InvalidOidcProviderError('issuer', problem);
    if (provider.audiences.length === 0) throw new InvalidOidcProviderError('audiences', 'must not be empty');
    this.now = options.now ?? Date.now;
    this.skew = options.clockSkewSeconds ?? DEFAULT_CLOCK_SKEW_SECONDS;
    this.maxTokenBytes = options.maxTokenBytes ?? DEFAULT_MAX_TOKEN_BYTES;
    this.keys = new ProviderKeys(provider.issuer, {
      discovery: {
        timeoutMs: options.discoveryTimeoutMs ?? DEFAULT_DISCOVERY_TIMEOUT_MS,
        allowInsecureLoopback,
        fetch: options.fetch ?? fetch,
      },
      discoveryMaxAgeMs: options.discoveryMaxAgeMs ?? DEFAULT_DISCOVERY_MAX_AGE_MS,
      jwks: {
        cacheMaxAge: options.jwks?.cacheMaxAge ?? DEFAULT_JWKS_CACHE_MAX_AGE_MS,
        cooldownDuration: options.jwks?.cooldownDuration ?? DEFAULT_JWKS_COOLDOWN_MS,
        timeoutDuration: options.jwks?.timeoutDuration ?? DEFAULT_JWKS_TIMEOUT_MS,
      },
      elapsed: () => performance.now(),
    });
  }

  async verify(token: string): Promise<VerifiedWebIdentity> {
    this.checkEnvelope(token);
    const now = this.now();
    let payload: JWTPayload;
    let header: ProtectedHeaderParameters;
    try {
      ({ payload, protectedHeader: header } = await jwtVerify(token, this.keys.keyFor, {
        algorithms: [...WEB_IDENTITY_ALGORITHMS],
        issuer: this.provider.issuer,
        audience: [...this.provider.audiences],
        requiredClaims: ['sub', 'exp', 'iat'],
        currentDate: new Date(now),
        clockTolerance: this.skew,
      }));
    } catch (err) {
      throw refusal(err);
    }
    return this.identity(payload, header, now);
  }

  /** Refusals that need neither keys nor network, so junk never triggers a fetch. */
  private checkEnvelope(token: string): void {
    if (typeof token !== 'string' || token.length > this.maxTokenBytes) {
      throw invalid(`the token exceeds ${this.maxTokenBytes} bytes`);
    }
    if (!COMPACT_JWS.test(token)) throw invalid('the token is not a compact JWS');
    let header: ProtectedHeaderParameters;
    try {
      header = decodeProtectedHeader(token);
    } catch {
      throw invalid('the token header cannot be decoded');
    }
    if (typeof header.alg !== 'string' || !WEB_IDENTITY_ALGORITHMS.includes(header.alg)) {
      throw invalid(`the token algorithm is not one of ${WEB_IDENTITY_ALGORITHMS.join(', ')}`);
    }
    if (header.typ !== undefined && !ACCEPTED_TOKEN_TYPES.has(String(header.typ).toLowerCase())) {
      throw invalid('the token type is not an identity or access token');
    }
  }

  private identity(payload: JWTPayload, header: ProtectedHeaderParameters, now: number): VerifiedWebIdentity {
    const { sub, iat, exp, aud } = payload;
    if (typeof sub !== 'string' || sub === '') throw invalid('the token has no subject');
    // jose checks iat only with maxTokenAge; a token issued in the future is refused here.
    if (typeof iat !== 'number' || iat > now / 1000 + this.skew) throw invalid('the token was issued in the future');
    return Object.freeze({
      issuer: this.provider.issuer,
      subject: sub,
      audiences: Object.freeze(typeof aud === 'string' ? [aud] : [...(aud ?? [])]),
      issuedAt: iat * 1000,
      expiresAt: (exp as number) * 1000,
      algorithm: header.alg as string,
      keyId: header.kid,
      claims: Object.freeze(payload),
    });
  }
}

function refusal(err: unknown): WebIdentityError {
  if (err instanceof WebIdentityError) return err;
  if (err instanceof errors.JWTExpired) return new WebIdentityError('ExpiredToken', 'the web identity token has expired', { cause: err });
  if (err instanceof errors.JWTClaimValidationFailed) return invalid(`the token's "${err.claim}" claim is not acceptable`, err);
  if (err instanceof errors.JWSSignatureVerificationFailed) return invalid('the token signature is invalid', err);
  return invalid('the web identity token is invalid', err);
}

function invalid(message: string, cause?: unknown): WebIdentityError {
  return new WebIdentityError('InvalidIdentityToken', message, cause === undefined ? undefined : { cause });
}
