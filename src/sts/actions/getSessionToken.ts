import type { Caller } from '../../auth/caller.js';
import type { Deps } from '../../deps.js';
import { AppError } from '../../errors.js';
import { credentialsXml, issueSession } from '../issueSession.js';
import { optionalInt, rejectUnknown, type Params } from '../params.js';
import type { XmlTree } from '../xml.js';
import { requireUserPolicy } from './assumeRole.js';
import { sessionLifetime } from './lifetime.js';

/** Temporary credentials acting as the user itself (no role, no session policy), from permanent keys only. */
export async function getSessionToken(deps: Deps, caller: Caller, params: Params): Promise<XmlTree> {
  rejectUnknown(params, 'GetSessionToken', (name) => name === 'DurationSeconds');
  if (caller.kind === 'session') {
    throw new AppError('AccessDenied', 'Cannot call GetSessionToken with session credentials');
  }
  const { issuedAt, expiresAt } = sessionLifetime(deps, caller, optionalInt(params, 'DurationSeconds'), deps.clock.now());
  requireUserPolicy(caller);
  const credentials = await issueSession(deps, {
    user: caller.user, sessionName: '', roleArn: '', sessionPolicies: [], issuedAt, expiresAt,
  });
  deps.metrics.credentialsIssued.inc({ action: 'GetSessionToken' });
  deps.logger.info(
    {
      audit: 'credentials-issued', action: 'GetSessionToken', user: caller.user.name,
      accessKeyId: credentials.accessKeyId, durationSeconds: (expiresAt - issuedAt) / 1000,
    },
    'credentials issued',
  );
  return { Credentials: credentialsXml(credentials) };
}
