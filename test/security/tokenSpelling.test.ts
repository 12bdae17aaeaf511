/** Only the exact session token that was issued verifies, on every surface (issue 8.6). */
import assert from 'node:assert/strict';
import { startLiveServer, type LiveServer } from '../helpers/liveServer.js';
import { rawRequest } from '../helpers/rawRequest.js';
import { assumeRole, createUser, sidecarCall, signedStsPost, type Credentials } from '../sidecar/support/world.js';

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';

/** The token with its signature's last character respelled: same bytes, other text. */
function respelled(token: string): string {
  const last = ALPHABET.indexOf(token.at(-1) as string);
  const other = `${token.slice(0, -1)}${ALPHABET[last ^ 1]}`;
  const signature = (text: string) => Buffer.from(text.slice(text.lastIndexOf('.') + 1), 'base64url');
  assert.deepEqual(signature(other), signature(token));
  return other;
}

describe('session token spelling', () => {
  let server: LiveServer;
  let session: Credentials;
  beforeEach(async () => {
    server = await startLiveServer();
    const alice = await createUser(server, 'alice', 'Sup3r-Secret-Key!', { policy: 'readonly' });
    session = await assumeRole(server, alice, { sessionName: 'spelling' });
  });
  afterEach(() => server.close());

  it('the sidecar accepts the issued token and refuses another spelling of it', async () => {
    const ok = await sidecarCall(server, '/v1/verify', { accessKeyId: session.accessKeyId, sessionToken: session.sessionToken });
    assert.equal(ok.status, 200);
    const other = await sidecarCall(server, '/v1/verify', { accessKeyId: session.accessKeyId, sessionToken: respelled(session.sessionToken as string) });
    assert.equal(other.status, 401);
    assert.equal(other.body.reason, 'malformed');
  });

  it('the Query API refuses a request signed with another spelling of the token', async () => {
    const body = 'Action=GetCallerIdentity&Version=2011-06-15';
    const creds = { ...session, sessionToken: respelled(session.sessionToken as string) };
    const res = await rawRequest(`${server.url}/`, { method: 'POST', headers: signedStsPost(server, creds, body), body });
    assert.equal(res.status, 403);
    assert.match(res.body, /<Code>InvalidClientTokenId<\/Code>/);
  });
});
