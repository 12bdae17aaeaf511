import assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import { fromTokenFile } from '@aws-sdk/credential-providers';
import { createRole, roleArn, startWorld, type WebIdentityWorld } from './support/webIdentityWorld.js';

/** The AWS SDK for JavaScript v3's own web identity provider, reading a token file a real OpenID provider issued. */
describe('@aws-sdk/credential-providers fromTokenFile', function () {
  this.timeout(30_000);
  let world: WebIdentityWorld;
  let dir: string;
  let role: any;
  before(async () => {
    world = await startWorld();
    role = await createRole(world, 'sdk-role');
    dir = await mkdtemp(join(tmpdir(), 's3-sts-token-'));
  });
  after(async () => {
    await world?.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('gets credentials that act as the role, and reads the token file afresh on each fetch', async () => {
    const tokenFile = join(dir, 'token');
    const provider = fromTokenFile({
      webIdentityTokenFile: tokenFile,
      roleArn: roleArn('sdk-role'),
      roleSessionName: 'sdk-session',
      clientConfig: { endpoint: world.server.url, region: 'us-east-1' },
    });
    await writeFile(tokenFile, await world.idp.issueToken());
    const first = await provider();
    assert.match(first.accessKeyId, /^ASIA[A-Z0-9]{16}$/);
    assert.ok(first.expiration !== undefined && first.expiration.getTime() > Date.now() + 3500_000);
    const sts = new STSClient({ endpoint: world.server.url, region: 'us-east-1', credentials: first });
    const identity = await sts.send(new GetCallerIdentityCommand({}));
    assert.equal(identity.Arn, 'arn:aws:sts::000000000000:assumed-role/sdk-role/sdk-session');
    assert.equal(identity.UserId, `${role.id}:sdk-session`);

    await writeFile(tokenFile, 'not-a-token');
    // The SDK names its modelled error after the AWS code.
    await assert.rejects(provider(), (err: Error) => err.name === 'InvalidIdentityTokenException');
    await writeFile(tokenFile, await world.idp.issueToken());
    const second = await provider();
    assert.notEqual(second.accessKeyId, first.accessKeyId);
  });
});
