/**
 * A live s3-sts (http loopback issuers allowed) beside a real OpenID Provider (oidc-provider on
 * loopback, test/oidc/support), with the provider registered and roles created through the
 * admin API, as an operator would.
 */
import assert from 'node:assert/strict';
import { VerifierPool } from '../../../src/oidc/index.js';
import type { Store } from '../../../src/store/types.js';
import { startLiveServer, type LiveServer } from '../../helpers/liveServer.js';
import { STS_AUDIENCE, TestIdentityProvider } from '../../oidc/support/testIdentityProvider.js';
import { parseStsXml, type StsXml } from '../../sts/support/xml.js';

export const ACCOUNT = '000000000000';
export const INSECURE_LOOPBACK = { STS_OIDC_ALLOW_INSECURE_LOOPBACK: 'true' };
/** Short, so a key rotation's new kid is fetched after a brief pause (the default is 30 s). */
export const JWKS_COOLDOWN_MS = 200;

export interface WebIdentityWorld {
  readonly server: LiveServer;
  readonly idp: TestIdentityProvider;
  /** The provider's key: the issuer without its scheme. */
  readonly providerKey: string;
  readonly providerArn: string;
  close(): Promise<void>;
}

export async function startWorld(options: { store?: Store } = {}): Promise<WebIdentityWorld> {
  const idp = await TestIdentityProvider.start();
  const server = await startLiveServer({
    ...options,
    env: INSECURE_LOOPBACK,
    verifiers: new VerifierPool({ allowInsecureLoopback: true, jwks: { cooldownDuration: JWKS_COOLDOWN_MS } }),
  });
  const created = await server.admin('POST', '/admin/v1/oidc-providers', { issuer: idp.issuer, audiences: [STS_AUDIENCE] });
  assert.equal(created.status, 201, JSON.stringify(created.body));
  return {
    server,
    idp,
    providerKey: created.body.key,
    providerArn: created.body.arn,
    async close() {
      await server.close();
      await idp.stop();
    },
  };
}

export function roleArn(name: string): string {
  return `arn:aws:iam::${ACCOUNT}:role/${name}`;
}

/** A trust policy letting tokens of the provider in, with optional extra conditions. */
export function trustPolicy(world: WebIdentityWorld, condition: Record<string, unknown> = {}): unknown {
  return {
    Version: '2012-10-17',
    Statement: [
      {
        Effect: 'Allow',
        Principal: { Federated: world.providerArn },
        Action: 'sts:AssumeRoleWithWebIdentity',
        Condition: { StringEquals: { [`${world.providerKey}:aud`]: STS_AUDIENCE }, ...condition },
      },
    ],
  };
}

export async function createRole(world: WebIdentityWorld, name: string, extra: Record<string, unknown> = {}): Promise<any> {
  const created = await world.server.admin('POST', '/admin/v1/roles', { name, trustPolicy: trustPolicy(world), policy: 'readonly', ...extra });
  assert.equal(created.status, 201, JSON.stringify(created.body));
  return created.body;
}

export interface WebIdentityAnswer {
  readonly status: number;
  readonly xml: StsXml;
  readonly credentials: { accessKeyId: string; secretAccessKey: string; sessionToken: string };
}

/** An unsigned AssumeRoleWithWebIdentity, as the SDKs send it. */
export async function assumeWithToken(world: WebIdentityWorld, params: Record<string, string>): Promise<WebIdentityAnswer> {
  const body = new URLSearchParams({ Action: 'AssumeRoleWithWebIdentity', Version: '2011-06-15', RoleSessionName: 'ci-run', ...params });
  const response = await fetch(world.server.url, {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded; charset=utf-8' },
    body,
  });
  const xml = parseStsXml(await response.text());
  const path = 'AssumeRoleWithWebIdentityResult/Credentials';
  return {
    status: response.status,
    xml,
    credentials: {
      accessKeyId: xml.text(`${path}/AccessKeyId`) ?? '',
      secretAccessKey: xml.text(`${path}/SecretAccessKey`) ?? '',
      sessionToken: xml.text(`${path}/SessionToken`) ?? '',
    },
  };
}

/** Requests the provider served for anything but issuing tokens (discovery, keys). */
export function keyRequests(idp: TestIdentityProvider): number {
  let count = 0;
  for (const [path, n] of idp.requests) if (path !== '/token') count += n;
  return count;
}
