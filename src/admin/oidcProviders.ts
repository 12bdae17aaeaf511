import type { Deps } from '../deps.js';
import { AppError } from '../errors.js';
import { defineOidcProvider, InvalidOidcProviderError, oidcProviderArn } from '../oidc/index.js';
import type { ListOptions, OidcProviderRecord } from '../store/types.js';
import { pickDefined } from './pickDefined.js';
import { checkKnownFields, checkObject } from './validate.js';

export interface OidcProviderView {
  /** The issuer without its scheme: the provider's name in paths and condition keys. */
  readonly key: string;
  readonly arn: string;
  readonly issuer: string;
  readonly audiences: readonly string[];
  readonly createdAt: string;
}

export function oidcProviderView(deps: Deps, provider: OidcProviderRecord): OidcProviderView {
  return {
    key: provider.key,
    arn: oidcProviderArn(deps.config.accountId, provider.issuer),
    issuer: provider.issuer,
    audiences: provider.audiences,
    createdAt: provider.createdAt,
  };
}

/** `{issuer, audiences}`, validated as `defineOidcProvider` does (https, or http on loopback when allowed). */
export async function createOidcProvider(deps: Deps, body: unknown): Promise<OidcProviderView> {
  const input = checkObject(body);
  checkKnownFields(input, ['issuer', 'audiences']);
  let defined;
  try {
    defined = defineOidcProvider(
      { issuer: input.issuer as string, audiences: input.audiences as string[] },
      { accountId: deps.config.accountId, allowInsecureLoopback: deps.config.oidcAllowInsecureLoopback },
    );
  } catch (err) {
    if (err instanceof InvalidOidcProviderError) throw new AppError('ValidationError', err.message, { details: { field: err.field } });
    throw err;
  }
  // Braces would change which part of a Redis key is its hash tag.
  if (/[{}\s]/.test(defined.key)) throw new AppError('ValidationError', 'issuer must not contain braces or spaces', { details: { field: 'issuer' } });
  const record: OidcProviderRecord = {
    key: defined.key,
    issuer: defined.issuer,
    audiences: defined.audiences,
    createdAt: new Date(deps.clock.now()).toISOString(),
  };
  const result = await deps.store.createOidcProvider(record);
  if (!result.ok) throw new AppError('OidcProviderAlreadyExists', `an OIDC provider for ${defined.issuer} already exists`);
  deps.verifiers.forget(record.issuer);
  deps.logger.info({ audit: 'oidc-provider-created', provider: record.key, audiences: record.audiences.length }, 'OIDC provider created');
  return oidcProviderView(deps, record);
}

export async function listOidcProviders(deps: Deps, options: ListOptions): Promise<{ providers: OidcProviderView[]; next?: string }> {
  const page = await deps.store.listOidcProviders(options);
  return pickDefined({ providers: page.items.map((provider) => oidcProviderView(deps, provider)), next: page.next });
}

export async function showOidcProvider(deps: Deps, key: string): Promise<OidcProviderView> {
  return oidcProviderView(deps, await requireOidcProvider(deps, key));
}

/** Its sessions end at once: every use of one checks that its provider is still registered. */
export async function removeOidcProvider(deps: Deps, key: string): Promise<void> {
  const provider = await requireOidcProvider(deps, key);
  if (!(await deps.store.deleteOidcProvider(provider.key))) throw noSuchProvider(key);
  deps.verifiers.forget(provider.issuer);
  deps.metrics.sessionsRevoked.inc({ how: 'provider-removed' });
  deps.logger.info({ audit: 'oidc-provider-removed', provider: provider.key }, 'OIDC provider removed; its sessions end');
}

async function requireOidcProvider(deps: Deps, key: string): Promise<OidcProviderRecord> {
  const provider = key.length > 0 && key.length <= 255 ? await deps.store.getOidcProvider(key) : undefined;
  if (provider === undefined) throw noSuchProvider(key);
  return provider;
}

function noSuchProvider(key: string): AppError {
  return new AppError('NoSuchOidcProvider', `OIDC provider "${key.slice(0, 255)}" does not exist`);
}
