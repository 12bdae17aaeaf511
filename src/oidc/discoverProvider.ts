/**
 * OpenID Connect discovery: `<issuer>/.well-known/openid-configuration`, fetched with a
 * deadline that covers the body, no redirects, a bounded body, and the two checks that matter
 * for trust: the document's `issuer` equals the configured issuer exactly (OIDC Discovery 4.3),
 * and `jwks_uri` is a URL the verifier may fetch keys from.
 */
import { MAX_DISCOVERY_BYTES, WELL_KNOWN_CONFIGURATION } from './constants.js';
import { endpointUrlProblem } from './endpointUrl.js';
import { readBoundedJson } from './readBoundedJson.js';
import { WebIdentityError } from './webIdentityError.js';

export interface DiscoveryOptions {
  readonly timeoutMs: number;
  readonly allowInsecureLoopback: boolean;
  readonly fetch: typeof fetch;
}

export interface ProviderMetadata {
  readonly issuer: string;
  readonly jwksUri: URL;
}

export async function discoverProvider(issuer: string, options: DiscoveryOptions): Promise<ProviderMetadata> {
  const url = `${issuer.replace(/\/$/, '')}${WELL_KNOWN_CONFIGURATION}`;
  let document: unknown;
  try {
    const response = await options.fetch(url, {
      method: 'GET',
      redirect: 'manual',
      headers: { accept: 'application/json' },
      signal: AbortSignal.timeout(options.timeoutMs),
    });
    if (response.status !== 200) {
      await response.body?.cancel();
      throw new Error(`discovery answered HTTP ${response.status}`);
    }
    document = await readBoundedJson(response, MAX_DISCOVERY_BYTES);
  } catch (cause) {
    throw communicationError(cause);
  }
  return checkMetadata(issuer, document, options.allowInsecureLoopback);
}

function checkMetadata(issuer: string, document: unknown, allowInsecureLoopback: boolean): ProviderMetadata {
  if (typeof document !== 'object' || document === null) throw badDocument('is not a JSON object');
  const { issuer: advertised, jwks_uri: jwksUri } = document as Record<string, unknown>;
  if (advertised !== issuer) throw badDocument('names another issuer');
  if (typeof jwksUri !== 'string' || !URL.canParse(jwksUri)) throw badDocument('has no valid jwks_uri');
  const url = new URL(jwksUri);
  const problem = endpointUrlProblem(url, allowInsecureLoopback);
  if (problem !== undefined) throw badDocument(`jwks_uri ${problem}`);
  return { issuer, jwksUri: url };
}

function communicationError(cause: unknown): WebIdentityError {
  const timedOut = cause instanceof Error && (cause.name === 'TimeoutError' || cause.name === 'AbortError');
  const detail = timedOut ? 'timed out' : 'failed';
  return new WebIdentityError('IDPCommunicationError', `OpenID Connect discovery ${detail} for the identity provider`, { cause });
}

function badDocument(detail: string): WebIdentityError {
  return new WebIdentityError('IDPCommunicationError', `the identity provider's discovery document ${detail}`);
}
