import type { SessionRecord, UserRecord } from '../store/types.js';

/** Who signed a request: a user with its permanent key, or a session with temporary keys. */
export type Caller =
  | { readonly kind: 'user'; readonly accessKeyId: string; readonly user: UserRecord }
  | { readonly kind: 'session'; readonly accessKeyId: string; readonly user: UserRecord; readonly session: SessionRecord };

/** GetSessionToken sessions carry no role: they act as the user itself. */
export function isRoleSession(session: SessionRecord): boolean {
  return session.roleArn !== '';
}

/** `arn:aws:iam::<acct>:role/path/name` gives `name`; anything else (e.g. MinIO's dummy ARNs) `s3-sts`. */
export function roleNameFromArn(roleArn: string): string {
  const match = /^arn:[a-z-]+:iam::\d{12}:role\/(?:[\x21-\x7e]*\/)?([\w+=,.@-]{1,64})$/.exec(roleArn);
  return match?.[1] ?? 's3-sts';
}

export function callerArn(caller: Caller, accountId: string): string {
  if (caller.kind === 'session' && isRoleSession(caller.session)) {
    return `arn:aws:sts::${accountId}:assumed-role/${roleNameFromArn(caller.session.roleArn)}/${caller.session.sessionName}`;
  }
  return `arn:aws:iam::${accountId}:user/${caller.user.name}`;
}

/**
 * `aws:PrincipalArn`: for a role session the role's ARN (`arn:aws:iam::<acct>:role/<name>`), not
 * the assumed-role session ARN, as AWS answers it; the user's ARN otherwise.
 */
export function principalArn(caller: Caller, accountId: string): string {
  if (caller.kind === 'session' && isRoleSession(caller.session)) {
    return `arn:aws:iam::${accountId}:role/${roleNameFromArn(caller.session.roleArn)}`;
  }
  return `arn:aws:iam::${accountId}:user/${caller.user.name}`;
}

/** `aws:userid`: the user's id, or `<user id>:<session name>` for a role session, as AWS does. */
export function callerUserId(caller: Caller): string {
  if (caller.kind === 'session' && isRoleSession(caller.session)) return `${caller.user.id}:${caller.session.sessionName}`;
  return caller.user.id;
}
