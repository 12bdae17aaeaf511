import type { BackupDocument } from '../backup/index.js';
import type { Deps } from '../deps.js';
import { AppError } from '../errors.js';
import { defineOidcProvider } from '../oidc/index.js';
import { checkedDocument } from '../policies/index.js';
import { checkMaxSessionDuration, checkRoleName } from './roles.js';
import { checkUserName } from './validate.js';

const ISO_TIME = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d{1,3})?Z$/;
const USER_ID = /^AIDA[A-Z0-9]{17}$/;
const ROLE_ID = /^AROA[A-Z0-9]{17}$/;

/**
 * A backup's entries pass the admin API's own checks before anything is restored, so a restore
 * cannot create what the API would refuse: names the API cannot then show or remove, a provider
 * a token could not be checked against, a policy the catalogue rejects, an id shaped like another
 * principal's. The backup module checks secrets and document shapes; these are the API's rules.
 */
export function checkRestorable(deps: Deps, backup: BackupDocument): void {
  backup.users.forEach((user, i) => {
    checkUserName(user.name, `users[${i}].name`);
    requireShape(user.id, USER_ID, `users[${i}].id`);
    requireShape(user.createdAt, ISO_TIME, `users[${i}].createdAt`);
  });
  backup.roles.forEach((role, i) => {
    checkRoleName(role.name, `roles[${i}].name`);
    requireShape(role.id, ROLE_ID, `roles[${i}].id`);
    requireShape(role.createdAt, ISO_TIME, `roles[${i}].createdAt`);
    checkMaxSessionDuration(role.maxSessionDuration);
  });
  backup.policies.forEach((policy, i) => {
    let document: unknown;
    try {
      document = JSON.parse(policy.document);
    } catch {
      throw new AppError('ValidationError', `not a usable backup: policies[${i}].document is not JSON`, { details: { field: `policies[${i}]` } });
    }
    checkedDocument(document);
    requireShape(policy.createdAt, ISO_TIME, `policies[${i}].createdAt`);
    requireShape(policy.updatedAt, ISO_TIME, `policies[${i}].updatedAt`);
  });
  backup.oidcProviders.forEach((provider, i) => {
    const field = `oidcProviders[${i}]`;
    let key: string;
    try {
      key = defineOidcProvider(
        { issuer: provider.issuer, audiences: [...provider.audiences] },
        { accountId: deps.config.accountId, allowInsecureLoopback: deps.config.oidcAllowInsecureLoopback },
      ).key;
    } catch {
      throw new AppError('ValidationError', `not a usable backup: ${field} is not a provider this service accepts`, { details: { field } });
    }
    // That the key matches the issuer is restoreBackup's own check; braces are the API's (Redis hash tags).
    if (/[{}\s]/.test(key)) throw new AppError('ValidationError', `not a usable backup: ${field} has braces or spaces in its issuer`, { details: { field } });
  });
}

function requireShape(value: string, shape: RegExp, field: string): void {
  if (!shape.test(value)) throw new AppError('ValidationError', `not a usable backup: ${field} is not valid`, { details: { field } });
}
