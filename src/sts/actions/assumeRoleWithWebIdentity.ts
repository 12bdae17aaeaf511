import { roleOwnerRecord } from '../../auth/roleOwner.js';
import type { Deps } from '../../deps.js';
import { AppError } from '../../errors.js';
import {
  evaluateTrust, InvalidOidcProviderError, isWebIdentityError, oidcProviderArn, parseTrustPolicy, providerKey, unverifiedIssuer, type VerifiedWebIdentity,
} from '../../oidc/index.js';
import type { RoleRecord, WebIdentitySession } from '../../store/types.js';
import { credentialsXml, issueSession } from '../issueSession.js';
import { optionalInt, rejectUnknown, requireParam, validationError, type Params } from '../params.js';
import { isSessionPolicyParam, readSessionPolicies } from '../sessionPolicies.js';
import { keptClaims } from '../webIdentityClaims.js';
import type { XmlTree } from '../xml.js';

export const ASSUME_ROLE_WITH_WEB_IDENTITY = 'AssumeRoleWithWebIdentity';

const SESSION_NAME = /^[\w+=,.@-]{2,64}$/;
const ROLE_ARN = /^arn:aws:iam::(\d{12}):role\/(?:[\x21-\x7e]*\/)?([\w+=,.@-]{1,64})$/;
const PARAMS = new Set(['RoleArn', 'RoleSessionName', 'WebIdentityToken', 'DurationSeconds']);
const MIN_SECONDS = 900;
const DEFAULT_SECONDS = 3600;

/**
 * AssumeRoleWithWebIdentity, unsigned as in AWS: the token is the credential. It is verified
 * (signature with the provider's published keys, issuer, audience, lifetime) before the role is
 * even looked up, so an unknown role and a trust policy that says no are the same answer.
 */
export async function assumeRoleWithWebIdentity(deps: Deps, params: Params, sourceAddress: string): Promise<XmlTree> {
  rejectUnknown(params, ASSUME_ROLE_WITH_WEB_IDENTITY, (name) => isSessionPolicyParam(name) || PARAMS.has(name));
  const roleArn = requireParam(params, 'RoleArn');
  if (roleArn.length < 20 || roleArn.length > 2048) throw validationError('roleArn', 'Member must have length between 20 and 2048');
  const sessionName = requireParam(params, 'RoleSessionName');
  if (!SESSION_NAME.test(sessionName)) {
    throw validationError('roleSessionName', 'Member must have length between 2 and 64 and satisfy regular expression pattern: [\\w+=,.@-]*');
  }
  const token = requireParam(params, 'WebIdentityToken');
  if (token.length < 4 || token.length > 20_000) throw validationError('webIdentityToken', 'Member must have length between 4 and 20000');
  const requested = optionalInt(params, 'DurationSeconds');
  const identity = await verifiedIdentity(deps, token);
  const role = await trustingRole(deps, roleArn, identity, sourceAddress);
  const now = deps.clock.now();
  const issuedAt = Math.floor(now / 1000) * 1000;
  const expiresAt = issuedAt + sessionSeconds(role, requested) * 1000;
  if (role.policy === undefined) throw new AppError('AccessDenied', `Role ${role.name} has no permission policy attached and is allowed nothing`);
  const policies = await readSessionPolicies(deps, params);
  const audience = identity.audiences.find((aud) => identity.provider.audiences.includes(aud)) ?? '';
  const webIdentity: WebIdentitySession = {
    providerKey: identity.provider.key,
    issuer: identity.issuer,
    subject: identity.subject,
    audience,
    claims: keptClaims(identity.claims),
  };
  const credentials = await issueSession(deps, {
    user: roleOwnerRecord(role), sessionName, roleArn: canonicalRoleArn(deps, role), sessionPolicies: policies.documents,
    webIdentity, issuedAt, expiresAt,
  });
  deps.metrics.credentialsIssued.inc({ action: ASSUME_ROLE_WITH_WEB_IDENTITY });
  deps.logger.info(
    {
      audit: 'credentials-issued', action: ASSUME_ROLE_WITH_WEB_IDENTITY, role: role.name, provider: identity.provider.key,
      subject: identity.subject, accessKeyId: credentials.accessKeyId, sessionName, roleArn,
      durationSeconds: (expiresAt - issuedAt) / 1000, sessionPolicies: policies.documents.length, keyId: identity.keyId,
    },
    'credentials issued',
  );
  return {
    Credentials: credentialsXml(credentials),
    SubjectFromWebIdentityToken: identity.subject,
    AssumedRoleUser: { AssumedRoleId: `${role.id}:${sessionName}`, Arn: `arn:aws:sts::${deps.config.accountId}:assumed-role/${role.name}/${sessionName}` },
    PackedPolicySize: policies.packedPercent,
    Provider: identity.issuer,
    Audience: audience,
  };
}

