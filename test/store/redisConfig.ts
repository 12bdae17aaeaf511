import type { RedisConfig } from '../../src/config.js';

/** The RedisConfig that `REDIS_URL=<url>` alone yields. */
export function urlConfig(url: string | undefined): RedisConfig {
  return { url, sentinels: undefined, clusterNodes: undefined, sentinelName: 'mymaster' };
}
