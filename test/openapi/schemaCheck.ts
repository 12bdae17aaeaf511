import { AssertionError } from 'node:assert';
import { readFileSync } from 'node:fs';
import yaml from 'js-yaml';
import { validate, resolveRef, type Schema } from './jsonSchema.js';

/**
 * Checks real answers against openapi/openapi.yaml, e.g. from the admin API tests:
 * `assertMatchesSchema('GET', '/admin/v1/users/alice', res.status, res.body)`.
 */


const SPEC_URL = new URL('../../openapi/openapi.yaml', import.meta.url);
const METHODS = ['get', 'put', 'post', 'delete', 'patch', 'head', 'options'] as const;

export interface OpenApiDocument {
  readonly paths: Record<string, Record<string, unknown>>;
  readonly components: Record<string, Record<string, unknown>>;
  readonly [key: string]: unknown;
}

export interface Operation {
  readonly template: string;
  readonly method: string;
  readonly responses: Record<string, unknown>;
  readonly [key: string]: unknown;
}

let cached: OpenApiDocument | undefined;

/** The parsed spec, read once. */
export function openApiDocument(): OpenApiDocument {
  cached ??= yaml.load(readFileSync(SPEC_URL, 'utf8')) as OpenApiDocument;
  return cached;
}

/** The operation whose path template matches `path` (query ignored); literal segments win over `{params}`. */
export function findOperation(method: string, path: string): Operation {
  const doc = openApiDocument();
  const segments = path.split('?')[0]!.split('/');
  const candidates = Object.keys(doc.paths)
    .map((template) => ({ template, parts: template.split('/') }))
    .filter(({ parts }) => parts.length === segments.length && parts.every((p, i) => (isParam(p) ? segments[i] !== '' : p === segments[i])))
    .sort((a, b) => a.parts.filter(isParam).length - b.parts.filter(isParam).length);
  const template = candidates[0]?.template;
  const operation = template === undefined ? undefined : doc.paths[template]?.[method.toLowerCase()];
  if (template === undefined || operation === undefined) {
    throw new AssertionError({ message: `openapi.yaml documents no ${method.toUpperCase()} ${path}` });
  }
  return { ...(operation as Record<string, unknown>), template, method: method.toLowerCase() } as Operation;
}

/** Every operation in the spec, for tests that walk them all. */
export function allOperations(): Operation[] {
  const doc = openApiDocument();
  return Object.entries(doc.paths).flatMap(([template, item]) =>
    METHODS.filter((m) => item[m] !== undefined).map((m) => ({ ...(item[m] as object), template, method: m }) as Operation),
  );
}

/**
 * Asserts that `body` (parsed JSON; undefined or '' for none) is what the spec documents for
 * this method, path and status. An undocumented status or an unexpected body fails too.
 */
export function assertMatchesSchema(method: string, path: string, status: number, body: unknown, mediaType = 'application/json'): void {
  const operation = findOperation(method, path);
  const where = `${method.toUpperCase()} ${operation.template} -> ${status}`;
  const response = documentedResponse(operation, status, where);
  const content = response.content as Record<string, { schema?: Schema }> | undefined;
  if (content === undefined) {
    if (body !== undefined && body !== '') throw new AssertionError({ message: `${where} documents no body, got ${preview(body)}` });
    return;
  }
  const schema = content[mediaType]?.schema;
  if (schema === undefined) throw new AssertionError({ message: `${where} documents no ${mediaType} body` });
  const problems = validate(schema, body, openApiDocument());
  if (problems.length > 0) {
    const list = problems.map((p) => `  ${p.at || '(body)'} ${p.problem}`).join('\n');
    throw new AssertionError({ message: `${where}: body does not match the spec:\n${list}\nbody: ${preview(body)}` });
  }
}

function documentedResponse(operation: Operation, status: number, where: string): Record<string, unknown> {
  const responses = operation.responses;
  const found = responses[String(status)] ?? responses[`${String(status)[0]}XX`] ?? responses.default;
  if (found === undefined) throw new AssertionError({ message: `${where} is not a documented status` });
  const ref = (found as { $ref?: string }).$ref;
  return (ref === undefined ? found : resolveRef(openApiDocument(), ref)) as Record<string, unknown>;
}

function isParam(segment: string): boolean {
  return /^\{[^}]+\}$/.test(segment);
}

function preview(body: unknown): string {
  const text = JSON.stringify(body) ?? String(body);
  return text.length > 500 ? `${text.slice(0, 500)}...` : text;
}
