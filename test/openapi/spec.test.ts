import assert from 'node:assert/strict';
import { ERROR_TABLE } from '../../src/errors.js';
import { resolveRef, validate, type Schema } from './jsonSchema.js';
import { allOperations, openApiDocument, type Operation } from './schemaCheck.js';

type Media = { schema?: Schema; example?: unknown; examples?: Record<string, { value?: unknown }> };

const doc = openApiDocument();

function deref<T>(node: unknown): T {
  const ref = (node as { $ref?: string }).$ref;
  return (ref === undefined ? node : resolveRef(doc, ref)) as T;
}

function responses(op: Operation): [string, { content?: Record<string, Media> }][] {
  return Object.entries(op.responses).map(([status, r]) => [status, deref(r)]);
}

/** Every example written in the spec, with the schema it illustrates. */
function examples(): [string, Schema, unknown][] {
  const found: [string, Schema, unknown][] = [];
  for (const op of allOperations()) {
    const request = op.requestBody === undefined ? [] : [['request', deref<{ content: Record<string, Media> }>(op.requestBody)] as const];
    for (const [label, part] of [...request, ...responses(op)]) {
      for (const [type, media] of Object.entries(part.content ?? {})) {
        const values = [media.example, ...Object.values(media.examples ?? {}).map((e) => e.value)].filter((v) => v !== undefined);
        for (const value of values) found.push([`${op.method.toUpperCase()} ${op.template} ${label} ${type}`, media.schema ?? true, value]);
      }
    }
  }
  return found;
}

/** The error codes a response schema allows, read from `error.code`'s const/enum. */
function errorCodes(schema: Schema | undefined): string[] {
  if (schema === undefined || typeof schema === 'boolean') return [];
  const s = deref<Record<string, unknown>>(schema);
  const branches = [...((s.oneOf as Schema[]) ?? []), ...((s.anyOf as Schema[]) ?? [])];
  if (branches.length > 0) return branches.flatMap(errorCodes);
  const code = (s.properties as { error?: { properties?: { code?: { const?: string; enum?: string[] } } } } | undefined)?.error
    ?.properties?.code;
  return code?.const !== undefined ? [code.const] : (code?.enum ?? []);
}

describe('openapi/openapi.yaml contents', () => {
  describe('every example matches its schema', () => {
    for (const [name, schema, value] of examples()) {
      it(name, () => assert.deepEqual(validate(schema, value, doc), []));
    }
  });

  describe('every error answer uses the status of src/errors.ts ERROR_TABLE', () => {
    for (const op of allOperations()) {
      for (const [status, response] of responses(op)) {
        for (const code of errorCodes(response.content?.['application/json']?.schema)) {
          it(`${op.method.toUpperCase()} ${op.template} ${status} ${code}`, () => {
            assert.ok(code in ERROR_TABLE, `${code} is not in ERROR_TABLE`);
            assert.equal(String(ERROR_TABLE[code as keyof typeof ERROR_TABLE].status), status);
          });
        }
      }
    }
  });

  const protectedApis: [string, RegExp, string][] = [
    ['admin', /^\/admin\/v1\//, 'adminToken'],
    ['sidecar', /^\/v1\//, 'verifyToken'],
  ];
  for (const [api, prefix, scheme] of protectedApis) {
    describe(`every ${api} operation`, () => {
      for (const op of allOperations().filter((o) => prefix.test(o.template))) {
        it(`${op.method.toUpperCase()} ${op.template} needs ${scheme} and documents 400, 401, 500, 503`, () => {
          assert.deepEqual(op.security, [{ [scheme]: [] }]);
          for (const status of ['400', '401', '500', '503']) assert.ok(op.responses[status], `no ${status}`);
        });
      }
    });
  }

  it('documents the operations endpoints without authentication', () => {
    const ops = allOperations().filter((o) => !o.template.startsWith('/admin/') && !o.template.startsWith('/v1/'));
    assert.deepEqual(ops.map((o) => o.template).sort(), ['/healthz', '/metrics', '/readyz']);
    for (const op of ops) assert.deepEqual(op.security, []);
  });
});
