/**
 * A small JSON Schema (2020-12 subset) validator for the schemas in openapi/openapi.yaml. It
 * refuses keywords it does not implement, so a schema is never half-checked in silence.
 */

export type Schema = boolean | { readonly [keyword: string]: unknown };

export interface SchemaProblem {
  /** JSON pointer into the validated value, `''` for the value itself. */
  readonly at: string;
  readonly problem: string;
}

type Check = (schema: Record<string, unknown>, value: unknown, at: string, ctx: Context) => SchemaProblem[];

interface Context {
  /** The document `#/...` references point into. */
  readonly root: unknown;
}

const ANNOTATIONS = new Set([
  'description', 'summary', 'title', 'example', 'examples', 'default', 'readOnly', 'writeOnly', 'deprecated',
]);

const DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;

/** Keyword -> check. A property set to undefined counts as absent, as after a JSON round trip. */
const CHECKS: Readonly<Record<string, Check>> = {
  $ref: (s, v, at, ctx) => validateAt(resolveRef(ctx.root, String(s.$ref)), v, at, ctx),
  type: (s, v, at) => (typeNames(s.type).some((t) => hasType(v, t)) ? [] : [{ at, problem: `is not of type ${typeNames(s.type).join('|')}` }]),
  const: (s, v, at) => (deepEqual(s.const, v) ? [] : [{ at, problem: `is not ${JSON.stringify(s.const)}` }]),
  enum: (s, v, at) =>
    (s.enum as unknown[]).some((e) => deepEqual(e, v)) ? [] : [{ at, problem: `is not one of ${JSON.stringify(s.enum)}` }],
  properties: (s, v, at, ctx) =>
    isObject(v)
      ? Object.entries(s.properties as Record<string, Schema>).flatMap(([key, sub]) =>
          v[key] !== undefined ? validateAt(sub, v[key], `${at}/${key}`, ctx) : [],
        )
      : [],
  required: (s, v, at) =>
    isObject(v) ? (s.required as string[]).filter((key) => v[key] === undefined).map((key) => ({ at, problem: `lacks "${key}"` })) : [],
  additionalProperties: (s, v, at, ctx) => {
    if (!isObject(v)) return [];
    const known = Object.keys((s.properties as object | undefined) ?? {});
    const extra = Object.keys(v).filter((key) => !known.includes(key) && v[key] !== undefined);
    return extra.flatMap((key) => {
      if (s.additionalProperties === false) return [{ at: `${at}/${key}`, problem: 'is not an allowed property' }];
      return validateAt(s.additionalProperties as Schema, v[key], `${at}/${key}`, ctx);
    });
  },
  items: (s, v, at, ctx) => (Array.isArray(v) ? v.flatMap((item, i) => validateAt(s.items as Schema, item, `${at}/${i}`, ctx)) : []),
  minItems: (s, v, at) => (Array.isArray(v) && v.length < Number(s.minItems) ? [{ at, problem: `has fewer than ${s.minItems} items` }] : []),
  maxItems: (s, v, at) => (Array.isArray(v) && v.length > Number(s.maxItems) ? [{ at, problem: `has more than ${s.maxItems} items` }] : []),
  minLength: (s, v, at) => (typeof v === 'string' && [...v].length < Number(s.minLength) ? [{ at, problem: `is shorter than ${s.minLength}` }] : []),
  maxLength: (s, v, at) => (typeof v === 'string' && [...v].length > Number(s.maxLength) ? [{ at, problem: `is longer than ${s.maxLength}` }] : []),
  pattern: (s, v, at) =>
    typeof v === 'string' && !new RegExp(String(s.pattern), 'u').test(v) ? [{ at, problem: `does not match ${s.pattern}` }] : [],
  minimum: (s, v, at) => (typeof v === 'number' && v < Number(s.minimum) ? [{ at, problem: `is below ${s.minimum}` }] : []),
  maximum: (s, v, at) => (typeof v === 'number' && v > Number(s.maximum) ? [{ at, problem: `is above ${s.maximum}` }] : []),
  format: (s, v, at) => {
    if (s.format !== 'date-time') throw new Error(`format "${String(s.format)}" is not implemented`);
    return typeof v === 'string' && !(DATE_TIME.test(v) && !Number.isNaN(Date.parse(v))) ? [{ at, problem: 'is not a date-time' }] : [];
  },
  allOf: (s, v, at, ctx) => (s.allOf as Schema[]).flatMap((sub) => validateAt(sub, v, at, ctx)),
  anyOf: (s, v, at, ctx) =>
    (s.anyOf as Schema[]).some((sub) => validateAt(sub, v, at, ctx).length === 0) ? [] : [{ at, problem: 'matches none of anyOf' }],
  oneOf: (s, v, at, ctx) => {
    const results = (s.oneOf as Schema[]).map((sub) => validateAt(sub, v, at, ctx));
    const matches = results.filter((problems) => problems.length === 0).length;
    if (matches === 1) return [];
    if (matches > 1) return [{ at, problem: `matches ${matches} schemas of oneOf` }];
    return [{ at, problem: 'matches none of oneOf' }, ...shortest(results)];
  },
  not: (s, v, at, ctx) => (validateAt(s.not as Schema, v, at, ctx).length === 0 ? [{ at, problem: 'matches a "not" schema' }] : []),
};

