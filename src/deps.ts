import type { Clock } from './clock.js';
import type { Config } from './config.js';
import type { KeyRing } from './crypto/keyRing.js';
import type { Logger } from './logger.js';
import type { Metrics } from './ops/metrics.js';
import type { VerifierPool } from './oidc/verifierPool.js';
import type { Store } from './store/types.js';
import type { SignInThrottle } from './throttle/signInThrottle.js';

/** Everything a request handler may use; built once in server.ts (or by a test). */
export interface Deps {
  readonly config: Config;
  readonly store: Store;
  readonly clock: Clock;
  readonly logger: Logger;
  readonly keys: KeyRing;
  readonly metrics: Metrics;
  /** Failed sign-ins per client address and per key from it, shared by every instance. */
  readonly signIns: SignInThrottle;
  /** One web identity verifier per registered OIDC provider, so keys stay cached across requests. */
  readonly verifiers: VerifierPool;
}
