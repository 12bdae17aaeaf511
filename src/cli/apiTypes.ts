/** Shapes of the admin API's JSON (see openapi/openapi.yaml); the server's own view types where it has them. */
export type { UserView as User } from '../admin/users.js';
export type { SessionView as Session } from '../admin/sessions.js';

export interface Policy {
  readonly name: string;
  readonly builtin: boolean;
  readonly document: Record<string, unknown>;
  readonly users: readonly string[];
  readonly createdAt?: string;
  readonly updatedAt?: string;
}

/** A policy as `PUT /admin/v1/policies/{name}` answers it: with what the S3 catalogue found suspicious. */
export interface WrittenPolicy extends Policy {
  readonly warnings?: ReadonlyArray<{ readonly code: string; readonly message: string }>;
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
