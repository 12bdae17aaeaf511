/** A live service plus the calls the sidecar tests need: admin set-up, STS sessions, sidecar calls. */
import { signRequest, type SigningCredentials } from '../../../src/sigv4/index.js';
import type { LiveServer } from '../../helpers/liveServer.js';
import { rawRequest } from '../../helpers/rawRequest.js';
import { VERIFY_TOKEN } from '../../helpers/testDeps.js';

export interface Credentials extends SigningCredentials {
  readonly expiration?: string;
}

export interface JsonResponse {
  readonly status: number;
  readonly headers: Record<string, string | string[] | undefined>;
  readonly body: any;
}

/** POST a JSON body to a sidecar endpoint with the verify token (or the given one). */
export async function sidecarCall(server: LiveServer, path: string, body: unknown, bearer: string = VERIFY_TOKEN): Promise<JsonResponse> {
  const res = await rawRequest(`${server.url}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${bearer}` },
    body: JSON.stringify(body),
  });
  return { status: res.status, headers: res.headers, body: res.body === '' ? undefined : JSON.parse(res.body) };
}

export async function createUser(
  server: LiveServer,
  name: string,
  secretKey: string,
  extra: { policy?: string; posixUid?: number; posixGid?: number } = {},
): Promise<Credentials> {
  const res = await server.admin('POST', '/admin/v1/users', { name, secretKey, ...extra });
  if (res.status !== 201) throw new Error(`creating ${name}: ${res.status} ${JSON.stringify(res.body)}`);
  return { accessKeyId: name, secretAccessKey: secretKey };
}

export async function putPolicy(server: LiveServer, name: string, document: unknown): Promise<void> {
  const res = await server.admin('PUT', `/admin/v1/policies/${name}`, document);
  if (res.status !== 200 && res.status !== 201) throw new Error(`putting ${name}: ${res.status} ${JSON.stringify(res.body)}`);
}

export async function adminOk(server: LiveServer, method: string, path: string, body?: unknown): Promise<void> {
  const res = await server.admin(method, path, body);
  if (res.status >= 300) throw new Error(`${method} ${path}: ${res.status} ${JSON.stringify(res.body)}`);
}

function xmlText(xml: string, tag: string): string | undefined {
  return new RegExp(`<${tag}>([^<]*)</${tag}>`).exec(xml)?.[1];
}

/**
 * A Query API form POST signed with SigV4 (service sts) as any SDK signs it: its headers, ready
 * for rawRequest with `body`. `headers` are added before signing (so they are signed too).
 */
export function signedStsPost(server: LiveServer, creds: SigningCredentials, body: string, headers: Record<string, string> = {}): Record<string, string> {
  const host = new URL(server.url).host;
  return signRequest(
    { method: 'POST', path: '/', query: '', headers: { host, 'content-type': 'application/x-www-form-urlencoded', ...headers }, body },
    creds,
    { region: server.deps.config.region === '*' ? 'us-east-1' : server.deps.config.region, service: 'sts', now: server.clock.now() },
  ).headers;
}

/** A real STS Query API call signed with SigV4 (service sts), as any SDK would send it. */
export async function stsCall(server: LiveServer, creds: SigningCredentials, params: Record<string, string>): Promise<Credentials> {
  const body = new URLSearchParams({ Version: '2011-06-15', ...params }).toString();
  const res = await rawRequest(`${server.url}/`, { method: 'POST', headers: signedStsPost(server, creds, body), body });
  const accessKeyId = xmlText(res.body, 'AccessKeyId');
  const secretAccessKey = xmlText(res.body, 'SecretAccessKey');
  const sessionToken = xmlText(res.body, 'SessionToken');
  const expiration = xmlText(res.body, 'Expiration');
  if (res.status !== 200 || !accessKeyId || !secretAccessKey || !sessionToken || !expiration) {
    throw new Error(`${params.Action}: ${res.status} ${res.body.slice(0, 400)}`);
  }
  return { accessKeyId, secretAccessKey, sessionToken, expiration };
}

export function assumeRole(
  server: LiveServer,
  creds: SigningCredentials,
  options: { role?: string; sessionName: string; policy?: unknown; policyArns?: readonly string[]; durationSeconds?: number },
): Promise<Credentials> {
  const params: Record<string, string> = {
    Action: 'AssumeRole',
    RoleArn: `arn:aws:iam::${server.deps.config.accountId}:role/${options.role ?? 'app'}`,
    RoleSessionName: options.sessionName,
  };
  if (options.policy !== undefined) params.Policy = JSON.stringify(options.policy);
  options.policyArns?.forEach((name, i) => {
    params[`PolicyArns.member.${i + 1}.arn`] = `arn:aws:iam::${server.deps.config.accountId}:policy/${name}`;
  });
  if (options.durationSeconds !== undefined) params.DurationSeconds = String(options.durationSeconds);
  return stsCall(server, creds, params);
}

export function getSessionToken(server: LiveServer, creds: SigningCredentials): Promise<Credentials> {
  return stsCall(server, creds, { Action: 'GetSessionToken' });
}

/** A policy document allowing (or denying) actions on resources. */
export function policyDoc(...statements: Array<{ effect?: 'Allow' | 'Deny'; action: string | string[]; resource: string | string[]; sid?: string; condition?: unknown }>) {
  return {
    Version: '2012-10-17',
    Statement: statements.map((s) => ({
      ...(s.sid === undefined ? {} : { Sid: s.sid }),
      Effect: s.effect ?? 'Allow',
      Action: s.action,
      Resource: s.resource,
      ...(s.condition === undefined ? {} : { Condition: s.condition }),
    })),
  };
}

/** A permanent key proves possession only through a signed S3 request: the body that carries one. */
export function signedUserRequest(server: LiveServer, creds: Credentials) {
  const signed = signRequest(
    { method: 'GET', path: '/bucket/key', query: '', headers: { host: 's3.example.test' } },
    creds,
    { region: 'us-east-1', service: 's3', now: server.clock.now() },
  );
  return { accessKeyId: creds.accessKeyId, request: { method: 'GET', path: '/bucket/key', query: signed.query, headers: signed.headers } };
}
