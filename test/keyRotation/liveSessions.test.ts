/**
 * Master key rotation without dropping anyone (issue 10.1): sessions issued under key A keep
 * working after a restart with STS_MASTER_KEY=B and STS_PREVIOUS_MASTER_KEYS=A; new sessions
 * are under B; after the re-seal, dropping A keeps every user working and ends A's sessions.
 */
import assert from 'node:assert/strict';
import { deriveKeyRing } from '../../src/crypto/keyRing.js';
import { sealedKeyId } from '../../src/crypto/secretBox.js';
import { BUILTIN_POLICY_NAMES } from '../../src/policies/index.js';
import { createStore } from '../../src/store/index.js';
import type { Store } from '../../src/store/types.js';
import { OffsetClock, type LiveServer } from '../helpers/liveServer.js';
import { assumeRole, createUser, getSessionToken, type Credentials } from '../sidecar/support/world.js';
import { callerIdentity, newMasterKey, serviceWith, sidecarVerdict, tokenKid } from './support.js';

const SECRET = 'Sup3r-Secret-Key!';

describe('master key rotation with live sessions', () => {
  const keyA = newMasterKey();
  const keyB = newMasterKey();
  const idA = deriveKeyRing(Buffer.from(keyA, 'base64')).keyId;
  const idB = deriveKeyRing(Buffer.from(keyB, 'base64')).keyId;
  let clock: OffsetClock;
  let store: Store;
  let server: LiveServer | undefined;
  const restart = async (current: string, previous: string[] = []): Promise<LiveServer> => {
    await server?.close();
    server = await serviceWith(store, clock, current, previous);
    return server;
  };

  beforeEach(() => {
    clock = new OffsetClock();
    store = createStore({ prefix: 'x', clock, builtinPolicies: BUILTIN_POLICY_NAMES });
  });
  afterEach(async () => {
    await server?.close();
    server = undefined;
  });

  it('keeps A-sessions through B with A previous, issues under B, and after re-seal B alone keeps the users', async () => {
    let live = await restart(keyA);
    const alice = await createUser(live, 'alice', SECRET, { policy: 'readwrite' });
    const bob = await createUser(live, 'bob', 'An0ther-Secret!', { policy: 'readonly' });
    const roleA = await assumeRole(live, alice, { sessionName: 'before' });
    const tokenA = await getSessionToken(live, bob);
    assert.equal(tokenKid(roleA.sessionToken), idA);
    assert.equal(sealedKeyId((await store.getUser('alice'))?.sealedSecret ?? ''), idA);

    live = await restart(keyB, [keyA]);
    for (const session of [roleA, tokenA]) {
      assert.match(await callerIdentity(live, session), /^arn:aws:(sts|iam)::000000000000:/);
      assert.equal(await sidecarVerdict(live, session), 'valid');
    }
    // A chained session from an A-session is a new session: under B.
    const chained = await assumeRole(live, roleA, { sessionName: 'chained' });
    const roleB = await assumeRole(live, alice, { sessionName: 'after' });
    for (const session of [chained, roleB]) {
      assert.equal(tokenKid(session.sessionToken), idB);
      assert.equal(await sidecarVerdict(live, session), 'valid');
    }
    assert.equal(await callerIdentity(live, alice), 'arn:aws:iam::000000000000:user/alice');

    const reseal = await live.admin('POST', '/admin/v1/maintenance/reseal');
    assert.equal(reseal.status, 200, JSON.stringify(reseal.body));
    assert.deepEqual(reseal.body, { resealed: 2, current: 0, changedMeanwhile: 0, unopenable: [], unopenableCount: 0, keyId: idB });
    for (const name of ['alice', 'bob']) assert.equal(sealedKeyId((await store.getUser(name))?.sealedSecret ?? ''), idB);
    const again = await live.admin('POST', '/admin/v1/maintenance/reseal');
    assert.equal(again.body.current, 2, 'a second re-seal finds nothing to do');

    // A dropped: the users and B-sessions keep working; sessions signed under A end.
    live = await restart(keyB);
    assert.equal(await callerIdentity(live, alice), 'arn:aws:iam::000000000000:user/alice');
    assert.equal(await callerIdentity(live, bob), 'arn:aws:iam::000000000000:user/bob');
    assert.equal(await sidecarVerdict(live, roleB), 'valid');
    assert.match(await callerIdentity(live, roleB), /assumed-role\/app\/after$/);
    for (const session of [roleA, tokenA]) {
      assert.equal(await callerIdentity(live, session), 'InvalidClientTokenId');
      assert.equal(await sidecarVerdict(live, session), 'bad-signature');
    }
    // The session chained from an A-session is signed under B, but ends with A too.
    assert.equal(await callerIdentity(live, chained), 'InvalidClientTokenId');
    assert.equal(await sidecarVerdict(live, chained), 'revoked');
  });

  it('without the re-seal, dropping A locks the users out: the procedure re-seals first', async () => {
    let live = await restart(keyA);
    const alice: Credentials = await createUser(live, 'alice', SECRET, { policy: 'readwrite' });
    live = await restart(keyB);
    assert.equal(await callerIdentity(live, alice), 'InvalidClientTokenId');
    live = await restart(keyB, [keyA]);
    assert.equal(await callerIdentity(live, alice), 'arn:aws:iam::000000000000:user/alice');
  });

  it('reports a user whose secret opens under no key, and leaves it alone', async () => {
    let live = await restart(keyA);
    await createUser(live, 'alice', SECRET);
    live = await restart(keyB);
    const reseal = await live.admin('POST', '/admin/v1/maintenance/reseal');
    assert.deepEqual([reseal.body.resealed, reseal.body.unopenable], [0, ['alice']]);
    assert.equal(sealedKeyId((await store.getUser('alice'))?.sealedSecret ?? ''), idA);
  });
});
