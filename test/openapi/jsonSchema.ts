import { Ajv2020, type ErrorObject, type ValidateFunction } from 'ajv/dist/2020.js';

/**
 * JSON Schema 2020-12 validation (ajv) of values against schemas in openapi/openapi.yaml.
 * `#/...` references are resolved in the OpenAPI document the schema came from.
 */
export type Schema = boolean | { readonly [keyword: string]: unknown };

export interface SchemaProblem {
  /** JSON pointer into the validated value, `''` for the value itself. */
  readonly at: string;
  readonly problem: string;
}

const DOCUMENT_ID = 'openapi.json';
/** OpenAPI's own annotation keywords, which are not JSON Schema's. */
const OPENAPI_KEYWORDS = ['example', 'discriminator', 'xml', 'externalDocs'];
const DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;

const validators = new WeakMap<object, Ajv2020>();
const compiled = new Map<string, ValidateFunction>();

function ajvFor(root: unknown): Ajv2020 {
  const key = root as object;
  let ajv = validators.get(key);
  if (ajv === undefined) {
    ajv = new Ajv2020({ allErrors: true, strict: false });
    ajv.addVocabulary(OPENAPI_KEYWORDS);
    ajv.addFormat('date-time', DATE_TIME);
    ajv.addSchema({ ...(root as object), $id: DOCUMENT_ID });
    validators.set(key, ajv);
    compiled.clear();
  }
  return ajv;
}

/** Problems of `value` against `schema`; empty when it conforms. */
export function validate(schema: Schema, value: unknown, root: unknown): SchemaProblem[] {
  const ajv = ajvFor(root);
  const text = JSON.stringify(schema).replaceAll('"#/', `"${DOCUMENT_ID}#/`);
  let check = compiled.get(text);
  if (check === undefined) {
    check = ajv.compile(JSON.parse(text) as object);
    compiled.set(text, check);
  }
  if (check(value)) return [];
  return (check.errors ?? []).map((error: ErrorObject) => ({ at: error.instancePath, problem: describe(error) }));
}

function describe(error: ErrorObject): string {
  const extra = (error.params as { additionalProperty?: string }).additionalProperty;
  return extra === undefined ? (error.message ?? error.keyword) : `${error.message ?? error.keyword}: "${extra}"`;
}

/** The node a local `#/a/b` reference points at. */
export function resolveRef(root: unknown, ref: string): Schema {
  if (!ref.startsWith('#/')) throw new Error(`only local references are supported: ${ref}`);
  let node: unknown = root;
  for (const part of ref.slice(2).split('/')) {
    const key = part.replaceAll('~1', '/').replaceAll('~0', '~');
    node = (node as Record<string, unknown> | undefined)?.[key];
  }
  if (node === undefined) throw new Error(`unresolved reference ${ref}`);
  return node as Schema;
}
