/** Shapes of the admin API's JSON (see openapi/openapi.yaml). */

export interface User {
  readonly name: string;
  readonly id: string;
  readonly posixUid?: number;
  readonly posixGid?: number;
  readonly policy: string | null;
  readonly createdAt: string;
}

export interface Policy {
  readonly name: string;
  readonly builtin: boolean;
  readonly document: Record<string, unknown>;
  readonly users: readonly string[];
  readonly createdAt?: string;
  readonly updatedAt?: string;
}

export interface Session {
  readonly accessKeyId: string;
  readonly user: string;
  readonly sessionName: string;
  readonly roleArn: string;
  readonly issuedAt: string;
  readonly expiration: string;
  readonly parentAccessKeyId?: string;
  readonly sessionPolicies: number;
}

export interface NewUser {
  readonly name: string;
  readonly secretKey: string;
  readonly posixUid?: number;
  readonly posixGid?: number;
  readonly policy?: string;
}

export interface PageRequest {
  readonly limit?: number;
  readonly cursor?: string;
}

export interface Page<T> {
  readonly items: readonly T[];
  readonly next?: string;
}