interface ProviderIdentity extends VerifiedWebIdentity {
  readonly provider: { readonly key: string; readonly arn: string; readonly audiences: readonly string[] };
}

/** The registered provider the token names, then its verifier (cached keys) on the token. */
async function verifiedIdentity(deps: Deps, token: string): Promise<ProviderIdentity> {
  try {
    const issuer = unverifiedIssuer(token);
    const record = await deps.store.getOidcProvider(providerKey(issuer));
    if (record === undefined || record.issuer !== issuer) {
      throw new AppError('InvalidIdentityToken', 'No OpenIDConnect provider found in your account for the token issuer');
    }
    const identity = await deps.verifiers.verifierFor(record).verify(token);
    const provider = { key: record.key, arn: oidcProviderArn(deps.config.accountId, record.issuer), audiences: record.audiences };
    return { ...identity, provider };
  } catch (err) {
    if (isWebIdentityError(err)) throw new AppError(err.code, err.message, { cause: err });
    // A stored provider this service would no longer accept (e.g. settings changed since): the
    // token cannot be checked against it, which is the provider's failure, not an internal one.
    if (err instanceof InvalidOidcProviderError) throw new AppError('IDPCommunicationError', 'The OpenIDConnect provider is not usable with this service\'s settings', { cause: err });
    throw err;
  }
}

/** The role the ARN names, if its trust policy lets this identity in; AccessDenied otherwise. */
async function trustingRole(deps: Deps, roleArn: string, identity: ProviderIdentity, sourceAddress: string): Promise<RoleRecord> {
  const match = ROLE_ARN.exec(roleArn);
  const role = match !== null && match[1] === deps.config.accountId ? await deps.store.getRole(match[2] as string) : undefined;
  const now = deps.clock.now();
  const context = { 'aws:CurrentTime': new Date(now).toISOString(), 'aws:EpochTime': String(Math.floor(now / 1000)), 'aws:SourceIp': sourceAddress };
  const decision = role === undefined
    ? undefined
    : evaluateTrust(parseTrustPolicy(JSON.parse(role.trustPolicy)), { provider: identity.provider, claims: identity.claims, context });
  if (role === undefined || decision?.allowed !== true) {
    deps.logger.info(
      { audit: 'web-identity-denied', roleArn: roleArn.slice(0, 256), provider: identity.provider.key, subject: identity.subject, reason: decision?.reason ?? 'NoSuchRole' },
      'web identity not trusted by the role',
    );
    throw new AppError('AccessDenied', 'Not authorized to perform sts:AssumeRoleWithWebIdentity');
  }
  return role;
}

function sessionSeconds(role: RoleRecord, requested: number | undefined): number {
  const seconds = requested ?? Math.min(DEFAULT_SECONDS, role.maxSessionDuration);
  if (seconds < MIN_SECONDS) throw validationError('durationSeconds', `Member must have value greater than or equal to ${MIN_SECONDS}`);
  if (seconds > role.maxSessionDuration) {
    throw new AppError('ValidationError', 'The requested DurationSeconds exceeds the MaxSessionDuration set for this role.');
  }
  return seconds;
}

function canonicalRoleArn(deps: Deps, role: RoleRecord): string {
  return `arn:aws:iam::${deps.config.accountId}:role/${role.name}`;
}
