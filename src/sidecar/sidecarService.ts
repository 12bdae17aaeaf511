import { TEMPORARY_KEY } from '../auth/resolveCredential.js';
import { CredentialError } from '../auth/credentialError.js';
import type { Deps } from '../deps.js';
import { evaluate, PolicyCache, type EvaluationResult, type RequestContext } from '../policy/index.js';
import { SigningKeyCache, streamingSigningContext, type HttpRequestParts, type ParsedSigV4, type StreamingSigningContext } from '../sigv4/index.js';
import type { AuthorizeInput, CredentialInput } from './parseInput.js';
import type { PrincipalEntry } from './principalEntry.js';
import { PrincipalResolver, type PrincipalCacheOptions } from './principalResolver.js';
import { evaluationContext, TimeContext } from './serviceContext.js';
import { boundSessionToken, checkSignature, parseSignedRequest } from './signedRequest.js';
import { TokenCache } from './tokenCache.js';

export interface SidecarCacheOptions {
  readonly principals?: Partial<PrincipalCacheOptions>;
  /** Verified session tokens kept (claims only). */
  readonly tokens?: number;
  /** Compiled policies kept, by document. */
  readonly policies?: number;
  /** Derived SigV4 signing keys kept. */
  readonly signingKeys?: number;
}

/** Where the frontend gave no client address: one bucket for all such calls. */
const UNKNOWN_ADDRESS = 'unknown';

/** Refusals that count as a guess: a signature that does not verify, a key that does not exist. */
const GUESS_FAILURES: ReadonlySet<string> = new Set(['bad-signature', 'unknown-key']);

export const DEFAULT_CACHE = Object.freeze({ principals: 10_000, principalMaxAgeMs: 30_000, tokens: 10_000, policies: 10_000, signingKeys: 4096 });

/**
 * What `/v1/verify` and `/v1/authorize` do, without HTTP: resolve the credential (and check the
 * frontend's signed request), then answer with the principal's pre-rendered JSON.
 */
export class SidecarService {
  private readonly resolver: PrincipalResolver;
  private readonly signingKeyCache: SigningKeyCache;
  private readonly time = new TimeContext();

  constructor(private readonly deps: Deps, cache: SidecarCacheOptions = {}) {
    const tokens = new TokenCache(deps.keys, cache.tokens ?? DEFAULT_CACHE.tokens);
    const policies = new PolicyCache({ maxEntries: cache.policies ?? DEFAULT_CACHE.policies });
    this.resolver = new PrincipalResolver(deps, tokens, policies, {
      maxEntries: cache.principals?.maxEntries ?? DEFAULT_CACHE.principals,
      maxAgeMs: cache.principals?.maxAgeMs ?? DEFAULT_CACHE.principalMaxAgeMs,
    });
    this.signingKeyCache = new SigningKeyCache(cache.signingKeys ?? DEFAULT_CACHE.signingKeys);
  }

  /** The JSON body of a successful `/v1/verify`. Throws CredentialError (401) or store errors. */
  async verify(input: CredentialInput, now: number): Promise<string> {
    return (await this.resolve(input, now)).verifyJson;
  }

  /** The JSON body of a successful `/v1/authorize`: one result per check, in order. */
  async authorize(input: AuthorizeInput, now: number): Promise<string> {
    const entry = await this.resolve(input, now);
    const time = this.time.at(now);
    const results = input.checks.map((check) => {
      const context = evaluationContext(check.context, entry.context, time);
      return entry.resultJson(evaluate(entry.policies, { action: check.action, resource: check.resource, context }));
    });
    return `${entry.authorizePrefix}${results.join(',')}]}`;
  }

  /**
   * Sessions: the token alone is enough; with `request`, its signature must also verify with
   * the derived temporary secret. Permanent keys: only with `request`, since only a signature
   * proves the caller holds the secret.
   */
  private async resolve(input: CredentialInput, now: number): Promise<PrincipalEntry> {
    const parsed = input.request === undefined ? undefined : parseSignedRequest(input.request, input.accessKeyId);
    return this.resolveParsed(input, parsed, now);
  }

