import { randomBytes } from 'node:crypto';
import { Writable } from 'node:stream';
import type { Clock } from '../../src/clock.js';
import { ManualClock } from './manualClock.js';
import { loadConfig, type Config } from '../../src/config.js';
import { deriveKeyRing } from '../../src/crypto/keyRing.js';
import type { Deps } from '../../src/deps.js';
import { createLogger } from '../../src/logger.js';
import { createMetrics } from '../../src/ops/metrics.js';
import { MemoryStore } from '../../src/store/memory/memoryStore.js';
import type { Store } from '../../src/store/types.js';
import { SignInThrottle } from '../../src/throttle/signInThrottle.js';
import { VerifierPool } from '../../src/oidc/verifierPool.js';
import { BUILTIN_POLICY_NAMES } from '../../src/policies/index.js';

export const ADMIN_TOKEN = 'test-admin-token-0123456789';
export const VERIFY_TOKEN = 'test-verify-token-0123456789';

/** Every log line a test app writes, parsed, so tests can assert on audit lines and on leaks. */
export class LogCapture extends Writable {
  readonly lines: string[] = [];
  override _write(chunk: Buffer, _encoding: string, done: () => void): void {
    this.lines.push(...chunk.toString('utf8').split('\n').filter((line) => line.length > 0));
    done();
  }
  records(): Array<Record<string, unknown>> {
    return this.lines.map((line) => JSON.parse(line) as Record<string, unknown>);
  }
  text(): string {
    return this.lines.join('\n');
  }
}

/** A clock tests can move forward: ManualClock (frozen) or OffsetClock (real time plus an offset). */
export interface AdvancingClock extends Clock {
  advance(ms: number): void;
}

export interface TestDeps extends Deps {
  readonly clock: AdvancingClock;
  readonly logs: LogCapture;
}

/** Deps for an in-process app: memory store (unless given), frozen clock, captured logs. */
export function makeTestDeps(
  options: { env?: Record<string, string>; store?: Store; now?: number; clock?: AdvancingClock; signIns?: SignInThrottle; verifiers?: VerifierPool } = {},
): TestDeps {
  const config: Config = loadConfig({
    STS_ADMIN_TOKEN: ADMIN_TOKEN,
    STS_VERIFY_TOKEN: VERIFY_TOKEN,
    STS_MASTER_KEY: randomBytes(32).toString('base64'),
    LOG_LEVEL: 'debug',
    ...options.env,
  });
  const clock = options.clock ?? new ManualClock(options.now ?? Date.now());
  const logs = new LogCapture();
  return {
    config,
    clock,
    logs,
    logger: createLogger(config.logLevel, logs),
    keys: deriveKeyRing(config.masterKey, config.previousMasterKeys),
    metrics: createMetrics(),
    store: options.store ?? new MemoryStore({ clock, builtinPolicies: BUILTIN_POLICY_NAMES }),
    signIns: options.signIns ?? new SignInThrottle({ limit: config.signInFailureLimit, prefix: config.keyPrefix, clock }),
    verifiers: options.verifiers ?? new VerifierPool({ now: () => clock.now(), allowInsecureLoopback: config.oidcAllowInsecureLoopback }),
  };
}
