import { Counter, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

/** Prometheus metrics, one registry per app instance (no global state, so tests can build many). */
export interface Metrics {
  readonly registry: Registry;
  readonly httpRequests: Counter<'route' | 'status'>;
  readonly httpDuration: Histogram<'route'>;
  readonly credentialsIssued: Counter<'action'>;
  readonly credentialsRefused: Counter<'action' | 'code'>;
  readonly sessionsRevoked: Counter<'how'>;
  readonly verifications: Counter<'endpoint' | 'outcome'>;
}

export function createMetrics(options: { defaultMetrics?: boolean } = {}): Metrics {
  const registry = new Registry();
  if (options.defaultMetrics) collectDefaultMetrics({ register: registry });
  const registers = [registry];
  return {
    registry,
    httpRequests: new Counter({
      name: 's3sts_http_requests_total',
      help: 'HTTP requests by route and status',
      labelNames: ['route', 'status'],
      registers,
    }),
    httpDuration: new Histogram({
      name: 's3sts_http_request_duration_seconds',
      help: 'HTTP request duration by route',
      labelNames: ['route'],
      buckets: [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1],
      registers,
    }),
    credentialsIssued: new Counter({
      name: 's3sts_credentials_issued_total',
      help: 'Temporary credentials issued',
      labelNames: ['action'],
      registers,
    }),
    credentialsRefused: new Counter({
      name: 's3sts_credentials_refused_total',
      help: 'Credential requests refused, by error code',
      labelNames: ['action', 'code'],
      registers,
    }),
    sessionsRevoked: new Counter({
      name: 's3sts_sessions_revoked_total',
      help: 'Sessions revoked by an admin or by user removal',
      labelNames: ['how'],
      registers,
    }),
    verifications: new Counter({
      name: 's3sts_verifications_total',
      help: 'Sidecar verify/authorize calls by outcome',
      labelNames: ['endpoint', 'outcome'],
      registers,
    }),
  };
}
