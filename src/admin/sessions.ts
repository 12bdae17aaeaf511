import { TEMPORARY_KEY } from '../auth/resolveCredential.js';
import type { Deps } from '../deps.js';
import { AppError } from '../errors.js';
import { roleOfOwner, roleOwner } from '../store/records.js';
import type { ListOptions, SessionRecord } from '../store/types.js';
import { pickDefined } from './pickDefined.js';
import { checkRoleName } from './roles.js';
import { checkUserName } from './validate.js';

export interface SessionView {
  readonly accessKeyId: string;
  readonly user: string;
  readonly sessionName: string;
  readonly roleArn: string;
  readonly issuedAt: string;
  readonly expiration: string;
  readonly parentAccessKeyId?: string;
  readonly sessionPolicies: number;
  /** Web identity sessions: the role, the provider (issuer without scheme) and the token's subject. */
  readonly role?: string;
  readonly provider?: string;
  readonly subject?: string;
}

export function sessionView(session: SessionRecord): SessionView {
  return pickDefined({
    accessKeyId: session.accessKeyId,
    user: session.user,
    sessionName: session.sessionName,
    roleArn: session.roleArn,
    issuedAt: new Date(session.issuedAt).toISOString(),
    expiration: new Date(session.expiresAt).toISOString(),
    parentAccessKeyId: session.parentAccessKeyId,
    sessionPolicies: session.sessionPolicies.length,
    role: roleOfOwner(session.user),
    provider: session.webIdentity?.providerKey,
    subject: session.webIdentity?.subject,
  });
}

export async function listSessions(
  deps: Deps,
  owner: { readonly user?: string | undefined; readonly role?: string | undefined },
  options: ListOptions,
): Promise<{ sessions: SessionView[]; next?: string }> {
  if (owner.user !== undefined && owner.role !== undefined) {
    throw new AppError('ValidationError', 'give user or role, not both', { details: { field: 'role' } });
  }
  if (owner.user !== undefined) checkUserName(owner.user, 'user');
  if (owner.role !== undefined) checkRoleName(owner.role, 'role');
  const page = await deps.store.listSessions(owner.role !== undefined ? roleOwner(owner.role) : owner.user, options);
  return pickDefined({ sessions: page.items.map(sessionView), next: page.next });
}

export async function revokeSession(deps: Deps, accessKeyId: string): Promise<void> {
  if (!TEMPORARY_KEY.test(accessKeyId)) {
    throw new AppError('ValidationError', 'accessKeyId must be ASIA followed by 16 of [A-Z0-9]', { details: { field: 'accessKeyId' } });
  }
  if (!(await deps.store.deleteSession(accessKeyId))) throw new AppError('NoSuchSession', `session ${accessKeyId} does not exist`);
  deps.metrics.sessionsRevoked.inc({ how: 'session' });
  deps.logger.info({ audit: 'session-revoked', accessKeyId }, 'session revoked');
}

export async function revokeUserSessions(deps: Deps, user: string): Promise<{ revoked: number }> {
  checkUserName(user, 'user');
  if ((await deps.store.getUser(user)) === undefined) throw new AppError('NoSuchUser', `user "${user}" does not exist`);
  const revoked = await deps.store.deleteUserSessions(user);
  deps.metrics.sessionsRevoked.inc({ how: 'user' }, revoked);
  deps.logger.info({ audit: 'sessions-revoked', user, revoked }, 'user sessions revoked');
  return { revoked };
}
