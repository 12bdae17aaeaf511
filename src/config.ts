import { randomBytes } from 'node:crypto';
import { parseProxyEntry } from './net/parseProxyEntry.js';

/** Validated, read-only service configuration. Built once at start from the environment. */
export interface Config {
  readonly host: string;
  readonly port: number;
  readonly redis: RedisConfig | undefined;
  readonly adminToken: string;
  readonly verifyToken: string;
  /** True when a token was generated at start and must be printed once. */
  readonly generatedTokens: { readonly admin: boolean; readonly verify: boolean };
  readonly masterKey: Buffer;
  /**
   * Master keys rotated out: they still open secrets sealed under them and verify (and derive
   * the temporary secrets of) sessions they signed, but never seal or sign anything new.
   */
  readonly previousMasterKeys: readonly Buffer[];
  readonly region: string;
  readonly accountId: string;
  readonly minDurationSeconds: number;
  readonly maxDurationSeconds: number;
  readonly defaultDurationSeconds: number;
  readonly logLevel: string;
  readonly keyPrefix: string;
  /** Query API requests per second allowed to one access key on one instance (0 = no limit). */
  readonly stsRateLimit: number;
  /** Failed sign-ins allowed to one access key from one client address per minute (0 = no limit). */
  readonly signInFailureLimit: number;
  /** Proxies (addresses or CIDR ranges) whose X-Forwarded-For names the client. */
  readonly trustedProxies: readonly string[];
  /** Accept `http://` OIDC issuers on loopback hosts (tests, local development only). */
  readonly oidcAllowInsecureLoopback: boolean;
  /**
   * The S3 endpoint's host names: Host `<bucket>.<domain>` is virtual-hosted, Host `<domain>` is
   * path-style, any other Host is refused by the S3 gateway. Empty: every request path-style.
   */
  readonly s3Domains: readonly string[];
}

export interface RedisConfig {
  readonly url: string | undefined;
  readonly sentinels: readonly HostPort[] | undefined;
  readonly sentinelName: string;
  readonly clusterNodes: readonly HostPort[] | undefined;
}

export interface HostPort {
  readonly host: string;
  readonly port: number;
}

/** Thrown for a bad variable; the message is the one line printed before exiting. */
export class ConfigError extends Error {
  constructor(readonly variable: string, reason: string) {
    super(`invalid configuration: ${variable} ${reason}`);
    this.name = 'ConfigError';
  }
}

type Env = Readonly<Record<string, string | undefined>>;

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'];
const MIN_SESSION_SECONDS = 900;
const MAX_SESSION_SECONDS = 604_800;

export function loadConfig(env: Env): Config {
  const redis = redisConfig(env);
  const minDurationSeconds = intVar(env, 'STS_MIN_DURATION_SECONDS', 900, MIN_SESSION_SECONDS, MAX_SESSION_SECONDS);
  const maxDurationSeconds = intVar(env, 'STS_MAX_DURATION_SECONDS', 604_800, MIN_SESSION_SECONDS, MAX_SESSION_SECONDS);
  if (maxDurationSeconds < minDurationSeconds) {
    throw new ConfigError('STS_MAX_DURATION_SECONDS', 'must not be below STS_MIN_DURATION_SECONDS');
  }
  // Unset, the default is one hour brought within the configured bounds; set, it must lie within them.
  const fallbackDuration = Math.min(Math.max(3600, minDurationSeconds), maxDurationSeconds);
  const defaultDurationSeconds = intVar(env, 'STS_DEFAULT_DURATION_SECONDS', fallbackDuration, minDurationSeconds, maxDurationSeconds);
  const admin = tokenVar(env, 'STS_ADMIN_TOKEN', redis !== undefined);
  const verify = tokenVar(env, 'STS_VERIFY_TOKEN', redis !== undefined);
  if (admin.value === verify.value) {
    throw new ConfigError('STS_VERIFY_TOKEN', 'must differ from STS_ADMIN_TOKEN');
  }
  const currentKey = masterKey(env, redis !== undefined);
  return Object.freeze({
    host: env.HOST || '127.0.0.1',
    port: intVar(env, 'PORT', 8080, 0, 65535),
    redis,
    adminToken: admin.value,
    verifyToken: verify.value,
    generatedTokens: Object.freeze({ admin: admin.generated, verify: verify.generated }),
    masterKey: currentKey,
    previousMasterKeys: previousMasterKeys(env, currentKey),
    region: regionVar(env),
    accountId: accountIdVar(env),
    minDurationSeconds,
    maxDurationSeconds,
    defaultDurationSeconds,
    logLevel: enumVar(env, 'LOG_LEVEL', 'info', LOG_LEVELS),
    keyPrefix: prefixVar(env),
    stsRateLimit: intVar(env, 'STS_RATE_LIMIT', 50, 0, 1_000_000),
    signInFailureLimit: intVar(env, 'STS_SIGNIN_FAILURE_LIMIT', 10, 0, 1_000_000),
    trustedProxies: trustedProxiesVar(env),
    oidcAllowInsecureLoopback: enumVar(env, 'STS_OIDC_ALLOW_INSECURE_LOOPBACK', 'false', ['true', 'false']) === 'true',
    s3Domains: s3DomainsVar(env),
  });
}

function redisConfig(env: Env): RedisConfig | undefined {
  const url = env.REDIS_URL || undefined;
  const sentinels = hostPortList(env, 'REDIS_SENTINELS');
  const clusterNodes = hostPortList(env, 'REDIS_CLUSTER_NODES');
  if (url === undefined && sentinels === undefined && clusterNodes === undefined) return undefined;
  if (url !== undefined && !/^rediss?:\/\/[^\s]+$/.test(url)) {
    throw new ConfigError('REDIS_URL', 'must be a redis:// or rediss:// URL');
  }
  if (sentinels !== undefined && clusterNodes !== undefined) {
    throw new ConfigError('REDIS_CLUSTER_NODES', 'cannot be combined with REDIS_SENTINELS');
  }
  return Object.freeze({ url, sentinels, clusterNodes, sentinelName: env.REDIS_SENTINEL_NAME || 'mymaster' });
}

