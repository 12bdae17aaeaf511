import assert from 'node:assert/strict';
import { Cluster, Redis } from 'ioredis';
import type { RedisConfig } from '../../src/config.js';
import { createRedisClient, FAIL_FAST, nodeOptions, reconnectDelay } from '../../src/store/redis/createRedisClient.js';

const base: RedisConfig = { url: undefined, sentinels: undefined, clusterNodes: undefined, sentinelName: 'mymaster' };
// Port 1 on loopback refuses at once: these clients are built and inspected, never used.
const nowhere = [{ host: '127.0.0.1', port: 1 }];

describe('createRedisClient', () => {
  it('takes credentials, database and TLS from the URL', () => {
    const options = nodeOptions({ ...base, url: 'rediss://app:p%40ss@redis.example:6380/2' });
    assert.equal(options.username, 'app');
    assert.equal(options.password, 'p@ss');
    assert.equal(options.db, 2);
    assert.deepEqual(options.tls, { servername: 'redis.example' });
  });

  it('configures every node connection to fail fast', () => {
    const options = nodeOptions({ ...base, url: 'redis://127.0.0.1:1' });
    assert.equal(options.commandTimeout, FAIL_FAST.commandTimeoutMs);
    assert.equal(options.connectTimeout, FAIL_FAST.connectTimeoutMs);
    assert.equal(options.maxRetriesPerRequest, 0);
    assert.equal(options.tls, undefined);
  });

  it('backs off reconnects but never beyond the cap', () => {
    assert.equal(reconnectDelay(1), 50);
    assert.equal(reconnectDelay(1000), FAIL_FAST.maxReconnectDelayMs);
  });

  const topologies: Array<[string, RedisConfig, (client: Redis | Cluster) => void]> = [
    ['a URL', { ...base, url: 'redis://127.0.0.1:1/3' }, (client) => {
      assert.ok(client instanceof Redis);
      assert.equal(client.options.port, 1);
      assert.equal(client.options.db, 3);
    }],
    ['Sentinels, with the password from REDIS_URL', { ...base, url: 'redis://:secret@ignored:1', sentinels: nowhere, sentinelName: 'primary' }, (client) => {
      assert.ok(client instanceof Redis);
      assert.equal(client.options.name, 'primary');
      assert.deepEqual(client.options.sentinels, nowhere);
      assert.equal(client.options.password, 'secret');
      // A hung Sentinel must not stall the master lookup forever.
      assert.equal(client.options.sentinelCommandTimeout, FAIL_FAST.commandTimeoutMs);
    }],
    ['Cluster nodes', { ...base, clusterNodes: nowhere }, (client) => {
      assert.ok(client instanceof Cluster);
      assert.equal(client.options.redisOptions?.commandTimeout, FAIL_FAST.commandTimeoutMs);
    }],
  ];
  for (const [name, config, check] of topologies) {
    it(`builds a client for ${name}`, () => {
      const client = createRedisClient(config);
      try {
        check(client);
      } finally {
        client.disconnect();
      }
    });
  }
});
