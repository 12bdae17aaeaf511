/**
 * The Query API's parameter parsing: forms and query strings with mutated parameters, sent
 * unsigned and correctly signed (header and presigned), so they pass authentication and reach the
 * action parsers.
 */
import { exchange, type FuzzParser } from './parser.js';
import { alnum, encodeComponent, huge, maybeMutate, mutate, nasty, type Rng } from './rng.js';
import { signSts, type FuzzRequest, type FuzzWorld } from './world.js';

type Pairs = Array<[string, string]>;

const ACTIONS = ['AssumeRole', 'AssumeRole', 'AssumeRole', 'GetCallerIdentity', 'GetSessionToken', 'assumerole', 'AssumeRoleWithWebIdentity', ''];
const DURATIONS = ['900', '3600', '43200', '604800', '604801', '899', '0', '-1', '1e3', ' 900', '900 ', '0900', '9999999999', '99999999999', '0x384', '３６００'];

function roleArn(rng: Rng, world: FuzzWorld): string {
  return maybeMutate(rng, rng.pick([`arn:aws:iam::${world.accountId}:role/app`, 'arn:aws:iam::123456789012:role/path/to/r', 'arn:xxx:yyy:zzz', 'x'.repeat(20)]), 0.3, 0.15);
}

function smallPolicy(rng: Rng): string {
  const doc = { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::b/*' }] };
  return maybeMutate(rng, JSON.stringify(doc), 0.3, 0.2);
}

function actionParams(rng: Rng, world: FuzzWorld, action: string): Pairs {
  const pairs: Pairs = [];
  if (action.toLowerCase().startsWith('assumerole') || rng.chance(0.1)) {
    if (rng.chance(0.9)) pairs.push(['RoleArn', roleArn(rng, world)]);
    if (rng.chance(0.9)) pairs.push(['RoleSessionName', maybeMutate(rng, `s-${alnum(rng, 20, 1)}`, 0.25, 0.15)]);
  }
  if (rng.chance(0.35)) pairs.push(['DurationSeconds', rng.chance(0.8) ? rng.pick(DURATIONS) : nasty(rng)]);
  if (rng.chance(0.2)) pairs.push(['Policy', smallPolicy(rng)]);
  for (let n = rng.chance(0.12) ? 1 + rng.int(12) : 0; n > 0; n--) {
    const index = rng.pick([String(n), '0', '11', '01', '-1', '1.5', '99999999999999999999', nasty(rng)]);
    const policy = rng.pick(['readonly', 'readwrite', 'nope', nasty(rng)]);
    pairs.push([maybeMutate(rng, `PolicyArns.member.${index}.arn`, 0.1, 0), maybeMutate(rng, `arn:aws:iam::${world.accountId}:policy/${policy}`, 0.2, 0.05)]);
  }
  if (rng.chance(0.15)) pairs.push([rng.pick(['ExternalId', 'SerialNumber', 'TokenCode', 'Tags.member.1.Key', 'SourceIdentity', nasty(rng)]), nasty(rng)]);
  return pairs;
}

/** Parameters of a call, with keys repeated, dropped or mangled now and then. */
export function stsParams(rng: Rng, world: FuzzWorld): Pairs {
  const action = rng.chance(0.9) ? rng.pick(ACTIONS) : nasty(rng);
  let pairs: Pairs = [['Action', action], ['Version', rng.chance(0.9) ? '2011-06-15' : nasty(rng)], ...actionParams(rng, world, action)];
  if (rng.chance(0.08)) pairs = pairs.filter(() => rng.chance(0.7));
  if (rng.chance(0.08) && pairs.length > 0) pairs.push(rng.pick(pairs));
  if (rng.chance(0.05)) pairs.push([nasty(rng), nasty(rng)]);
  if (rng.chance(0.03)) pairs.push(['Huge', huge(rng)]);
  if (rng.chance(0.1)) pairs.sort(() => rng.next() - 0.5);
  return pairs;
}

/** The pairs as a form or query string: mostly well encoded, sometimes raw or broken. */
export function encodePairs(rng: Rng, pairs: Pairs): string {
  const roll = rng.next();
  const encode = roll < 0.8 ? encodeComponent : roll < 0.9 ? (s: string) => new URLSearchParams([['', s]]).toString().slice(1) : (s: string) => s;
  let text = pairs.map(([k, v]) => (rng.chance(0.02) ? encode(k) : `${encode(k)}=${encode(v)}`)).join(rng.chance(0.03) ? '&&' : '&');
  if (rng.chance(0.08)) text = mutate(rng, text);
  return text;
}

const CONTENT_TYPES = ['application/x-www-form-urlencoded', 'application/x-www-form-urlencoded; charset=utf-8', 'APPLICATION/X-WWW-FORM-URLENCODED',
  'application/json', 'text/plain', 'multipart/form-data; boundary=x', ''];

function contentType(rng: Rng): string {
  return rng.chance(0.85) ? CONTENT_TYPES[0] as string : maybeMutate(rng, rng.pick(CONTENT_TYPES), 0.3, 0.1);
}

/** One Query API request: unsigned or signed, as a form POST or a GET. */
export function stsRequest(rng: Rng, world: FuzzWorld, pairs: Pairs, options: { signedOnly?: boolean } = {}): FuzzRequest {
  const encoded = encodePairs(rng, pairs);
  const creds = rng.pick([world.user, world.user, world.session, world.chained, world.bareUser]);
  const modes = ['post', 'post', 'get', 'signed-post', 'signed-post', 'signed-post', 'signed-get', 'presigned'];
  const picked = rng.pick(options.signedOnly ? modes.slice(3) : modes);
  // A long query would exceed node's 16 KiB header limit and be refused before the app (431).
  const mode = encoded.length > 6000 ? (picked.startsWith('signed') || picked === 'presigned' ? 'signed-post' : 'post') : picked;
  const headers: Record<string, string> = { host: world.host };
  try {
    if (mode === 'signed-post') {
      const signed = signSts(world, creds, { method: 'POST', path: '/', query: '', headers: { 'content-type': contentType(rng) }, body: encoded });
      return { protocol: 'sts', method: 'POST', target: '/', headers: signed.headers, body: encoded };
    }
    if (mode === 'signed-get' || mode === 'presigned') {
      const signed = signSts(world, creds, { method: 'GET', path: '/', query: encoded, headers: {} }, mode === 'presigned' ? 900 : undefined);
      return { protocol: 'sts', method: 'GET', target: `/?${signed.query}`, headers: signed.headers };
    }
  } catch {
    // A query the signer itself cannot canonicalise goes out unsigned.
  }
  if (mode === 'get' || mode.endsWith('get') || mode === 'presigned') return { protocol: 'sts', method: 'GET', target: `/?${encoded}`, headers };
  const method = rng.chance(0.97) ? 'POST' : rng.pick(['PUT', 'DELETE', 'PATCH', 'OPTIONS']);
  return { protocol: 'sts', method, target: rng.chance(0.1) ? `/?${encodePairs(rng, stsParams(rng, world))}` : '/', headers: { ...headers, 'content-type': contentType(rng) }, body: encoded };
}

export const stsQueryParser: FuzzParser = {
  name: 'sts-query',
  surface: 'STS Query API form bodies and query strings (POST / and GET /?...), unsigned and signed',
  run: (rng, world) => exchange(world, stsRequest(rng, world, stsParams(rng, world))),
};