function hostPortList(env: Env, name: string): HostPort[] | undefined {
  const raw = env[name];
  if (!raw) return undefined;
  return raw.split(',').map((item) => {
    const match = /^\[?([^\]\s]+?)\]?:(\d{1,5})$/.exec(item.trim());
    const port = match ? Number(match[2]) : NaN;
    if (!match || port < 1 || port > 65535) throw new ConfigError(name, `has a bad host:port entry "${item.trim()}"`);
    return { host: match[1] as string, port };
  });
}

function intVar(env: Env, name: string, fallback: number, min: number, max: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  if (!/^\d+$/.test(raw)) throw new ConfigError(name, `must be a whole number, got "${raw}"`);
  const value = Number(raw);
  if (value < min || value > max) throw new ConfigError(name, `must be between ${min} and ${max}, got ${value}`);
  return value;
}

function enumVar(env: Env, name: string, fallback: string, allowed: readonly string[]): string {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  if (!allowed.includes(raw)) throw new ConfigError(name, `must be one of ${allowed.join(', ')}`);
  return raw;
}

function tokenVar(env: Env, name: string, required: boolean): { value: string; generated: boolean } {
  const raw = env[name];
  if (raw === undefined || raw === '') {
    if (required) throw new ConfigError(name, 'is required when a Redis store is configured');
    return { value: randomBytes(32).toString('base64url'), generated: true };
  }
  if (raw.length < 16 || !/^[\x21-\x7e]+$/.test(raw)) {
    throw new ConfigError(name, 'must be at least 16 printable ASCII characters without spaces');
  }
  return { value: raw, generated: false };
}

function masterKey(env: Env, required: boolean): Buffer {
  const raw = env.STS_MASTER_KEY;
  if (raw === undefined || raw === '') {
    if (required) throw new ConfigError('STS_MASTER_KEY', 'is required when a Redis store is configured');
    return randomBytes(32);
  }
  return base64Key(raw, 'STS_MASTER_KEY', 'must be 32 bytes, base64-encoded');
}

function base64Key(raw: string, name: string, reason: string): Buffer {
  const key = /^[A-Za-z0-9+/_-]+={0,2}$/.test(raw) ? Buffer.from(raw, 'base64') : Buffer.alloc(0);
  if (key.length !== 32) throw new ConfigError(name, reason);
  return key;
}

/** Comma-separated, each validated as STS_MASTER_KEY is; none may repeat or equal the current key. */
function previousMasterKeys(env: Env, current: Buffer): readonly Buffer[] {
  const raw = env.STS_PREVIOUS_MASTER_KEYS;
  if (raw === undefined || raw.trim() === '') return Object.freeze([]);
  const keys: Buffer[] = [];
  raw.split(',').forEach((item, index) => {
    const key = base64Key(item.trim(), 'STS_PREVIOUS_MASTER_KEYS', `entry ${index + 1} must be 32 bytes, base64-encoded`);
    if (key.equals(current)) throw new ConfigError('STS_PREVIOUS_MASTER_KEYS', `entry ${index + 1} is the current STS_MASTER_KEY`);
    if (keys.some((other) => other.equals(key))) throw new ConfigError('STS_PREVIOUS_MASTER_KEYS', `entry ${index + 1} repeats an earlier entry`);
    keys.push(key);
  });
  return Object.freeze(keys);
}

function regionVar(env: Env): string {
  const raw = env.STS_REGION;
  if (raw === undefined || raw === '') return 'us-east-1';
  if (raw !== '*' && !/^[a-z0-9-]{1,32}$/.test(raw)) throw new ConfigError('STS_REGION', 'must be a region name or *');
  return raw;
}

function accountIdVar(env: Env): string {
  const raw = env.STS_ACCOUNT_ID;
  if (raw === undefined || raw === '') return '000000000000';
  if (!/^\d{12}$/.test(raw)) throw new ConfigError('STS_ACCOUNT_ID', 'must be 12 digits');
  return raw;
}

function s3DomainsVar(env: Env): readonly string[] {
  const raw = env.STS_S3_DOMAINS;
  if (raw === undefined || raw.trim() === '') return Object.freeze([]);
  return Object.freeze(
    raw.split(',').map((item) => {
      const domain = item.trim().toLowerCase();
      if (!/^[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)*$/.test(domain) || domain.length > 253) {
        throw new ConfigError('STS_S3_DOMAINS', `has a bad host name "${domain.slice(0, 64)}" (no scheme, no port)`);
      }
      return domain;
    }),
  );
}

function trustedProxiesVar(env: Env): readonly string[] {
  const raw = env.STS_TRUSTED_PROXIES;
  if (raw === undefined || raw.trim() === '') return Object.freeze([]);
  return Object.freeze(
    raw.split(',').map((item) => {
      const entry = item.trim();
      if (parseProxyEntry(entry) === undefined) throw new ConfigError('STS_TRUSTED_PROXIES', `has a bad address or CIDR range "${entry.slice(0, 64)}"`);
      return entry;
    }),
  );
}

function prefixVar(env: Env): string {
  const raw = env.STS_KEY_PREFIX;
  if (raw === undefined || raw === '') return 's3sts';
  if (!/^[A-Za-z0-9:_-]{1,32}$/.test(raw)) throw new ConfigError('STS_KEY_PREFIX', 'must be 1-32 of [A-Za-z0-9:_-]');
  return raw;
}