/** All problems of `value` against `schema`; `root` is the document `$ref`s resolve in. */
export function validate(schema: Schema, value: unknown, root: unknown): SchemaProblem[] {
  return validateAt(schema, value, '', { root });
}

function validateAt(schema: Schema, value: unknown, at: string, ctx: Context): SchemaProblem[] {
  if (schema === true) return [];
  if (schema === false) return [{ at, problem: 'is not allowed' }];
  const problems: SchemaProblem[] = [];
  for (const keyword of Object.keys(schema)) {
    const check = CHECKS[keyword];
    if (check !== undefined) problems.push(...check(schema, value, at, ctx));
    else if (!ANNOTATIONS.has(keyword) && !keyword.startsWith('x-')) {
      throw new Error(`schema keyword "${keyword}" is not implemented by test/openapi/jsonSchema.ts`);
    }
  }
  return problems;
}

/** Resolves a local reference such as `#/components/schemas/User`. */
export function resolveRef(root: unknown, ref: string): Schema {
  if (!ref.startsWith('#/')) throw new Error(`only local $ref is supported, got ${ref}`);
  let node: unknown = root;
  for (const raw of ref.slice(2).split('/')) {
    const key = decodeURIComponent(raw).replace(/~1/g, '/').replace(/~0/g, '~');
    node = isObject(node) ? node[key] : undefined;
    if (node === undefined) throw new Error(`$ref ${ref} does not resolve`);
  }
  return node as Schema;
}

function typeNames(type: unknown): string[] {
  return Array.isArray(type) ? type.map(String) : [String(type)];
}

const TYPE_TESTS: Readonly<Record<string, (value: unknown) => boolean>> = {
  null: (v) => v === null,
  boolean: (v) => typeof v === 'boolean',
  string: (v) => typeof v === 'string',
  integer: (v) => Number.isInteger(v),
  number: (v) => typeof v === 'number' && Number.isFinite(v),
  array: (v) => Array.isArray(v),
  object: (v) => isObject(v),
};

function hasType(value: unknown, type: string): boolean {
  const test = TYPE_TESTS[type];
  if (test === undefined) throw new Error(`type "${type}" is not a JSON Schema type`);
  return test(value);
}

function shortest(results: SchemaProblem[][]): SchemaProblem[] {
  return results.reduce((best, next) => (next.length < best.length ? next : best));
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function deepEqual(a: unknown, b: unknown): boolean {
  return JSON.stringify(canonical(a)) === JSON.stringify(canonical(b));
}

function canonical(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(canonical);
  if (isObject(value)) return Object.fromEntries(Object.keys(value).sort().map((key) => [key, canonical(value[key])]));
  return value;
}
