import assert from 'node:assert/strict';
import { ConfigError, loadConfig } from '../src/config.js';

const KEY = Buffer.alloc(32, 7).toString('base64');
const REDIS_BASE = { REDIS_URL: 'redis://127.0.0.1:6390', STS_ADMIN_TOKEN: 'a'.repeat(20), STS_VERIFY_TOKEN: 'v'.repeat(20), STS_MASTER_KEY: KEY };

describe('loadConfig', () => {
  it('has the documented defaults in embedded mode and generates tokens and a master key', () => {
    const config = loadConfig({});
    assert.equal(config.host, '127.0.0.1');
    assert.equal(config.port, 8080);
    assert.equal(config.redis, undefined);
    assert.equal(config.region, 'us-east-1');
    assert.equal(config.accountId, '000000000000');
    assert.deepEqual([config.minDurationSeconds, config.maxDurationSeconds, config.defaultDurationSeconds], [900, 604800, 3600]);
    assert.deepEqual(config.generatedTokens, { admin: true, verify: true });
    assert.notEqual(config.adminToken, config.verifyToken);
    assert.equal(config.masterKey.length, 32);
    assert.ok(Object.isFrozen(config));
  });

  it('reads the S3 domains, lower-cased', () => {
    assert.deepEqual(loadConfig({}).s3Domains, []);
    assert.deepEqual(loadConfig({ STS_S3_DOMAINS: 'S3.Example.com, localhost' }).s3Domains, ['s3.example.com', 'localhost']);
  });

  it('reads the sign-in failure limit and the trusted proxies', () => {
    assert.equal(loadConfig({}).signInFailureLimit, 10);
    assert.deepEqual(loadConfig({}).trustedProxies, []);
    const config = loadConfig({ STS_SIGNIN_FAILURE_LIMIT: '0', STS_TRUSTED_PROXIES: '10.0.0.0/8, ::1,192.0.2.1' });
    assert.equal(config.signInFailureLimit, 0);
    assert.deepEqual(config.trustedProxies, ['10.0.0.0/8', '::1', '192.0.2.1']);
  });

  it('brings the unset default duration within the configured bounds', () => {
    assert.equal(loadConfig({ STS_MAX_DURATION_SECONDS: '1800' }).defaultDurationSeconds, 1800);
    assert.equal(loadConfig({ STS_MIN_DURATION_SECONDS: '7200' }).defaultDurationSeconds, 7200);
  });

  it('reads Redis, Sentinel and Cluster settings', () => {
    assert.equal(loadConfig(REDIS_BASE).redis?.url, 'redis://127.0.0.1:6390');
    const sentinel = loadConfig({ ...REDIS_BASE, REDIS_URL: '', REDIS_SENTINELS: 'h1:26379, [::1]:26380' });
    assert.deepEqual(sentinel.redis?.sentinels, [{ host: 'h1', port: 26379 }, { host: '::1', port: 26380 }]);
    const cluster = loadConfig({ ...REDIS_BASE, REDIS_URL: '', REDIS_CLUSTER_NODES: 'n1:7000,n2:7001' });
    assert.equal(cluster.redis?.clusterNodes?.length, 2);
  });

  const bad: Array<[string, Record<string, string>, string]> = [
    ['a non-numeric port', { PORT: 'http' }, 'PORT'],
    ['a port over 65535', { PORT: '70000' }, 'PORT'],
    ['a non-redis URL', { ...REDIS_BASE, REDIS_URL: 'http://x' }, 'REDIS_URL'],
    ['Redis without an admin token', { ...REDIS_BASE, STS_ADMIN_TOKEN: '' }, 'STS_ADMIN_TOKEN'],
    ['Redis without a verify token', { ...REDIS_BASE, STS_VERIFY_TOKEN: '' }, 'STS_VERIFY_TOKEN'],
    ['Redis without a master key', { ...REDIS_BASE, STS_MASTER_KEY: '' }, 'STS_MASTER_KEY'],
    ['a short master key', { STS_MASTER_KEY: Buffer.alloc(16).toString('base64') }, 'STS_MASTER_KEY'],
    ['a short admin token', { STS_ADMIN_TOKEN: 'short' }, 'STS_ADMIN_TOKEN'],
    ['equal admin and verify tokens', { STS_ADMIN_TOKEN: 'same-token-123456', STS_VERIFY_TOKEN: 'same-token-123456' }, 'STS_VERIFY_TOKEN'],
    ['a bad region', { STS_REGION: 'US East' }, 'STS_REGION'],
    ['an 11-digit account', { STS_ACCOUNT_ID: '12345678901' }, 'STS_ACCOUNT_ID'],
    ['a minimum below 900', { STS_MIN_DURATION_SECONDS: '899' }, 'STS_MIN_DURATION_SECONDS'],
    ['a maximum above a week', { STS_MAX_DURATION_SECONDS: '604801' }, 'STS_MAX_DURATION_SECONDS'],
    ['a maximum below the minimum', { STS_MIN_DURATION_SECONDS: '7200', STS_MAX_DURATION_SECONDS: '3600' }, 'STS_MAX_DURATION_SECONDS'],
    ['a default outside the bounds', { STS_MAX_DURATION_SECONDS: '1800', STS_DEFAULT_DURATION_SECONDS: '3600' }, 'STS_DEFAULT_DURATION_SECONDS'],
    ['an unknown log level', { LOG_LEVEL: 'loud' }, 'LOG_LEVEL'],
    ['a bad sentinel entry', { ...REDIS_BASE, REDIS_SENTINELS: 'h1' }, 'REDIS_SENTINELS'],
    ['a trusted proxy that is no address', { STS_TRUSTED_PROXIES: '10.0.0.1, lb.example' }, 'STS_TRUSTED_PROXIES'],
    ['a trusted range with a bad prefix', { STS_TRUSTED_PROXIES: '10.0.0.0/33' }, 'STS_TRUSTED_PROXIES'],
    ['an S3 domain with a port', { STS_S3_DOMAINS: 's3.example.com:9000' }, 'STS_S3_DOMAINS'],
    ['an S3 domain with a scheme', { STS_S3_DOMAINS: 'https://s3.example.com' }, 'STS_S3_DOMAINS'],
    ['a negative sign-in failure limit', { STS_SIGNIN_FAILURE_LIMIT: '-1' }, 'STS_SIGNIN_FAILURE_LIMIT'],
    ['sentinel and cluster together', { ...REDIS_BASE, REDIS_SENTINELS: 'h:1', REDIS_CLUSTER_NODES: 'h:2' }, 'REDIS_CLUSTER_NODES'],
  ];
  for (const [name, env, variable] of bad) {
    it(`stops on ${name}, naming ${variable} in one line`, () => {
      assert.throws(
        () => loadConfig(env),
        (err: unknown) => err instanceof ConfigError && err.variable === variable && !err.message.includes('\n'),
      );
    });
  }
});
