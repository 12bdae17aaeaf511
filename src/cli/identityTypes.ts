/** The admin API's role and OIDC provider shapes, as the CLI reads them (see openapi/openapi.yaml). */

export interface Role {
  readonly name: string;
  readonly id: string;
  readonly arn: string;
  readonly trustPolicy: unknown;
  readonly policy: string | null;
  readonly maxSessionDuration: number;
  readonly posixUid?: number;
  readonly posixGid?: number;
  readonly createdAt: string;
}

export interface NewRole {
  readonly name: string;
  readonly trustPolicy: unknown;
  readonly policy?: string;
  readonly maxSessionDuration?: number;
  readonly posixUid?: number;
  readonly posixGid?: number;
}

export interface OidcProvider {
  readonly key: string;
  readonly arn: string;
  readonly issuer: string;
  readonly audiences: readonly string[];
  readonly createdAt: string;
}
