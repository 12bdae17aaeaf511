import { Agent, request } from 'node:http';
import { signRequest, type SigningCredentials } from '../../src/sigv4/index.js';

/**
 * The soak's HTTP calls, on keep-alive connections as a frontend or an SDK keeps them. A call
 * that errors or outlives its deadline answers status 0: the service must fail fast, so a
 * hang is a wrong answer like any other.
 */
export interface Answer {
  readonly status: number;
  readonly body: string;
}

export interface SessionCredentials extends SigningCredentials {
  readonly sessionToken: string;
}

const DEADLINE_MS = 3_000;
const agent = new Agent({ keepAlive: true, maxSockets: 32 });

export function send(url: string, options: { method: string; headers: Record<string, string>; body?: string }): Promise<Answer> {
  return new Promise((resolve) => {
    const req = request(url, { method: options.method, headers: options.headers, agent, timeout: DEADLINE_MS }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }));
      res.on('error', (err) => resolve({ status: 0, body: err.message }));
    });
    req.on('timeout', () => req.destroy(new Error(`no answer within ${DEADLINE_MS} ms`)));
    req.on('error', (err) => resolve({ status: 0, body: err.message }));
    req.end(options.body);
  });
}

export function jsonCall(url: string, bearer: string, method: string, body?: unknown): Promise<Answer> {
  return send(url, {
    method,
    headers: { authorization: `Bearer ${bearer}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
}

export function parseJson(text: string): any {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

export function xmlText(xml: string, tag: string): string | undefined {
  return new RegExp(`<${tag}>([^<]*)</${tag}>`).exec(xml)?.[1];
}

/** A real AssumeRole Query API call, SigV4-signed with the user's permanent keys. */
export function assumeRole(url: string, creds: SigningCredentials, roleArn: string, sessionName: string): Promise<Answer> {
  const body = new URLSearchParams({ Action: 'AssumeRole', Version: '2011-06-15', RoleArn: roleArn, RoleSessionName: sessionName }).toString();
  const host = new URL(url).host;
  const signed = signRequest(
    { method: 'POST', path: '/', query: '', headers: { host, 'content-type': 'application/x-www-form-urlencoded' }, body },
    creds,
    { region: 'us-east-1', service: 'sts', now: Date.now() },
  );
  return send(`${url}/`, { method: 'POST', headers: signed.headers, body });
}

export function issuedCredentials(answer: Answer): SessionCredentials | undefined {
  const accessKeyId = xmlText(answer.body, 'AccessKeyId');
  const secretAccessKey = xmlText(answer.body, 'SecretAccessKey');
  const sessionToken = xmlText(answer.body, 'SessionToken');
  return accessKeyId && secretAccessKey && sessionToken ? { accessKeyId, secretAccessKey, sessionToken } : undefined;
}

export function closeConnections(): void {
  agent.destroy();
}
