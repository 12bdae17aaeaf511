import assert from 'node:assert/strict';
import request from 'supertest';
import { createRequestHandler } from '../../src/app.js';
import { signRequest } from '../../src/sigv4/index.js';
import { ADMIN_TOKEN, makeTestDeps } from '../helpers/testDeps.js';

const SECRET = 'Sup3r-Secret-Key!';

describe('STS throttling', () => {
  it('answers Throttling (400) once an access key exceeds STS_RATE_LIMIT, and recovers as time passes', async () => {
    const deps = makeTestDeps({ env: { STS_RATE_LIMIT: '2' } });
    const app = createRequestHandler(deps);
    await request(app).post('/admin/v1/users').set('Authorization', `Bearer ${ADMIN_TOKEN}`).send({ name: 'alice', secretKey: SECRET }).expect(201);
    const call = () => {
      const body = 'Action=GetCallerIdentity&Version=2011-06-15';
      const headers = { host: '127.0.0.1', 'content-type': 'application/x-www-form-urlencoded' };
      const signed = signRequest(
        { method: 'POST', path: '/', query: '', headers, body },
        { accessKeyId: 'alice', secretAccessKey: SECRET },
        { region: 'us-east-1', service: 'sts', now: deps.clock.now() },
      );
      return request(app).post('/').set(signed.headers).send(body);
    };
    const statuses: number[] = [];
    for (let i = 0; i < 5; i++) statuses.push((await call()).status);
    assert.deepEqual(statuses, [200, 200, 200, 200, 400]);
    const throttled = await call();
    assert.match(throttled.text, /<Code>Throttling<\/Code>/);
    assert.match(throttled.text, /<Type>Sender<\/Type>/);
    deps.clock.advance(1000);
    assert.equal((await call()).status, 200);
  });
});
