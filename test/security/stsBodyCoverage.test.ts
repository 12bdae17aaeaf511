/** A Query API body is covered by the signature or refused (issue 8.5). */
import assert from 'node:assert/strict';
import { startLiveServer, type LiveServer } from '../helpers/liveServer.js';
import { rawRequest } from '../helpers/rawRequest.js';
import { createUser, signedStsPost, type Credentials } from '../sidecar/support/world.js';

const SIGNED_BODY = 'Action=AssumeRole&Version=2011-06-15&RoleArn=arn%3Aaws%3Aiam%3A%3A000000000000%3Arole%2Fapp&RoleSessionName=short&DurationSeconds=900';
const SWAPPED_BODY = SIGNED_BODY.replace('DurationSeconds=900', 'DurationSeconds=604800');

describe('STS body coverage', () => {
  let server: LiveServer;
  let alice: Credentials;
  beforeEach(async () => {
    server = await startLiveServer();
    alice = await createUser(server, 'alice', 'Sup3r-Secret-Key!', { policy: 'readonly' });
  });
  afterEach(() => server.close());

  function send(contentSha256: string | undefined, signedBody: string, sentBody: string) {
    const headers = signedStsPost(server, alice, signedBody, contentSha256 === undefined ? {} : { 'x-amz-content-sha256': contentSha256 });
    return rawRequest(`${server.url}/`, { method: 'POST', headers, body: sentBody });
  }

  const unsignedStatements = ['UNSIGNED-PAYLOAD', 'STREAMING-AWS4-HMAC-SHA256-PAYLOAD', 'STREAMING-UNSIGNED-PAYLOAD-TRAILER'];
  for (const stated of unsignedStatements) {
    it(`refuses a body whose signature states ${stated}, so its parameters cannot be swapped`, async () => {
      const res = await send(stated, SIGNED_BODY, SWAPPED_BODY);
      assert.equal(res.status, 400, res.body);
      assert.match(res.body, /<Code>IncompleteSignature<\/Code>/);
      assert.match(res.body, /must be covered by the signature/);
    });
  }

  it('accepts a body signed by its hash, stated or not, and refuses a swapped one', async () => {
    const { createHash } = await import('node:crypto');
    const hash = createHash('sha256').update(SIGNED_BODY).digest('hex');
    assert.equal((await send(hash, SIGNED_BODY, SIGNED_BODY)).status, 200);
    assert.equal((await send(undefined, SIGNED_BODY, SIGNED_BODY)).status, 200);
    for (const stated of [hash, undefined]) {
      const swapped = await send(stated, SIGNED_BODY, SWAPPED_BODY);
      assert.equal(swapped.status, 403);
      assert.match(swapped.body, /<Code>SignatureDoesNotMatch<\/Code>/);
    }
  });
});
