/** The admin API's role and OIDC provider shapes, as the CLI reads them (see openapi/openapi.yaml). */
export type { RoleView as Role } from '../admin/roles.js';
export type { OidcProviderView as OidcProvider } from '../admin/oidcProviders.js';

export interface NewRole {
  readonly name: string;
  readonly trustPolicy: unknown;
  readonly policy?: string;
  readonly maxSessionDuration?: number;
  readonly posixUid?: number;
  readonly posixGid?: number;
}
