import { roleNameFromArn, type Caller } from '../../auth/caller.js';
import type { Deps } from '../../deps.js';
import { AppError } from '../../errors.js';
import { credentialsXml, issueSession } from '../issueSession.js';
import { optionalInt, rejectUnknown, requireParam, validationError, type Params } from '../params.js';
import { chainSessionPolicies, isSessionPolicyParam, readSessionPolicies } from '../sessionPolicies.js';
import type { XmlTree } from '../xml.js';
import { sessionLifetime } from './lifetime.js';

const SESSION_NAME = /^[\w+=,.@-]{2,64}$/;
/** Accepted for compatibility; it only matters to role trust policies, which this service has none of. */
const IGNORED_PARAMS = new Set(['ExternalId']);

export async function assumeRole(deps: Deps, caller: Caller, params: Params): Promise<XmlTree> {
  rejectUnknown(params, 'AssumeRole', (name) => isSessionPolicyParam(name) || IGNORED_PARAMS.has(name) || ASSUME_ROLE_PARAMS.has(name));
  const roleArn = requireParam(params, 'RoleArn');
  if (roleArn.length < 20 || roleArn.length > 2048) {
    throw validationError('roleArn', 'Member must have length between 20 and 2048');
  }
  const sessionName = requireParam(params, 'RoleSessionName');
  if (!SESSION_NAME.test(sessionName)) {
    throw validationError('roleSessionName', 'Member must have length between 2 and 64 and satisfy regular expression pattern: [\\w+=,.@-]*');
  }
  const now = deps.clock.now();
  const { issuedAt, expiresAt } = sessionLifetime(deps, caller, optionalInt(params, 'DurationSeconds'), now);
  requireUserPolicy(caller);
  const policies = await readSessionPolicies(deps, params);
  const inherited = caller.kind === 'session' ? caller.session.sessionPolicies : [];
  const credentials = await issueSession(deps, {
    user: caller.user,
    sessionName,
    roleArn,
    sessionPolicies: chainSessionPolicies(inherited, policies.documents),
    parentAccessKeyId: caller.kind === 'session' ? caller.accessKeyId : undefined,
    // A chain from a web identity session ends with its provider, as its first hop does.
    webIdentity: caller.kind === 'session' ? caller.session.webIdentity : undefined,
    issuedAt,
    expiresAt,
  });
  const arn = `arn:aws:sts::${deps.config.accountId}:assumed-role/${roleNameFromArn(roleArn)}/${sessionName}`;
  deps.metrics.credentialsIssued.inc({ action: 'AssumeRole' });
  deps.logger.info(
    {
      audit: 'credentials-issued', action: 'AssumeRole', user: caller.user.name, callerKey: caller.accessKeyId,
      accessKeyId: credentials.accessKeyId, sessionName, roleArn, durationSeconds: (expiresAt - issuedAt) / 1000,
      sessionPolicies: policies.documents.length, chained: caller.kind === 'session',
    },
    'credentials issued',
  );
  return {
    Credentials: credentialsXml(credentials),
    AssumedRoleUser: { AssumedRoleId: `${caller.user.id}:${sessionName}`, Arn: arn },
    PackedPolicySize: policies.packedPercent,
  };
}

const ASSUME_ROLE_PARAMS = new Set(['RoleArn', 'RoleSessionName', 'DurationSeconds']);

/** A user without a policy may authenticate but is allowed nothing, so it gets no credentials. */
export function requireUserPolicy(caller: Caller): void {
  if (caller.user.policy === undefined) {
    throw new AppError('AccessDenied', `User ${caller.user.name} has no policy attached and is not allowed to obtain credentials`);
  }
}
