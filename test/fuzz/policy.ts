/**
 * Policy JSON: valid-ish documents with mutated fields, wrong types, deep nesting, huge strings,
 * variables and wildcards, plus raw byte mutations of their text; through the admin API
 * (`PUT /admin/v1/policies/:name`) and as the `Policy` of a signed AssumeRole.
 */
import { ADMIN_TOKEN } from '../helpers/testDeps.js';
import { exchange, type FuzzParser } from './parser.js';
import { alnum, huge, maybeMutate, mutate, nasty, type Rng } from './rng.js';
import { stsRequest } from './stsQuery.js';
import type { FuzzWorld } from './world.js';

const ACTIONS = ['s3:GetObject', 's3:*', '*', 's3:Get*', 's3:?etObject', 'iam:PassRole', 's3:', ':', 's3:ListBucket', 'sts:AssumeRole', 'S3:GETOBJECT'];
const RESOURCES = ['arn:aws:s3:::*', '*', 'arn:aws:s3:::b/${aws:username}/*', 'arn:aws:s3:::b/${', 'arn:aws:s3:::b/${aws:}', 'arn:aws:s3:::b/${*}/${?}/${$}',
  'arn:aws:s3:::b/${s3:prefix}', 'arn:aws:s3', 'arn:aws:s3:::b/?/**/*?*', 'arn:*:*:*:*:*', ''];
const OPERATORS = ['StringEquals', 'StringLike', 'StringNotEqualsIgnoreCase', 'NumericLessThan', 'DateGreaterThan', 'Bool', 'IpAddress',
  'NotIpAddress', 'ArnLike', 'Null', 'BinaryEquals', 'ForAnyValue:StringLike', 'ForAllValues:StringEquals', 'StringEqualsIfExists',
  'ForAnyValue:NumericEqualsIfExists', 'ForAllValues:', 'IfExists', 'stringequals', 'StringEqualsIfExistsIfExists'];
const KEYS = ['aws:SourceIp', 's3:prefix', 'aws:CurrentTime', 'aws:username', 'aws:SecureTransport', 's3:max-keys', 'aws:PrincipalTag/team',
  'aws:EpochTime', 's3:ExistingObjectTag/x', '', 'a'.repeat(300), '${aws:username}'];
const VALUES = ['10.0.0.0/8', '::1/128', '300.1.1.1/33', '2024-01-01T00:00:00Z', '1700000000', 'not-a-date', 'true', 'TRUE', '0', '-0', '1e400',
  'QUJD', '===', 'home/${aws:username}/*', '*', '?', '', 'arn:aws:s3:::b'];

/** A random JSON value of a small depth: what a wrong-typed field gets. */
function jsonValue(rng: Rng, depth = 0): unknown {
  switch (rng.int(depth > 2 ? 5 : 7)) {
    case 0: return null;
    case 1: return rng.chance(0.5);
    case 2: return rng.pick([0, -1, 1.5, 1e308, 2 ** 53 + 1]);
    case 3: return nasty(rng);
    case 4: return alnum(rng, 12);
    case 5: return Array.from({ length: rng.int(4) }, () => jsonValue(rng, depth + 1));
    default: return Object.fromEntries(Array.from({ length: rng.int(4) }, () => [nasty(rng), jsonValue(rng, depth + 1)]));
  }
}

function oneOrMany(rng: Rng, items: readonly string[]): unknown {
  if (rng.chance(0.1)) return jsonValue(rng);
  if (rng.chance(0.4)) return maybeMutate(rng, rng.pick(items), 0.2, 0.1);
  return Array.from({ length: rng.pick([0, 1, 2, 3, 50]) }, () => maybeMutate(rng, rng.pick(items), 0.15, 0.05));
}

function condition(rng: Rng): unknown {
  if (rng.chance(0.1)) return jsonValue(rng);
  const block: Record<string, unknown> = {};
  for (let n = 1 + rng.int(3); n > 0; n--) {
    const clause: Record<string, unknown> = {};
    for (let k = rng.int(3); k >= 0; k--) clause[maybeMutate(rng, rng.pick(KEYS), 0.1, 0.05)] = rng.chance(0.8) ? oneOrMany(rng, VALUES) : jsonValue(rng);
    block[maybeMutate(rng, rng.pick(OPERATORS), 0.15, 0.05)] = rng.chance(0.9) ? clause : jsonValue(rng);
  }
  return block;
}

function statement(rng: Rng): Record<string, unknown> {
  const s: Record<string, unknown> = { Effect: rng.chance(0.85) ? rng.pick(['Allow', 'Deny']) : rng.pick(['allow', 'DENY', '', nasty(rng)]) };
  if (rng.chance(0.3)) s.Sid = rng.chance(0.7) ? alnum(rng, 12) : nasty(rng);
  s[rng.chance(0.85) ? 'Action' : 'NotAction'] = oneOrMany(rng, ACTIONS);
  s[rng.chance(0.85) ? 'Resource' : 'NotResource'] = oneOrMany(rng, RESOURCES);
  if (rng.chance(0.35)) s.Condition = condition(rng);
  if (rng.chance(0.04)) s.Principal = rng.pick(['*', { AWS: '*' }, { AWS: ['arn:aws:iam::1:root'] }]);
  if (rng.chance(0.04)) s[nasty(rng)] = jsonValue(rng);
  if (rng.chance(0.05)) delete s[rng.pick(Object.keys(s))];
  return s;
}

