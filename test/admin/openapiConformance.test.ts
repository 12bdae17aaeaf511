import request from 'supertest';
import { createRequestHandler } from '../../src/app.js';
import { ADMIN_TOKEN, makeTestDeps } from '../helpers/testDeps.js';
import { assertMatchesSchema } from '../openapi/schemaCheck.js';

const SECRET = 'Sup3r-Secret-Key!';
const DOC = { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::b/*' }] };

/** Real answers of the admin and ops APIs, each checked against openapi/openapi.yaml. */
describe('admin API conforms to openapi.yaml', () => {
  it('for every endpoint, in success and in error', async () => {
    const deps = makeTestDeps();
    const app = createRequestHandler(deps);
    const auth = { Authorization: `Bearer ${ADMIN_TOKEN}` };
    const steps: Array<[string, string, unknown?, Record<string, string>?]> = [
      ['GET', '/healthz'],
      ['GET', '/readyz'],
      ['GET', '/admin/v1/users', undefined, {}],
      ['PUT', '/admin/v1/policies/getter', DOC],
      ['PUT', '/admin/v1/policies/getter', DOC],
      ['PUT', '/admin/v1/policies/bad', { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 'nope', Resource: '*' }] }],
      ['PUT', '/admin/v1/policies/readonly', DOC],
      ['POST', '/admin/v1/users', { name: 'alice', secretKey: SECRET, posixUid: 1000, posixGid: 1000, policy: 'getter' }],
      ['POST', '/admin/v1/users', { name: 'alice', secretKey: SECRET }],
      ['POST', '/admin/v1/users', { name: 'x', secretKey: SECRET }],
      ['POST', '/admin/v1/users', { name: 'bob', secretKey: SECRET, policy: 'missing' }],
      ['GET', '/admin/v1/users'],
      ['GET', '/admin/v1/users/alice'],
      ['GET', '/admin/v1/users/nobody'],
      ['GET', '/admin/v1/policies'],
      ['GET', '/admin/v1/policies/getter'],
      ['GET', '/admin/v1/policies/readwrite'],
      ['GET', '/admin/v1/policies/missing'],
      ['DELETE', '/admin/v1/policies/getter'],
      ['PUT', '/admin/v1/users/alice/policy', { policy: 'readonly' }],
      ['PUT', '/admin/v1/users/alice/policy', { policy: 'missing' }],
      ['DELETE', '/admin/v1/users/alice/policy'],
      ['GET', '/admin/v1/sessions'],
      ['GET', '/admin/v1/sessions?user=alice'],
      ['DELETE', '/admin/v1/sessions/ASIAAAAAAAAAAAAAAAA1'],
      ['DELETE', '/admin/v1/users/alice/sessions'],
      ['DELETE', '/admin/v1/policies/getter'],
      ['DELETE', '/admin/v1/users/alice'],
      ['DELETE', '/admin/v1/users/alice'],
    ];
    for (const [method, path, body, headers] of steps) {
      let call = request(app)[method.toLowerCase() as 'get'](path).set(headers ?? auth);
      if (body !== undefined) call = call.send(body as object);
      const res = await call;
      assertMatchesSchema(method, path, res.status, res.status === 204 ? undefined : res.body);
    }
  });
});
