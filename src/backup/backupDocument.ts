import { AppError } from '../errors.js';
import type { OidcProviderRecord, PolicyRecord, RoleRecord, UserRecord } from '../store/types.js';

/**
 * A backup: users with their sealed secrets (never a plain one), custom policies, roles, OIDC
 * providers and who has which policy attached. Sessions are not kept: they are short-lived and
 * their tokens are checked against the store, so a restored service starts without any.
 */
export const BACKUP_FORMAT = 's3-sts-backup';
export const BACKUP_VERSION = 1;

/** A user without its attachment (see `attachments`): sealed secret `v2.<keyId>....`. */
export type BackupUser = Omit<UserRecord, 'policy'>;
export type BackupRole = Omit<RoleRecord, 'policy'>;

export type BackupAttachment =
  | { readonly user: string; readonly policy: string }
  | { readonly role: string; readonly policy: string };

export interface BackupDocument {
  readonly format: typeof BACKUP_FORMAT;
  readonly version: typeof BACKUP_VERSION;
  readonly createdAt: string;
  /** Ids of the master keys the users' secrets are sealed under (see crypto/keyRing.ts). */
  readonly keyIds: readonly string[];
  readonly policies: readonly PolicyRecord[];
  readonly oidcProviders: readonly OidcProviderRecord[];
  readonly roles: readonly BackupRole[];
  readonly users: readonly BackupUser[];
  readonly attachments: readonly BackupAttachment[];
}

const USER_NAME = /^[A-Za-z0-9][A-Za-z0-9._@+-]{2,63}$/;
const POLICY_NAME = /^[A-Za-z0-9][A-Za-z0-9._-]{0,127}$/;
const NAME = /^[\x21-\x7e]{1,256}$/;

type Json = Record<string, unknown>;

function invalid(message: string, field: string): AppError {
  return new AppError('ValidationError', `not a usable backup: ${message}`, { details: { field } });
}

function object(value: unknown, field: string): Json {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw invalid(`${field} must be an object`, field);
  return value as Json;
}

function list(doc: Json, field: string): Json[] {
  const value = doc[field] ?? [];
  if (!Array.isArray(value)) throw invalid(`${field} must be a list`, field);
  return value.map((item, i) => object(item, `${field}[${i}]`));
}

function text(item: Json, key: string, field: string, pattern = NAME): string {
  const value = item[key];
  if (typeof value !== 'string' || !pattern.test(value)) throw invalid(`${field}.${key} is missing or malformed`, `${field}.${key}`);
  return value;
}

function optionalId(item: Json, key: string, field: string): { [k: string]: number } {
  const value = item[key];
  if (value === undefined) return {};
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 0 || value > 4_294_967_294) {
    throw invalid(`${field}.${key} must be 0..4294967294`, `${field}.${key}`);
  }
  return { [key]: value };
}

/** Checks the shape of every entry before anything is written, so a bad file changes nothing. */
export function parseBackup(value: unknown): BackupDocument {
  const doc = object(value, 'backup');
  if (doc.format !== BACKUP_FORMAT) throw invalid(`format must be "${BACKUP_FORMAT}"`, 'format');
  if (doc.version !== BACKUP_VERSION) throw invalid(`version ${String(doc.version)} is not supported (expected ${BACKUP_VERSION})`, 'version');
  const keyIds = doc.keyIds ?? [];
  if (!Array.isArray(keyIds) || !keyIds.every((id) => typeof id === 'string')) throw invalid('keyIds must be a list of strings', 'keyIds');
  return {
    format: BACKUP_FORMAT,
    version: BACKUP_VERSION,
    createdAt: typeof doc.createdAt === 'string' ? doc.createdAt : '',
    keyIds,
    policies: list(doc, 'policies').map((p, i) => {
      const field = `policies[${i}]`;
      return { name: text(p, 'name', field, POLICY_NAME), document: text(p, 'document', field, /^[\s\S]{2,}$/), createdAt: text(p, 'createdAt', field), updatedAt: text(p, 'updatedAt', field) };
    }),
    oidcProviders: list(doc, 'oidcProviders').map((p, i) => {
      const field = `oidcProviders[${i}]`;
      const audiences = p.audiences;
      if (!Array.isArray(audiences) || !audiences.every((a) => typeof a === 'string')) throw invalid(`${field}.audiences must be a list of strings`, `${field}.audiences`);
      return { key: text(p, 'key', field), issuer: text(p, 'issuer', field), audiences, createdAt: text(p, 'createdAt', field) };
    }),
    roles: list(doc, 'roles').map((r, i) => {
      const field = `roles[${i}]`;
      const maxSessionDuration = r.maxSessionDuration;
      if (typeof maxSessionDuration !== 'number' || !Number.isInteger(maxSessionDuration)) throw invalid(`${field}.maxSessionDuration must be a whole number`, `${field}.maxSessionDuration`);
      return {
        name: text(r, 'name', field), id: text(r, 'id', field), trustPolicy: text(r, 'trustPolicy', field, /^[\s\S]{2,}$/), maxSessionDuration,
        ...optionalId(r, 'posixUid', field), ...optionalId(r, 'posixGid', field), createdAt: text(r, 'createdAt', field),
      };
    }),
    users: list(doc, 'users').map((u, i) => {
      const field = `users[${i}]`;
      return {
        name: text(u, 'name', field, USER_NAME), id: text(u, 'id', field), sealedSecret: text(u, 'sealedSecret', field),
        ...optionalId(u, 'posixUid', field), ...optionalId(u, 'posixGid', field), createdAt: text(u, 'createdAt', field),
      };
    }),
    attachments: list(doc, 'attachments').map((a, i) => {
      const field = `attachments[${i}]`;
      const policy = text(a, 'policy', field, POLICY_NAME);
      return a.role !== undefined ? { role: text(a, 'role', field), policy } : { user: text(a, 'user', field, USER_NAME), policy };
    }),
  };
}
