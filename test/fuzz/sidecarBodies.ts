/**
 * Sidecar bodies (`POST /v1/verify`, `/v1/authorize`): random JSON shapes, and valid bodies with
 * mutated access keys, session tokens, checks, context keys and values and request objects.
 */
import { VERIFY_TOKEN } from '../helpers/testDeps.js';
import { exchange, type FuzzParser } from './parser.js';
import { alnum, huge, maybeMutate, mutate, nasty, type Rng } from './rng.js';
import { mutateToken } from './sigv4.js';
import type { FuzzRequest, FuzzWorld } from './world.js';

const CONTEXT_KEYS = ['aws:SourceIp', 's3:prefix', 'aws:username', 'AWS:USERNAME', 'aws:userid', 'aws:PrincipalArn', 'aws:CurrentTime',
  'aws:SecureTransport', 's3:max-keys', '__proto__', 'constructor', 'toString', '', 'x'.repeat(257)];
const CHECK_ACTIONS = ['s3:GetObject', 's3:PutObject', 's3:ListBucket', 's3:*', '*', '', 'iam:CreateUser', 'S3:getobject'];
const CHECK_RESOURCES = ['arn:aws:s3:::bucket/key', 'arn:aws:s3:::bucket', '*', '', 'arn:aws:s3:::b/${aws:username}', 'arn:aws:s3:::b/*?'];

function anyJson(rng: Rng, depth = 0): unknown {
  switch (rng.int(depth > 2 ? 5 : 7)) {
    case 0: return null;
    case 1: return rng.chance(0.5);
    case 2: return rng.pick([0, -1, 1e308, 1.5, 4294967296]);
    case 3: return nasty(rng);
    case 4: return alnum(rng, 10);
    case 5: return Array.from({ length: rng.int(4) }, () => anyJson(rng, depth + 1));
    default: return Object.fromEntries(Array.from({ length: rng.int(4) }, () => [rng.pick(['accessKeyId', 'sessionToken', 'request', 'checks', nasty(rng)]), anyJson(rng, depth + 1)]));
  }
}

function contextValue(rng: Rng): unknown {
  switch (rng.int(6)) {
    case 0: return nasty(rng);
    case 1: return rng.pick([true, 0, -1.5, 1e300]);
    case 2: return Array.from({ length: rng.pick([0, 1, 3, 257]) }, () => rng.pick(['a', 1, true]));
    case 3: return anyJson(rng);
    case 4: return rng.pick(['10.0.0.1', '::1', '2024-01-01T00:00:00Z', 'true']);
    default: return rng.pick([[null], [{}], [[1]]]);
  }
}

function check(rng: Rng): unknown {
  if (rng.chance(0.05)) return anyJson(rng);
  const c: Record<string, unknown> = {
    action: rng.chance(0.9) ? maybeMutate(rng, rng.pick(CHECK_ACTIONS), 0.15, 0.05) : anyJson(rng),
    resource: rng.chance(0.9) ? maybeMutate(rng, rng.pick(CHECK_RESOURCES), 0.15, 0.05) : anyJson(rng),
  };
  if (rng.chance(0.4)) {
    const context: Record<string, unknown> = {};
    for (let n = rng.chance(0.02) ? 70 : rng.int(4); n > 0; n--) context[maybeMutate(rng, rng.pick(CONTEXT_KEYS), 0.1, 0.1) + (n > 4 ? n : '')] = contextValue(rng);
    c.context = rng.chance(0.95) ? context : anyJson(rng);
  }
  if (rng.chance(0.03)) c[nasty(rng)] = 1;
  return c;
}

