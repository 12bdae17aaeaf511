import { randomId } from '../crypto/randomId.js';
import type { Deps } from '../deps.js';
import type { SessionRecord, UserRecord, WebIdentitySession } from '../store/types.js';
import { issueToken, sessionSecretKey } from '../tokens/index.js';
import { awsTimestamp, type XmlTree } from './xml.js';

export interface SessionRequest {
  readonly user: UserRecord;
  readonly sessionName: string;
  /** '' for GetSessionToken sessions. */
  readonly roleArn: string;
  readonly sessionPolicies: readonly string[];
  readonly parentAccessKeyId?: string | undefined;
  /** Web identity sessions (and sessions chained from one) keep what the token said. */
  readonly webIdentity?: WebIdentitySession | undefined;
  readonly issuedAt: number;
  readonly expiresAt: number;
}

export interface IssuedCredentials {
  readonly accessKeyId: string;
  readonly secretAccessKey: string;
  readonly sessionToken: string;
  readonly expiresAt: number;
}

/**
 * Creates a session: a fresh `ASIA` key, its derived secret, a signed token, and the store record
 * whose TTL ends the session by itself.
 */
export async function issueSession(deps: Deps, request: SessionRequest): Promise<IssuedCredentials> {
  const accessKeyId = randomId('ASIA', 16);
  const record: SessionRecord = {
    accessKeyId,
    user: request.user.name,
    userId: request.user.id,
    sessionName: request.sessionName,
    roleArn: request.roleArn,
    sessionPolicies: request.sessionPolicies,
    ...(request.webIdentity === undefined ? {} : { webIdentity: request.webIdentity }),
    ...(request.parentAccessKeyId === undefined ? {} : { parentAccessKeyId: request.parentAccessKeyId }),
    keyId: deps.keys.keyId,
    issuedAt: request.issuedAt,
    expiresAt: request.expiresAt,
  };
  const sessionToken = issueToken(deps.keys, {
    akid: accessKeyId,
    sub: request.user.name,
    uid: request.user.id,
    sn: request.sessionName,
    iat: Math.floor(request.issuedAt / 1000),
    exp: Math.floor(request.expiresAt / 1000),
  });
  await deps.store.putSession(record);
  return { accessKeyId, secretAccessKey: sessionSecretKey(deps.keys, accessKeyId), sessionToken, expiresAt: record.expiresAt };
}

export function credentialsXml(credentials: IssuedCredentials): XmlTree {
  return {
    AccessKeyId: credentials.accessKeyId,
    SecretAccessKey: credentials.secretAccessKey,
    SessionToken: credentials.sessionToken,
    Expiration: awsTimestamp(credentials.expiresAt),
  };
}
