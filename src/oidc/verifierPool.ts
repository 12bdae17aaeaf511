/**
 * One `WebIdentityVerifier` per registered provider, reused across requests so discovery and
 * keys stay cached (a verifier per request would fetch the JWKS every time). Bounded: the least
 * recently used verifier is dropped past `maxEntries`. A provider whose audiences changed gets
 * a fresh verifier; its keys are refetched once.
 */
import type { OidcProviderConfig } from './oidcProvider.js';
import { WebIdentityVerifier, type WebIdentityVerifierOptions } from './webIdentityVerifier.js';

export const DEFAULT_VERIFIER_POOL_ENTRIES = 1000;

interface Entry {
  readonly audiences: string;
  readonly verifier: WebIdentityVerifier;
}

export class VerifierPool {
  private readonly entries = new Map<string, Entry>();

  constructor(
    private readonly options: WebIdentityVerifierOptions = {},
    private readonly maxEntries = DEFAULT_VERIFIER_POOL_ENTRIES,
  ) {}

  verifierFor(provider: OidcProviderConfig): WebIdentityVerifier {
    const audiences = JSON.stringify([...provider.audiences].sort());
    const found = this.entries.get(provider.issuer);
    this.entries.delete(provider.issuer);
    const entry = found?.audiences === audiences ? found : { audiences, verifier: new WebIdentityVerifier(provider, this.options) };
    this.entries.set(provider.issuer, entry);
    if (this.entries.size > this.maxEntries) {
      const oldest = this.entries.keys().next();
      if (oldest.done !== true) this.entries.delete(oldest.value);
    }
    return entry.verifier;
  }

  /** After a provider is removed or changed in the registry. */
  forget(issuer: string): void {
    this.entries.delete(issuer);
  }
}
