/** Random requests: the classifier never throws and answers either a named operation or unknown. */
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { classifyS3Request, S3_OPERATIONS, type S3Classification } from '../../src/s3/index.js';
import { OPTIONS } from './s3Helpers.js';

const OPERATIONS = new Set(S3_OPERATIONS.map((row) => row.operation));
const SUBRESOURCES = [...new Set(S3_OPERATIONS.map((row) => row.subresource).filter((name) => name !== ''))];
const PARAMETERS = [...SUBRESOURCES, 'versionId', 'uploadId', 'partNumber', 'id', 'annotationName', 'select-type', 'prefix',
  'delimiter', 'max-keys', 'x-id', 'X-Amz-Algorithm', 'x-amz-acl', 'list-type', 'unknown', '%zz', ''];
const HEADERS = ['host', 'authorization', 'content-type', 'x-amz-copy-source', 'x-amz-acl', 'x-amz-tagging', 'x-amz-grant-read',
  'x-amz-object-lock-mode', 'x-amz-object-lock-legal-hold', 'x-amz-bypass-governance-retention', 'x-amz-object-ownership',
  'x-amz-bucket-object-lock-enabled', 'user-agent'];

const pathChar = fc.constantFrom('a', 'b', '-', '.', '/', '%', '2', 'F', 'E', '0', '+', ' ', '?', 'é', '_', 'Z');
const path = fc.oneof(
  fc.array(pathChar, { maxLength: 20 }).map((chars) => `/${chars.join('')}`),
  fc.string({ unit: 'binary', maxLength: 30 }),
  { arbitrary: fc.constantFrom('/', '/bkt', '/bkt/', '/bkt/k', '/bkt//k', '/bkt/a%2Fb'), weight: 4 },
);
const value = fc.oneof(fc.constantFrom('', '1', '2', 'a%20b', '%', 'src/k', 'true', 'multipart/form-data', 'bkt.s3.example.com'),
  fc.string({ maxLength: 12 }));
const query = fc.array(fc.tuple(fc.constantFrom(...PARAMETERS), fc.option(value)), { maxLength: 3 })
  .map((pairs) => pairs.map(([key, v]) => (v === null ? key : `${key}=${v}`)).join('&'));
// Usually on the base domain (or a bucket under it), as real requests are; sometimes anything.
const headers = fc.dictionary(fc.constantFrom(...HEADERS), fc.oneof(value, fc.array(value, { maxLength: 2 })), { maxKeys: 5 })
  .chain((generated) => fc.constantFrom('s3.example.com', 'bkt.s3.example.com', undefined).map((host) =>
    'host' in generated || host === undefined ? generated : { ...generated, host }));
const method = fc.constantFrom('GET', 'HEAD', 'PUT', 'POST', 'DELETE', 'OPTIONS', 'get', '');
const request = fc.record({
  method, path, headers,
  query: fc.oneof({ arbitrary: fc.constant(''), weight: 2 }, { arbitrary: query, weight: 3 }, fc.string({ unit: 'binary', maxLength: 40 })),
});

function assertWellFormed(result: S3Classification): void {
  if (result.kind === 'unknown-operation') {
    assert.equal(typeof result.reason, 'string');
    return;
  }
  assert.equal(result.kind, 'operation');
  assert.ok(OPERATIONS.has(result.operation), result.operation);
  assert.ok(result.authorizations.length >= 1);
  for (const check of result.authorizations) {
    assert.match(check.action, /^s3:[A-Za-z]+$/);
    assert.ok(check.resource === '*' || check.resource.startsWith('arn:aws:s3:::'), check.resource);
  }
}

describe('s3/classifier properties', () => {
  it('random requests never throw and are an operation with checks, or unknown', () => {
    let named = 0;
    fc.assert(fc.property(request, (input) => {
      const result = classifyS3Request(input, OPTIONS);
      assertWellFormed(result);
      if (result.kind === 'operation') named++;
    }), { numRuns: 5000 });
    // The generator must reach the operation side too, or the property says little.
    assert.ok(named >= 250, `only ${named} of 5000 random requests named an operation`);
  });

  it('a named operation on a key decodes to the key S3 would store', () => {
    const key = fc.string({ unit: 'grapheme', minLength: 1, maxLength: 40 });
    fc.assert(fc.property(key, (text) => {
      const result = classifyS3Request({ method: 'GET', path: `/bkt/${encodeURIComponent(text)}`, query: '', headers: { host: 's3.example.com' } }, OPTIONS);
      assert.equal(result.kind === 'operation' ? result.key : undefined, text);
    }), { numRuns: 1000 });
  });

  it('adding an unknown parameter to any request makes it unknown', () => {
    fc.assert(fc.property(request, (input) => {
      const result = classifyS3Request({ ...input, query: `${input.query}&zz-unknown=1` }, OPTIONS);
      assert.equal(result.kind, 'unknown-operation');
    }), { numRuns: 1000 });
  });
});
