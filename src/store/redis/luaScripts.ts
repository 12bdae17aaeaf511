/**
 * Lua sources of the atomic changes. The metadata scripts touch only `{<prefix>:meta}` keys;
 * a few of those keys (the old policy's user set, a user's current policy) are only known
 * inside the script, so they are built there from a prefix argument. They share the declared
 * keys' hash tag, hence their slot, so the scripts stay valid on Redis Cluster.
 */

/** KEYS: user (or role), users (or roles), policy, policyUsers. ARGV: name (or `role:<name>`), policy ('' = none), builtin ('1'), field, value, ... */
export const CREATE_USER = `
if redis.call('EXISTS', KEYS[1]) == 1 then return 'exists' end
if ARGV[2] ~= '' and ARGV[3] ~= '1' and redis.call('EXISTS', KEYS[3]) == 0 then return 'no-such-policy' end
redis.call('HSET', KEYS[1], unpack(ARGV, 4))
redis.call('ZADD', KEYS[2], 0, ARGV[1])
if ARGV[2] ~= '' then redis.call('SADD', KEYS[4], ARGV[1]) end
return 'ok'
`;

/** KEYS: user (or role), policy, policyUsers. ARGV: name (or `role:<name>`), policy ('' = detach), builtin ('1'), policyUsers prefix. */
export const SET_USER_POLICY = `
if redis.call('EXISTS', KEYS[1]) == 0 then return 'no-such-user' end
if ARGV[2] ~= '' and ARGV[3] ~= '1' and redis.call('EXISTS', KEYS[2]) == 0 then return 'no-such-policy' end
local old = redis.call('HGET', KEYS[1], 'policy')
if old then redis.call('SREM', ARGV[4] .. old, ARGV[1]) end
if ARGV[2] == '' then
  redis.call('HDEL', KEYS[1], 'policy')
else
  redis.call('HSET', KEYS[1], 'policy', ARGV[2])
  redis.call('SADD', KEYS[3], ARGV[1])
end
return 'ok'
`;

/** KEYS: record, index (user, role or provider). ARGV: member, policyUsers prefix. Returns 1 when it existed. */
export const DELETE_USER = `
local policy = redis.call('HGET', KEYS[1], 'policy')
if redis.call('DEL', KEYS[1]) == 0 then return 0 end
if policy then redis.call('SREM', ARGV[2] .. policy, ARGV[1]) end
redis.call('ZREM', KEYS[2], ARGV[1])
return 1
`;

/** KEYS: user. ARGV: expected sealed secret, new sealed secret. Returns 1 when replaced. */
export const UPDATE_USER_SECRET = `
if redis.call('HGET', KEYS[1], 'sealedSecret') ~= ARGV[1] then return 0 end
redis.call('HSET', KEYS[1], 'sealedSecret', ARGV[2])
return 1
`;

/** KEYS: policy, policies. ARGV: name, document, createdAt, updatedAt. Returns 1 when created. */
export const PUT_POLICY = `
if redis.call('EXISTS', KEYS[1]) == 1 then
  redis.call('HSET', KEYS[1], 'document', ARGV[2], 'updatedAt', ARGV[4])
  return 0
end
redis.call('HSET', KEYS[1], 'name', ARGV[1], 'document', ARGV[2], 'createdAt', ARGV[3], 'updatedAt', ARGV[4])
redis.call('ZADD', KEYS[2], 0, ARGV[1])
return 1
`;

/** KEYS: policy, policies, policyUsers. ARGV: name. Returns {'ok'}, {'no-such-policy'} or {'in-use', user...}. */
export const DELETE_POLICY = `
if redis.call('EXISTS', KEYS[1]) == 0 then return {'no-such-policy'} end
if redis.call('SCARD', KEYS[3]) > 0 then
  local users = redis.call('SMEMBERS', KEYS[3])
  table.insert(users, 1, 'in-use')
  return users
end
redis.call('DEL', KEYS[1])
redis.call('ZREM', KEYS[2], ARGV[1])
return {'ok'}
`;

/**
 * KEYS: userSessions. ARGV: accessKeyId, expiresAt, now. Indexes the session, prunes expired
 * entries and lets the index expire with its latest session, so an idle user's index goes away.
 */
export const INDEX_SESSION = `
redis.call('ZADD', KEYS[1], ARGV[2], ARGV[1])
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', ARGV[3])
local last = redis.call('ZRANGE', KEYS[1], -1, -1, 'WITHSCORES')
if last[2] then redis.call('PEXPIREAT', KEYS[1], last[2]) end
return 1
`;

/** KEYS: record, index. ARGV: member, field, value, ... Returns 1 when created, 0 when it existed. */
export const CREATE_RECORD = `
if redis.call('EXISTS', KEYS[1]) == 1 then return 0 end
redis.call('HSET', KEYS[1], unpack(ARGV, 2))
redis.call('ZADD', KEYS[2], 0, ARGV[1])
return 1
`;

/** KEYS: record. ARGV: field, value, ... Returns 1 when the record existed (and was changed). */
export const UPDATE_RECORD = `
if redis.call('EXISTS', KEYS[1]) == 0 then return 0 end
redis.call('HSET', KEYS[1], unpack(ARGV))
return 1
`;