/** Operators with values of their type, so clean documents pass validation and get evaluated. */
const TYPED_CLAUSES: ReadonlyArray<[string, string, readonly string[]]> = [
  ['StringLike', 's3:prefix', ['home/${aws:username}/*', 'a?c', '*']],
  ['StringEquals', 'aws:username', ['fuzz.user', '${aws:username}']],
  ['IpAddress', 'aws:SourceIp', ['10.0.0.0/8', '::1/128', '127.0.0.1']],
  ['NumericLessThanIfExists', 's3:max-keys', ['10', '1000']],
  ['DateGreaterThan', 'aws:CurrentTime', ['2020-01-01T00:00:00Z', '1700000000']],
  ['Bool', 'aws:SecureTransport', ['true', 'false']],
  ['ForAnyValue:StringEquals', 's3:ExistingObjectTag/team', ['a', 'b']],
  ['Null', 's3:prefix', ['true']],
  ['ArnLike', 'aws:PrincipalArn', ['arn:aws:sts::*:assumed-role/*']],
];

/** A document that should validate: the accepted path (storage, evaluation) gets fuzzed too. */
function cleanDocument(rng: Rng): unknown {
  const statements = Array.from({ length: 1 + rng.int(3) }, () => {
    const s: Record<string, unknown> = {
      Effect: rng.pick(['Allow', 'Deny']),
      [rng.chance(0.9) ? 'Action' : 'NotAction']: rng.chance(0.5) ? rng.pick(ACTIONS.slice(0, 5)) : ACTIONS.slice(0, 1 + rng.int(5)),
      [rng.chance(0.9) ? 'Resource' : 'NotResource']: rng.pick(RESOURCES.slice(0, 3)),
    };
    if (rng.chance(0.5)) {
      const [op, key, values] = rng.pick(TYPED_CLAUSES);
      s.Condition = { [op]: { [key]: rng.chance(0.5) ? rng.pick(values) : values } };
    }
    return s;
  });
  return { Version: '2012-10-17', Statement: statements };
}

/** A policy document, usually shaped like one, sometimes anything at all. */
export function policyDocument(rng: Rng): unknown {
  if (rng.chance(0.3)) return cleanDocument(rng);
  if (rng.chance(0.05)) return jsonValue(rng);
  const doc: Record<string, unknown> = {};
  if (rng.chance(0.9)) doc.Version = rng.chance(0.85) ? '2012-10-17' : rng.pick(['2008-10-17', '2012-10-18', '', 20121017, null, nasty(rng)]);
  if (rng.chance(0.05)) doc.Id = nasty(rng);
  const statements = Array.from({ length: rng.pick([1, 1, 1, 2, 3, 0, 40]) }, () => statement(rng));
  doc.Statement = rng.chance(0.15) && statements.length > 0 ? statements[0] : rng.chance(0.03) ? jsonValue(rng) : statements;
  return doc;
}

function deepNesting(rng: Rng): string {
  const depth = rng.pick([100, 1000, 5000, 50_000]);
  const [open, close] = rng.pick([['[', ']'], ['{"a":', '}']]) as [string, string];
  return `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:*","Resource":"*","Condition":${open.repeat(depth)}1${close.repeat(depth)}}]}`;
}

/** The document's text: its JSON, mutated bytes of it, deep nesting, or a huge string field. */
export function policyText(rng: Rng): string {
  const roll = rng.next();
  if (roll < 0.03) return deepNesting(rng);
  if (roll < 0.06) return JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: huge(rng), Resource: '*' }] });
  const text = JSON.stringify(policyDocument(rng)) ?? 'null';
  if (roll < 0.25) return mutate(rng, text);
  if (roll < 0.28) return `\ufeff${text}`;
  return text;
}

const NAMES = ['fuzz-0', 'fuzz-1', 'fuzz-2', 'fuzz-3', 'readonly', 'readwrite', 'a', 'x'.repeat(129), '..', '%2e%2e', 'a%2Fb', 'a b', '%zz', 'é', '__proto__'];
const ADMIN_TYPES = ['application/json; charset=utf-8', 'text/plain', 'application/x-www-form-urlencoded', '', 'application/merge-patch+json'];

function adminRequest(rng: Rng, text: string) {
  const name = rng.chance(0.9) ? `fuzz-${rng.int(4)}` : maybeMutate(rng, rng.pick(NAMES), 0.2, 0.05);
  const auth = rng.chance(0.97) ? `Bearer ${ADMIN_TOKEN}` : rng.pick(['', 'Bearer ', `Bearer ${ADMIN_TOKEN}x`, `bearer ${ADMIN_TOKEN}`]);
  const headers: Record<string, string> = { authorization: auth };
  const type = rng.chance(0.93) ? 'application/json' : rng.pick(ADMIN_TYPES);
  if (type !== '') headers['content-type'] = type;
  return { protocol: 'admin' as const, method: rng.chance(0.97) ? 'PUT' : rng.pick(['POST', 'PATCH']), target: `/admin/v1/policies/${name}`, headers, body: text };
}

function assumeRoleWithPolicy(rng: Rng, world: FuzzWorld, text: string) {
  const pairs: Array<[string, string]> = [['Action', 'AssumeRole'], ['Version', '2011-06-15'],
    ['RoleArn', `arn:aws:iam::${world.accountId}:role/app`], ['RoleSessionName', `fuzz-${alnum(rng, 8, 2)}`], ['Policy', text]];
  if (rng.chance(0.1)) pairs.push(['PolicyArns.member.1.arn', `arn:aws:iam::${world.accountId}:policy/fuzz-${rng.int(4)}`]);
  return stsRequest(rng, world, pairs, { signedOnly: true });
}

export const policyParser: FuzzParser = {
  name: 'policy-json',
  surface: 'policy documents via admin PUT /admin/v1/policies/:name and the AssumeRole Policy parameter',
  run(rng, world) {
    const text = policyText(rng);
    return exchange(world, rng.chance(0.5) ? adminRequest(rng, text) : assumeRoleWithPolicy(rng, world, text));
  },
};
