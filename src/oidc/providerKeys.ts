/**
 * The signing keys of one provider: discovery once (refreshed after `discoveryMaxAgeMs`, and
 * kept when a refresh fails), then jose's remote JWKS, which caches keys for `cacheMaxAge`,
 * refetches on an unknown `kid` (a key rotation) at most once per `cooldownDuration`, and
 * gives each fetch `timeoutDuration`. Once keys are cached a verification makes no request.
 * Failures are classified here, where it is known whether the token or the network is at fault.
 */
import { createRemoteJWKSet, customFetch, errors, type JWSHeaderParameters, type FlattenedJWSInput } from 'jose';
import type { webcrypto } from 'node:crypto';
import { discoverProvider, type DiscoveryOptions, type ProviderMetadata } from './discoverProvider.js';
import { WebIdentityError } from './webIdentityError.js';

export interface JwksOptions {
  readonly cacheMaxAge: number;
  readonly cooldownDuration: number;
  readonly timeoutDuration: number;
}

export interface ProviderKeysOptions {
  readonly discovery: DiscoveryOptions;
  readonly discoveryMaxAgeMs: number;
  readonly jwks: JwksOptions;
  /** Monotonic milliseconds for cache ages (not the token clock, which tests move). */
  readonly elapsed: () => number;
}

type RemoteKeySet = ReturnType<typeof createRemoteJWKSet>;

interface Discovered {
  readonly metadata: ProviderMetadata;
  readonly keySet: RemoteKeySet;
  readonly refreshAt: number;
}

export class ProviderKeys {
  private current: Discovered | undefined;
  private pending: Promise<Discovered> | undefined;

  constructor(
    private readonly issuer: string,
    private readonly options: ProviderKeysOptions,
  ) {}

  /** jose's key resolver: the provider's key for this header, or a typed refusal. */
  readonly keyFor = async (header: JWSHeaderParameters, token: FlattenedJWSInput): Promise<webcrypto.CryptoKey> => {
    const { keySet } = await this.discovered();
    try {
      return (await keySet(header, token)) as webcrypto.CryptoKey;
    } catch (err) {
      throw classifyKeyError(err);
    }
  };

  private async discovered(): Promise<Discovered> {
    const current = this.current;
    if (current !== undefined && this.options.elapsed() < current.refreshAt) return current;
    this.pending ??= this.discover(current).finally(() => {
      this.pending = undefined;
    });
    return this.pending;
  }

  private async discover(previous: Discovered | undefined): Promise<Discovered> {
    const { discovery, discoveryMaxAgeMs, jwks, elapsed } = this.options;
    let metadata: ProviderMetadata;
    try {
      metadata = await discoverProvider(this.issuer, discovery);
    } catch (err) {
      if (previous === undefined) throw err;
      // Stale-if-error: a provider blip must not stop tokens signed with known keys.
      this.current = { ...previous, refreshAt: elapsed() + jwks.cooldownDuration };
      return this.current;
    }
    const sameKeys = previous !== undefined && previous.metadata.jwksUri.href === metadata.jwksUri.href;
    const keySet = sameKeys ? previous.keySet : createRemoteJWKSet(metadata.jwksUri, { ...jwks, [customFetch]: discovery.fetch });
    this.current = { metadata, keySet, refreshAt: elapsed() + discoveryMaxAgeMs };
    return this.current;
  }
}

function classifyKeyError(err: unknown): WebIdentityError {
  if (err instanceof errors.JWKSNoMatchingKey || err instanceof errors.JWKSMultipleMatchingKeys) {
    return new WebIdentityError('InvalidIdentityToken', 'the token was not signed by a key the identity provider publishes', { cause: err });
  }
  if (err instanceof errors.JOSENotSupported) {
    return new WebIdentityError('InvalidIdentityToken', 'the token names a key or algorithm that is not supported', { cause: err });
  }
  // Timeouts, refused connections, non-200 answers and malformed key sets: the provider is at fault.
  const detail = err instanceof errors.JWKSTimeout ? 'timed out' : 'failed';
  return new WebIdentityError('IDPCommunicationError', `fetching the identity provider's keys ${detail}`, { cause: err });
}
