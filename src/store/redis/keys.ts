/**
 * Redis key layout. All admin metadata shares the hash tag `{<prefix>:meta}`, so it lives in
 * one cluster slot and every multi-key change to it is a single atomic script. Each session
 * record and each user's session index hash on their own tag, spreading the 10M sessions over
 * the cluster.
 *
 *   {p:meta}:u:<user>     hash   user record (name, id, sealedSecret, posixUid, posixGid, policy, createdAt)
 *   {p:meta}:users        zset   every user name, score 0 (ordered by name for paging)
 *   {p:meta}:p:<policy>   hash   custom policy (name, document, createdAt, updatedAt)
 *   {p:meta}:policies     zset   every custom policy name, score 0
 *   {p:meta}:pu:<policy>  set    users (and `role:<name>`) the policy is attached to (built-in names too)
 *   {p:meta}:r:<role>     hash   role record (name, id, trustPolicy, policy, maxSessionDuration, posix ids, createdAt)
 *   {p:meta}:roles        zset   every role as `role:<name>`, score 0 (the owner name of its sessions)
 *   {p:meta}:oidc:<key>   hash   OIDC provider (key, issuer, audiences as JSON, createdAt)
 *   {p:meta}:oidcs        zset   every provider key, score 0
 *   p:sess:{<akid>}       string session record as JSON, PXAT its expiry
 *   p:usess:{<owner>}     zset   the user's (or `role:<name>`'s) access key ids, score = expiry; PEXPIREAT the latest
 *
 * Names cannot contain `{` or `}` (user, role, policy and access key id patterns exclude them, and
 * the admin API refuses issuers with them), so no
 * name can change which part of a key is the hash tag.
 */
export interface RedisKeys {
  readonly user: (name: string) => string;
  readonly users: string;
  readonly policy: (name: string) => string;
  readonly policies: string;
  readonly policyUsers: (name: string) => string;
  /** Prefix of `policyUsers` keys, for scripts that find the old policy of a user themselves. */
  readonly policyUsersPrefix: string;
  readonly role: (name: string) => string;
  readonly roles: string;
  readonly oidcProvider: (key: string) => string;
  readonly oidcProviders: string;
  readonly session: (accessKeyId: string) => string;
  readonly userSessions: (user: string) => string;
}

export function redisKeys(prefix: string): RedisKeys {
  const meta = `{${prefix}:meta}`;
  return Object.freeze({
    user: (name: string) => `${meta}:u:${name}`,
    users: `${meta}:users`,
    policy: (name: string) => `${meta}:p:${name}`,
    policies: `${meta}:policies`,
    policyUsers: (name: string) => `${meta}:pu:${name}`,
    policyUsersPrefix: `${meta}:pu:`,
    role: (name: string) => `${meta}:r:${name}`,
    roles: `${meta}:roles`,
    oidcProvider: (key: string) => `${meta}:oidc:${key}`,
    oidcProviders: `${meta}:oidcs`,
    session: (accessKeyId: string) => `${prefix}:sess:{${accessKeyId}}`,
    userSessions: (user: string) => `${prefix}:usess:{${user}}`,
  });
}
