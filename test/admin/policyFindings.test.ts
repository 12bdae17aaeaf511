/** Policy writes are checked against the S3 catalogue: errors refuse, warnings come back with the 2xx (#7.6). */
import assert from 'node:assert/strict';
import { startLiveServer, type LiveServer } from '../helpers/liveServer.js';

const statement = (extra: Record<string, unknown>) => ({ Version: '2012-10-17', Statement: [{ Sid: 'S', Effect: 'Allow', ...extra }] });

describe('admin API: policy findings', () => {
  let server: LiveServer;
  beforeEach(async () => {
    server = await startLiveServer();
  });
  afterEach(() => server.close());

  it('refuses a misspelt S3 action, naming statement and field, and stores nothing', async () => {
    const res = await server.admin('PUT', '/admin/v1/policies/typo', statement({ Action: 's3:GetObjcet', Resource: 'arn:aws:s3:::b/*' }));
    assert.equal(res.status, 400);
    assert.equal(res.body.error.code, 'MalformedPolicyDocument');
    assert.equal(res.body.error.statement, 'S');
    assert.equal(res.body.error.field, 'Action');
    assert.match(res.body.error.message, /s3:GetObjcet/);
    assert.equal(res.body.error.findings[0].code, 'UnknownAction');
    assert.equal((await server.admin('GET', '/admin/v1/policies/typo')).status, 404);
  });

  it('refuses an unknown service and a malformed ARN', async () => {
    const unknown = await server.admin('PUT', '/admin/v1/policies/svc', statement({ Action: 'nosuchservice:Get', Resource: '*' }));
    assert.equal(unknown.body.error.findings[0].code, 'UnknownService');
    const arn = await server.admin('PUT', '/admin/v1/policies/arn', statement({ Action: 's3:GetObject', Resource: 'arn:nowhere:s3:::b/*' }));
    assert.equal(arn.status, 400);
    assert.equal(arn.body.error.findings[0].code, 'MalformedArn');
  });

  it('stores a suspicious policy and returns its warnings; a clean one has none', async () => {
    const suspicious = await server.admin('PUT', '/admin/v1/policies/odd', statement({ Action: 's3:GetObject', Resource: 'arn:aws:s3:::bucket' }));
    assert.equal(suspicious.status, 201);
    assert.deepEqual(suspicious.body.warnings.map((w: { code: string }) => w.code), ['ResourceNeverMatches']);
    assert.equal((await server.admin('GET', '/admin/v1/policies/odd')).status, 200);
    const clean = await server.admin('PUT', '/admin/v1/policies/clean', statement({ Action: 's3:GetObject', Resource: 'arn:aws:s3:::bucket/*' }));
    assert.equal(clean.status, 201);
    assert.deepEqual(clean.body.warnings, []);
  });
});