function requestObject(rng: Rng): unknown {
  if (rng.chance(0.15)) return anyJson(rng);
  const r: Record<string, unknown> = {
    method: rng.chance(0.8) ? rng.pick(['GET', 'PUT', 'get', '', 'X'.repeat(33)]) : anyJson(rng),
    path: rng.chance(0.8) ? rng.pick(['/bucket/key', '/', 'bucket', '/%zz', '/a/../b', `/${huge(rng)}`]) : anyJson(rng),
    query: rng.chance(0.8) ? rng.pick(['', 'X-Amz-Algorithm=AWS4-HMAC-SHA256', 'a=1&a=2', '%', nasty(rng)]) : anyJson(rng),
    headers: rng.chance(0.8) ? { host: 's3.example.test', authorization: rng.pick(['AWS4-HMAC-SHA256 Credential=x', '', nasty(rng)]), [nasty(rng)]: rng.chance(0.5) ? nasty(rng) : [nasty(rng), 1] } : anyJson(rng),
  };
  if (rng.chance(0.2)) r.payloadHash = rng.chance(0.5) ? 'UNSIGNED-PAYLOAD' : anyJson(rng);
  if (rng.chance(0.1)) delete r[rng.pick(Object.keys(r))];
  return r;
}

/** A body that is mostly right, so the mutation of one part reaches the code that reads it. */
function credentialBody(rng: Rng, world: FuzzWorld, authorize: boolean): Record<string, unknown> {
  const creds = rng.pick([world.session, world.chained, world.session, world.user]);
  const body: Record<string, unknown> = { accessKeyId: rng.chance(0.8) ? creds.accessKeyId : rng.chance(0.7) ? maybeMutate(rng, creds.accessKeyId, 0.7, 0.3) : anyJson(rng) };
  const token = creds.sessionToken;
  if (token !== undefined && rng.chance(0.9)) body.sessionToken = rng.chance(0.3) ? token : rng.chance(0.9) ? mutateToken(rng, world, token) : anyJson(rng);
  if (rng.chance(0.15)) body.request = requestObject(rng);
  if (authorize) body.checks = rng.chance(0.9) ? Array.from({ length: rng.pick([0, 1, 1, 2, 5, 101]) }, () => check(rng)) : anyJson(rng);
  if (rng.chance(0.03)) body[nasty(rng)] = anyJson(rng);
  return body;
}

function bodyText(rng: Rng, world: FuzzWorld, authorize: boolean): string {
  if (rng.chance(0.1)) return JSON.stringify(anyJson(rng)) ?? '';
  const text = JSON.stringify(credentialBody(rng, world, authorize));
  const roll = rng.next();
  if (roll < 0.12) return mutate(rng, text);
  if (roll < 0.13) return `${text}${text}`;
  if (roll < 0.14) return '['.repeat(rng.pick([1000, 100_000])) + ']'.repeat(1000);
  return text;
}

export function sidecarBodyRequest(rng: Rng, world: FuzzWorld): FuzzRequest {
  const authorize = rng.chance(0.5);
  const headers: Record<string, string> = {
    authorization: rng.chance(0.97) ? `Bearer ${VERIFY_TOKEN}` : rng.pick(['', `Bearer ${VERIFY_TOKEN} `, 'Basic x', `Bearer ${mutate(rng, VERIFY_TOKEN)}`]),
  };
  const type = rng.chance(0.93) ? 'application/json' : rng.pick(['text/plain', 'application/json; charset=latin1', 'application/JSON', '', 'application/x-www-form-urlencoded']);
  if (type !== '') headers['content-type'] = type;
  if (rng.chance(0.02)) headers['content-encoding'] = rng.pick(['gzip', 'identity', 'br, gzip']);
  const target = `/v1/${authorize ? 'authorize' : 'verify'}${rng.chance(0.03) ? `?${nasty(rng)}` : ''}`;
  return { protocol: 'sidecar', method: rng.chance(0.98) ? 'POST' : rng.pick(['GET', 'PUT', 'DELETE']), target, headers, body: bodyText(rng, world, authorize) };
}

export const sidecarParser: FuzzParser = {
  name: 'sidecar-body',
  surface: 'sidecar JSON bodies of POST /v1/verify and /v1/authorize',
  run: (rng, world) => exchange(world, sidecarBodyRequest(rng, world)),
};
