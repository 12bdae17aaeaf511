import assert from 'node:assert/strict';
import { createServer, request as httpRequest } from 'node:http';
import type { AddressInfo } from 'node:net';
import request from 'supertest';
import { createRequestHandler, sidecarRoute } from '../../src/app.js';
import { assertMatchesSchema } from '../openapi/schemaCheck.js';
import { ADMIN_TOKEN, VERIFY_TOKEN, makeTestDeps } from '../helpers/testDeps.js';

const ENDPOINTS = ['/v1/verify', '/v1/authorize'] as const;
const AUTH = { Authorization: `Bearer ${VERIFY_TOKEN}` };
const CHECK = { action: 's3:GetObject', resource: 'arn:aws:s3:::b/k' };

function app() {
  return createRequestHandler(makeTestDeps());
}

describe('sidecar HTTP layer', () => {
  describe('routing', () => {
    const cases: Array<[string, string | undefined, ReturnType<typeof sidecarRoute>]> = [
      ['verify', '/v1/verify', 'verify'],
      ['authorize', '/v1/authorize', 'authorize'],
      ['verify with a query string', '/v1/verify?x=1', 'verify'],
      ['a longer path', '/v1/verify/x', undefined],
      ['another version', '/v2/verify', undefined],
      ['a prefix', '/v1/verif', undefined],
      ['the STS root', '/', undefined],
      ['no url', undefined, undefined],
    ];
    for (const [name, url, want] of cases) it(`${name} -> ${String(want)}`, () => assert.equal(sidecarRoute(url), want));

    it('leaves other /v1 paths to Express (404 NotFound)', async () => {
      const res = await request(app()).post('/v1/other').set(AUTH).send({});
      assert.equal(res.status, 404);
      assert.equal(res.body.error.code, 'NotFound');
    });
  });

  for (const path of ENDPOINTS) {
    describe(`POST ${path}`, () => {
      for (const method of ['get', 'put', 'delete', 'patch'] as const) {
        it(`refuses ${method.toUpperCase()} with 405 and Allow: POST`, async () => {
          const res = await request(app())[method](path).set(AUTH);
          assert.equal(res.status, 405);
          assert.equal(res.headers.allow, 'POST');
          assert.equal(res.body.error.code, 'MethodNotAllowed');
        });
      }

      const badBearers: Array<[string, Record<string, string>]> = [
        ['no token', {}],
        ['a wrong token', { Authorization: 'Bearer not-the-verify-token-at-all' }],
        ['the admin token', { Authorization: `Bearer ${ADMIN_TOKEN}` }],
        ['the verify token as Basic auth', { Authorization: `Basic ${VERIFY_TOKEN}` }],
        ['the verify token with a suffix', { Authorization: `Bearer ${VERIFY_TOKEN}x` }],
        ['lower-case bearer', { Authorization: `bearer ${VERIFY_TOKEN}` }],
      ];
      for (const [name, headers] of badBearers) {
        it(`refuses ${name} with 401 Unauthorized`, async () => {
          const res = await request(app()).post(path).set(headers).send({ accessKeyId: 'x' });
          assert.equal(res.status, 401);
          assert.equal(res.headers['www-authenticate'], 'Bearer');
          assert.equal(res.body.error.code, 'Unauthorized');
          assertMatchesSchema('POST', path, 401, res.body);
        });
      }

      const badTypes: Array<[string, string | undefined, string]> = [
        ['text/plain', 'text/plain', '{}'],
        ['a form', 'application/x-www-form-urlencoded', 'a=b'],
        ['no content type', undefined, '{}'],
      ];
      for (const [name, type, body] of badTypes) {
        it(`refuses ${name} with 415`, async () => {
          let req = request(app()).post(path).set(AUTH);
          if (type !== undefined) req = req.set('Content-Type', type);
          const res = await req.send(body);
          assert.equal(res.status, 415);
          assert.equal(res.body.error.code, 'UnsupportedMediaType');
          assertMatchesSchema('POST', path, 415, res.body);
        });
      }

      it('refuses a compressed body with 415', async () => {
        const res = await request(app()).post(path).set(AUTH).set('Content-Type', 'application/json').set('Content-Encoding', 'gzip').send('{}');
        assert.equal(res.status, 415);
      });

      it('accepts application/json with a charset', async () => {
        const res = await request(app()).post(path).set(AUTH).set('Content-Type', 'application/json; charset=utf-8')
          .send(JSON.stringify({ accessKeyId: 'ASIAAAAAAAAAAAAAAAAA', ...(path === '/v1/authorize' ? { checks: [CHECK] } : {}) }));
        assert.equal(res.status, 401);
        assert.equal(res.body.reason, 'malformed');
      });

      it('refuses a body over 64 KiB with 413', async () => {
        const body = JSON.stringify({ accessKeyId: 'x', sessionToken: 'a'.repeat(70_000), checks: [CHECK] });
        const res = await request(app()).post(path).set(AUTH).set('Content-Type', 'application/json').send(body);
        assert.equal(res.status, 413);
        assert.equal(res.body.error.code, 'PayloadTooLarge');
        assertMatchesSchema('POST', path, 413, res.body);
      });

      it('refuses a chunked body that grows past 64 KiB with 413, without waiting for its end', async () => {
        const server = createServer(createRequestHandler(makeTestDeps()));
        await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
        try {
          const { port } = server.address() as AddressInfo;
          const status = await new Promise<number>((resolve, reject) => {
            const req = httpRequest({ host: '127.0.0.1', port, method: 'POST', path, headers: { ...AUTH, 'content-type': 'application/json', 'transfer-encoding': 'chunked' } }, (res) => {
              res.resume();
              resolve(res.statusCode ?? 0);
            });
            req.on('error', reject);
            req.write(`{"accessKeyId":"${'a'.repeat(70_000)}`);
            // The body is never finished: the answer must not wait for it.
          });
          assert.equal(status, 413);
        } finally {
          server.closeAllConnections();
          await new Promise<void>((resolve) => server.close(() => resolve()));
        }
      });

      const badBodies: Array<[string, string | Record<string, unknown>, string | undefined]> = [
        ['invalid JSON', '{"accessKeyId":', undefined],
        ['an empty body', '', undefined],
        ['a JSON array', '[]', 'body'],
        ['a JSON string', '"x"', 'body'],
        ['no accessKeyId', {}, 'accessKeyId'],
        ['an empty accessKeyId', { accessKeyId: '' }, 'accessKeyId'],
        ['a numeric accessKeyId', { accessKeyId: 7 }, 'accessKeyId'],
        ['a 129-character accessKeyId', { accessKeyId: 'a'.repeat(129) }, 'accessKeyId'],
        ['a numeric sessionToken', { accessKeyId: 'x', sessionToken: 1 }, 'sessionToken'],
        ['an unknown field', { accessKeyId: 'x', token: 't' }, 'token'],
        ['a request that is a string', { accessKeyId: 'x', request: 'GET /' }, 'request'],
        ['a request without headers', { accessKeyId: 'x', request: { method: 'GET', path: '/', query: '' } }, 'request.headers'],
        ['a request path without a slash', { accessKeyId: 'x', request: { method: 'GET', path: 'b/k', query: '', headers: {} } }, 'request.path'],
        ['a request query object', { accessKeyId: 'x', request: { method: 'GET', path: '/', query: { a: 'b' }, headers: {} } }, 'request.query'],
        ['a numeric header', { accessKeyId: 'x', request: { method: 'GET', path: '/', query: '', headers: { host: 1 } } }, 'request.headers.host'],
        ['an unknown request field', { accessKeyId: 'x', request: { method: 'GET', path: '/', query: '', headers: {}, body: 'x' } }, 'request.body'],
      ];
      for (const [name, body, field] of badBodies) {
        it(`refuses ${name} with 400 ValidationError`, async () => {
          const json = typeof body === 'string' ? body : JSON.stringify(path === '/v1/authorize' ? { ...body, checks: [CHECK] } : body);
          const res = await request(app()).post(path).set(AUTH).set('Content-Type', 'application/json').send(json);
          assert.equal(res.status, 400, JSON.stringify(res.body));
          assert.equal(res.body.error.code, 'ValidationError');
          if (field !== undefined) assert.equal(res.body.error.field, field);
          assertMatchesSchema('POST', path, 400, res.body);
        });
      }
    });
  }

  describe('POST /v1/authorize checks', () => {
    const many = (n: number) => Array.from({ length: n }, () => CHECK);
    const cases: Array<[string, unknown, string]> = [
      ['no checks', undefined, 'checks'],
      ['checks that is an object', { a: CHECK }, 'checks'],
      ['an empty list', [], 'checks'],
      ['101 checks', many(101), 'checks'],
      ['a check without action', [{ resource: 'arn:aws:s3:::b' }], 'checks[0].action'],
      ['a check without resource', [{ action: 's3:GetObject' }], 'checks[0].resource'],
      ['a numeric action', [{ action: 1, resource: 'arn:aws:s3:::b' }], 'checks[0].action'],
      ['an unknown check field', [{ ...CHECK, effect: 'Allow' }], 'checks[0].effect'],
      ['a context that is a list', [{ ...CHECK, context: ['a'] }], 'checks[0].context'],
      ['a nested context value', [{ ...CHECK, context: { 'aws:SourceIp': { ip: '1.2.3.4' } } }], 'checks[0].context.aws:SourceIp'],
      ['a null context value', [{ ...CHECK, context: { 's3:prefix': null } }], 'checks[0].context.s3:prefix'],
      ['a context list holding an object', [CHECK, { ...CHECK, context: { 'aws:TagKeys': ['a', {}] } }], 'checks[1].context.aws:TagKeys'],
      ['65 context keys', [{ ...CHECK, context: Object.fromEntries(many(65).map((_, i) => [`k:${i}`, 'v'])) }], 'checks[0].context'],
    ];
    for (const [name, checks, field] of cases) {
      it(`refuses ${name} with 400 naming ${field}`, async () => {
        const res = await request(app()).post('/v1/authorize').set(AUTH).send({ accessKeyId: 'x', checks });
        assert.equal(res.status, 400);
        assert.equal(res.body.error.field, field);
      });
    }

    it('accepts 100 checks (then fails on the credential)', async () => {
      const res = await request(app()).post('/v1/authorize').set(AUTH).send({ accessKeyId: 'x', checks: many(100) });
      assert.equal(res.status, 401);
    });
  });
});
