/** The stores the sidecar suites run against: with and without the revision-checked principal cache. */
import { systemClock } from '../../../src/clock.js';
import type { RedisConfig } from '../../../src/config.js';
import { MemoryStore } from '../../../src/store/memory/memoryStore.js';
import { LocalRevisionCounter } from '../../../src/store/revisionCounters.js';
import { createStore } from '../../../src/store/index.js';
import { RevisionTrackingStore } from '../../../src/store/revisionTrackingStore.js';
import type { Store } from '../../../src/store/types.js';
import { BUILTIN_POLICY_NAMES } from '../../../src/policies/index.js';

export interface StoreKind {
  readonly name: string;
  create(): Store;
}

export const MEMORY_KINDS: readonly StoreKind[] = [
  { name: 'memory store (no principal cache)', create: () => new MemoryStore({ clock: systemClock, builtinPolicies: BUILTIN_POLICY_NAMES }) },
  {
    name: 'revision-tracked memory store (principal cache)',
    create: () => new RevisionTrackingStore(new MemoryStore({ clock: systemClock, builtinPolicies: BUILTIN_POLICY_NAMES }), new LocalRevisionCounter()),
  },
];

export function redisConfig(url: string): RedisConfig {
  return { url, sentinels: undefined, clusterNodes: undefined, sentinelName: 'mymaster' };
}

/** A revision-tracked Redis store as production builds it, on its own client. */
export function trackedRedisStore(url: string, prefix: string): RevisionTrackingStore {
  return createStore({ redis: redisConfig(url), prefix, clock: systemClock, builtinPolicies: BUILTIN_POLICY_NAMES });
}
