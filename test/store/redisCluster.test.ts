import assert from 'node:assert/strict';
import { Redis } from 'ioredis';
import { ManualClock } from '../helpers/manualClock.js';
import type { HostPort, RedisConfig } from '../../src/config.js';
import { createStore, hasRevision } from '../../src/store/index.js';
import { createRedisClient } from '../../src/store/redis/createRedisClient.js';
import { redisKeys } from '../../src/store/redis/keys.js';
import { RedisStore } from '../../src/store/redis/redisStore.js';
import { revisionKey } from '../../src/store/revisionCounters.js';
import { startRedisCluster, type RedisCluster } from '../helpers/redisCluster.js';
import { runStoreContract } from './contract.js';
import { policyRecord, sessionRecord, userRecord } from './contract/fixtures.js';
import { urlConfig } from './redisConfig.js';
import { BUILTIN_POLICY_NAMES } from '../../src/policies/index.js';

let prefixes = 0;
const nextPrefix = (): string => `m${(prefixes += 1)}`;

// Three masters, so keys of different slots live on different nodes: a multi-key command,
// script or pipeline across slots fails here, where a one-node cluster would let it pass.
describe('RedisStore on a three-master Redis Cluster', () => {
  let cluster: RedisCluster;
  let config: RedisConfig;
  before(async function () {
    this.timeout(40_000);
    cluster = await startRedisCluster();
    config = { ...urlConfig(undefined), clusterNodes: cluster.nodes };
  });
  after(async () => {
    await cluster?.stop();
  });

  runStoreContract('RedisStore (3-master cluster)', async () => {
    const clock = new ManualClock(Date.now());
    const store = new RedisStore({ redis: createRedisClient(config), prefix: nextPrefix(), clock, builtinPolicies: BUILTIN_POLICY_NAMES });
    return { store, clock, cleanup: () => store.close() };
  });

  runStoreContract('createStore (3-master cluster)', async () => {
    const clock = new ManualClock(Date.now());
    const store = createStore({ redis: config, prefix: nextPrefix(), clock, builtinPolicies: BUILTIN_POLICY_NAMES });
    return { store, clock, cleanup: () => store.close() };
  });

  it('spreads sessions and session indexes over more than one node', async () => {
    const prefix = nextPrefix();
    const clock = new ManualClock(Date.now());
    const store = new RedisStore({ redis: createRedisClient(config), prefix, clock });
    const keys = redisKeys(prefix);
    const written: string[] = [];
    try {
      for (let i = 0; i < 8; i += 1) {
        const user = userRecord(`user${i}`);
        assert.deepEqual(await store.createUser(user), { ok: true });
        const session = sessionRecord(user, clock.now() + 600_000);
        await store.putSession(session);
        written.push(keys.session(session.accessKeyId), keys.userSessions(user.name));
      }
    } finally {
      await store.close();
    }
    const holders = new Set<number>();
    for (const key of written) holders.add(await nodeHolding(cluster.nodes, key));
    assert.ok(holders.size >= 2, `all ${written.length} keys on one node (${[...holders].join()})`);
  });

  it('reads the revision of a fresh store, bumps it on a change seen by another instance, in the metadata slot', async () => {
    const prefix = nextPrefix();
    const clock = new ManualClock(Date.now());
    const writer = createStore({ redis: config, prefix, clock });
    const reader = createStore({ redis: config, prefix, clock });
    try {
      assert.ok(hasRevision(writer) && hasRevision(reader));
      // Nothing has connected yet: the first read waits for the connection as store calls do.
      const before = await reader.revision();
      assert.equal(await writer.revision(), before);
      assert.deepEqual(await writer.putPolicy(policyRecord('p')), { created: true });
      const after = await reader.revision();
      assert.notEqual(after, before);
      await writer.createUser(userRecord('alice', { policy: 'p' }));
      assert.notEqual(await reader.revision(), after);
      const [revisionSlot, metaSlot] = await withNode(cluster.nodes[0] as HostPort, (node) =>
        Promise.all([keySlot(node, revisionKey(prefix)), keySlot(node, redisKeys(prefix).users)]));
      assert.equal(revisionSlot, metaSlot);
    } finally {
      await Promise.all([writer.close(), reader.close()]);
    }
  });
});

/** The port of the node that owns `key`'s slot, after checking the key really is there. */
async function nodeHolding(nodes: readonly HostPort[], key: string): Promise<number> {
  const port = await withNode(nodes[0] as HostPort, async (node) => slotOwner(await slotRanges(node), await keySlot(node, key)));
  const exists = await withNode({ host: '127.0.0.1', port }, (node) => node.exists(key));
  assert.equal(exists, 1, `${key} not found on the node owning its slot (${port})`);
  return port;
}

interface SlotRange {
  readonly from: number;
  readonly to: number;
  readonly port: number;
}

/** `CLUSTER SLOTS`: [[from, to, [host, port, id], ...replicas], ...]. */
async function slotRanges(node: Redis): Promise<SlotRange[]> {
  const reply = (await node.call('CLUSTER', 'SLOTS')) as Array<[number, number, [string, number, ...unknown[]]]>;
  return reply.map(([from, to, [, port]]) => ({ from, to, port }));
}

function slotOwner(ranges: readonly SlotRange[], slot: number): number {
  const range = ranges.find(({ from, to }) => from <= slot && slot <= to);
  assert.ok(range, `no node owns slot ${slot}`);
  return range.port;
}

async function keySlot(node: Redis, key: string): Promise<number> {
  return Number(await node.call('CLUSTER', 'KEYSLOT', key));
}

/** A plain connection to one node, which answers for its own slots only. */
async function withNode<T>(address: HostPort, use: (node: Redis) => Promise<T>): Promise<T> {
  const node = new Redis({ ...address, maxRetriesPerRequest: 0, connectTimeout: 1000, commandTimeout: 1000, retryStrategy: () => null });
  try {
    return await use(node);
  } finally {
    node.disconnect();
  }
}
