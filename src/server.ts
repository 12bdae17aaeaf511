import { createServer, type Server } from 'node:http';
import { fileURLToPath } from 'node:url';
import { createRequestHandler } from './app.js';
import { systemClock } from './clock.js';
import { ConfigError, loadConfig, type Config } from './config.js';
import { BUILTIN_POLICY_NAMES } from './policies/index.js';
import { deriveKeyRing } from './crypto/keyRing.js';
import type { Deps } from './deps.js';
import { createLogger, type Logger } from './logger.js';
import { createMetrics } from './ops/metrics.js';
import { createRedisClient, createStore } from './store/index.js';
import { SignInThrottle } from './throttle/signInThrottle.js';
import { VerifierPool } from './oidc/verifierPool.js';

export interface RunningServer {
  readonly url: string;
  readonly deps: Deps;
  close(): Promise<void>;
}

/** Builds every dependency from the environment, then listens. */
export async function startServer(env: Readonly<Record<string, string | undefined>> = process.env): Promise<RunningServer> {
  const config = loadConfig(env);
  const logger = createLogger(config.logLevel);
  // One Redis client for the store and the sign-in counters.
  const redis = config.redis === undefined ? undefined : createRedisClient(config.redis, { onError: throttledLog(logger) });
  const deps: Deps = {
    config,
    logger,
    clock: systemClock,
    keys: deriveKeyRing(config.masterKey, config.previousMasterKeys),
    metrics: createMetrics({ defaultMetrics: true }),
    store: createStore({ redis: config.redis, client: redis, prefix: config.keyPrefix, clock: systemClock, builtinPolicies: BUILTIN_POLICY_NAMES }),
    signIns: new SignInThrottle({ limit: config.signInFailureLimit, redis, prefix: config.keyPrefix, clock: systemClock }),
    verifiers: new VerifierPool({ now: () => systemClock.now(), allowInsecureLoopback: config.oidcAllowInsecureLoopback }),
  };
  const server = createServer({ keepAliveTimeout: 65_000 }, createRequestHandler(deps));
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(config.port, config.host, () => resolve());
  });
  const url = listenUrl(server, config);
  logger.info({ url, store: config.redis ? 'redis' : 'memory' }, 'listening');
  announceGeneratedTokens(config);
  return { url, deps, close: () => closeServer(server, deps) };
}

/** Redis connection errors repeat on every reconnect attempt: log the first, then one per 10 s. */
function throttledLog(logger: Logger): (err: Error) => void {
  let last = 0;
  return (err) => {
    const now = Date.now();
    if (now - last < 10_000) return;
    last = now;
    logger.warn({ err: { message: err.message } }, 'redis connection error');
  };
}

function listenUrl(server: Server, config: Config): string {
  const address = server.address();
  const port = typeof address === 'object' && address !== null ? address.port : config.port;
  const host = config.host.includes(':') ? `[${config.host}]` : config.host;
  return `http://${host}:${port}`;
}

/**
 * Generated tokens (embedded mode only) are printed once to the terminal, not to the log
 * stream, so they never land in a log store.
 */
function announceGeneratedTokens(config: Config): void {
  if (config.generatedTokens.admin) process.stderr.write(`s3-sts: generated STS_ADMIN_TOKEN=${config.adminToken}\n`);
  if (config.generatedTokens.verify) process.stderr.write(`s3-sts: generated STS_VERIFY_TOKEN=${config.verifyToken}\n`);
}

async function closeServer(server: Server, deps: Deps): Promise<void> {
  await new Promise<void>((resolve) => {
    server.close(() => resolve());
    server.closeIdleConnections();
  });
  await deps.store.close();
}

function installShutdown(running: RunningServer, logger: Logger): void {
  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'shutting down');
    const force = setTimeout(() => process.exit(1), 10_000);
    force.unref();
    running.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.on('SIGTERM', () => stop('SIGTERM'));
  process.on('SIGINT', () => stop('SIGINT'));
}

async function main(): Promise<void> {
  try {
    const running = await startServer();
    installShutdown(running, running.deps.logger);
  } catch (err) {
    const message = err instanceof ConfigError ? err.message : `start-up failed: ${(err as Error).message}`;
    process.stderr.write(`s3-sts: ${message}\n`);
    process.exit(1);
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  void main();
}
