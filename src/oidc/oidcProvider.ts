/**
 * A registered OIDC identity provider (the registry entry an operator creates, as with IAM's
 * `CreateOpenIDConnectProvider`): its issuer URL and the audiences (client ids) whose tokens
 * it may present. Thumbprints are not kept: keys are fetched over verified TLS instead.
 */
import { endpointUrlProblem } from './endpointUrl.js';

export interface OidcProviderConfig {
  /** Exactly the `iss` of its tokens, e.g. `https://token.actions.githubusercontent.com`. */
  readonly issuer: string;
  /** Accepted `aud` values (AWS's ClientIDList); a token must name at least one. */
  readonly audiences: readonly string[];
}

export interface OidcProvider extends OidcProviderConfig {
  /** The issuer without its scheme: the prefix of trust-policy condition keys (`<key>:sub`). */
  readonly key: string;
  /** `arn:aws:iam::<account>:oidc-provider/<key>`, as written in `Principal.Federated`. */
  readonly arn: string;
}

export class InvalidOidcProviderError extends Error {
  override readonly name = 'InvalidOidcProviderError';
  constructor(
    readonly field: 'issuer' | 'audiences',
    detail: string,
  ) {
    super(`${field}: ${detail}`);
  }
}

export interface DefineProviderOptions {
  readonly accountId: string;
  /** Accept an `http://` issuer on a loopback host (tests, local development). */
  readonly allowInsecureLoopback?: boolean;
}

const MAX_AUDIENCES = 100;
const MAX_AUDIENCE_LENGTH = 255;
const MAX_ISSUER_LENGTH = 255;
/** Condition-key prefixes the service itself supplies; a provider must not shadow them. */
const RESERVED_KEYS: ReadonlySet<string> = new Set(['aws', 'sts', 'iam', 's3']);

/** Validates a provider entry and derives its key and ARN. */
export function defineOidcProvider(config: OidcProviderConfig, options: DefineProviderOptions): OidcProvider {
  const issuer = checkIssuer(config.issuer, options.allowInsecureLoopback ?? false);
  const audiences = checkAudiences(config.audiences);
  const key = providerKey(issuer);
  return Object.freeze({ issuer, audiences, key, arn: oidcProviderArn(options.accountId, issuer) });
}

export function providerKey(issuer: string): string {
  return issuer.replace(/^https?:\/\//i, '');
}

export function oidcProviderArn(accountId: string, issuer: string): string {
  return `arn:aws:iam::${accountId}:oidc-provider/${providerKey(issuer)}`;
}

function checkIssuer(issuer: unknown, allowInsecureLoopback: boolean): string {
  if (typeof issuer !== 'string' || issuer === '' || issuer.length > MAX_ISSUER_LENGTH) {
    throw new InvalidOidcProviderError('issuer', `must be a URL of 1 to ${MAX_ISSUER_LENGTH} characters`);
  }
  let url: URL;
  try {
    url = new URL(issuer);
  } catch {
    throw new InvalidOidcProviderError('issuer', 'is not a URL');
  }
  // The issuer is compared with `iss` byte for byte, so it must already be in canonical form.
  const authority = `${url.protocol}//${url.host}`;
  if (!issuer.startsWith(authority) || !/^(?:\/|$)/.test(issuer.slice(authority.length))) {
    throw new InvalidOidcProviderError('issuer', 'must be written in canonical form (lower-case scheme and host, no default port)');
  }
  if (url.search !== '' || issuer.includes('?')) throw new InvalidOidcProviderError('issuer', 'must not contain a query');
  const problem = endpointUrlProblem(url, allowInsecureLoopback);
  if (problem !== undefined) throw new InvalidOidcProviderError('issuer', problem);
  if (RESERVED_KEYS.has(url.host)) throw new InvalidOidcProviderError('issuer', `host "${url.host}" is reserved`);
  return issuer;
}

function checkAudiences(audiences: unknown): readonly string[] {
  if (!Array.isArray(audiences) || audiences.length === 0 || audiences.length > MAX_AUDIENCES) {
    throw new InvalidOidcProviderError('audiences', `must list 1 to ${MAX_AUDIENCES} client ids`);
  }
  for (const audience of audiences) {
    if (typeof audience !== 'string' || audience === '' || audience.length > MAX_AUDIENCE_LENGTH) {
      throw new InvalidOidcProviderError('audiences', `each must be a string of 1 to ${MAX_AUDIENCE_LENGTH} characters`);
    }
  }
  return Object.freeze([...new Set(audiences as string[])]);
}
