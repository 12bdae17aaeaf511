/** Calls the rotation and backup tests make against a live service: identity, verify, restart. */
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { signRequest, type SigningCredentials } from '../../src/sigv4/index.js';
import type { Store } from '../../src/store/types.js';
import { startLiveServer, type LiveServer, type OffsetClock } from '../helpers/liveServer.js';
import { rawRequest } from '../helpers/rawRequest.js';
import { sidecarCall } from '../sidecar/support/world.js';

export const newMasterKey = (): string => randomBytes(32).toString('base64');

/** The service with these master keys over `store`, as after a restart with a new environment. */
export function serviceWith(store: Store, clock: OffsetClock, current: string, previous: readonly string[] = []): Promise<LiveServer> {
  const env: Record<string, string> = { STS_MASTER_KEY: current };
  if (previous.length > 0) env.STS_PREVIOUS_MASTER_KEYS = previous.join(',');
  return startLiveServer({ store, clock, env });
}

/** GetCallerIdentity signed with `creds`: the ARN on success, else the AWS error code. */
export async function callerIdentity(server: LiveServer, creds: SigningCredentials): Promise<string> {
  const body = new URLSearchParams({ Version: '2011-06-15', Action: 'GetCallerIdentity' }).toString();
  const signed = signRequest(
    { method: 'POST', path: '/', query: '', headers: { host: new URL(server.url).host, 'content-type': 'application/x-www-form-urlencoded' }, body },
    creds,
    { region: 'us-east-1', service: 'sts', now: server.clock.now() },
  );
  const res = await rawRequest(`${server.url}/`, { method: 'POST', headers: signed.headers, body });
  if (res.status === 200) return /<Arn>([^<]*)<\/Arn>/.exec(res.body)?.[1] ?? 'no-arn';
  return /<Code>([^<]*)<\/Code>/.exec(res.body)?.[1] ?? String(res.status);
}

/** `/v1/verify` of an S3 request signed with `creds` (the service checks the signature): 'valid' or the reason. */
export async function sidecarVerdict(server: LiveServer, creds: SigningCredentials): Promise<string> {
  const signed = signRequest(
    { method: 'GET', path: '/bucket/key', query: '', headers: { host: 's3.example.test' } },
    creds,
    { region: 'us-east-1', service: 's3', now: server.clock.now() },
  );
  const request = { method: 'GET', path: '/bucket/key', query: signed.query, headers: signed.headers };
  const res = await sidecarCall(server, '/v1/verify', { accessKeyId: creds.accessKeyId, sessionToken: creds.sessionToken, request });
  if (res.status === 200) {
    assert.equal(res.body.valid, true);
    return 'valid';
  }
  return String(res.body?.reason ?? res.status);
}

/** The `kid` in a session token's header. */
export function tokenKid(sessionToken: string | undefined): string {
  const header = JSON.parse(Buffer.from((sessionToken ?? '').split('.')[0] ?? '', 'base64url').toString('utf8')) as { kid?: string };
  return header.kid ?? '';
}