  /**
   * `/v1/s3/authorize`: the credential is the one the request itself carries (already parsed by
   * the caller), checked with the same rules and caches as `/v1/verify`.
   */
  resolveSigned(request: HttpRequestParts, parsed: ParsedSigV4, now: number, sourceIp?: string): Promise<PrincipalEntry> {
    return this.resolveParsed({ accessKeyId: parsed.accessKeyId, sessionToken: undefined, request, sourceIp }, parsed, now);
  }

  /** One check for a resolved principal, with the service's keys over the request's. */
  evaluateFor(entry: PrincipalEntry, action: string, resource: string, context: RequestContext, now: number): EvaluationResult {
    return evaluate(entry.policies, { action, resource, context: evaluationContext(context, entry.context, this.time.at(now)) });
  }

  /** The day-scoped chunk-signing context of a verified streaming request (see sigv4/streamingContext.ts). */
  streamingContext(entry: PrincipalEntry, parsed: ParsedSigV4): StreamingSigningContext {
    return streamingSigningContext(parsed, entry.secretKey, this.signingKeyCache);
  }

  /**
   * A signed request proves possession of a secret, so it is what online guessing goes
   * through: an address (or a key from it) that failed too often is refused unchecked, and each
   * failed signature or unknown key is counted, shared with the Query API's sign-ins. Without
   * the client's address, a permanent key's failures are counted for the key alone (its secret
   * may be weak; the frontend that gives no address accepts that its users share one bucket);
   * a temporary key's secret is 40 random characters, not worth guessing. Token-only calls
   * prove nothing guessable and are not counted.
   */
  private async resolveParsed(input: CredentialInput, parsed: ParsedSigV4 | undefined, now: number): Promise<PrincipalEntry> {
    if (parsed === undefined) return this.resolveUnthrottled(input, parsed, now);
    if (input.sourceIp === undefined && TEMPORARY_KEY.test(input.accessKeyId)) return this.resolveUnthrottled(input, parsed, now);
    const source = { address: input.sourceIp ?? UNKNOWN_ADDRESS, accessKeyId: input.accessKeyId };
    if (this.deps.signIns.blocked(source)) throw new CredentialError('throttled', 'too many failed sign-ins lately; try again later');
    try {
      return await this.resolveUnthrottled(input, parsed, now);
    } catch (err) {
      if (err instanceof CredentialError && GUESS_FAILURES.has(err.reason)) await this.deps.signIns.recordFailure(source);
      throw err;
    }
  }

  private async resolveUnthrottled(input: CredentialInput, parsed: ParsedSigV4 | undefined, now: number): Promise<PrincipalEntry> {
    const token = boundSessionToken(input.sessionToken, parsed);
    let entry: PrincipalEntry;
    if (TEMPORARY_KEY.test(input.accessKeyId)) {
      if (token === undefined) throw new CredentialError('malformed', 'temporary credentials need their session token');
      if (parsed !== undefined && parsed.securityToken === undefined) {
        throw new CredentialError('malformed', 'the signed request carries no X-Amz-Security-Token');
      }
      entry = await this.resolver.session(input.accessKeyId, token, now);
    } else {
      if (token !== undefined) throw new CredentialError('malformed', 'a session token was given with a permanent access key');
      if (parsed === undefined) throw new CredentialError('malformed', 'a permanent access key is accepted only with a signed request');
      entry = await this.resolver.user(input.accessKeyId, now);
    }
    if (input.request !== undefined && parsed !== undefined) {
      checkSignature(input.request, parsed, entry.secretKey, { now, region: this.deps.config.region, signingKeyCache: this.signingKeyCache });
    }
    return entry;
  }
}
