/**
 * SigV4 authentication: correctly signed requests (Authorization header or presigned query) with
 * one to three parts mutated, sent to STS (XML errors) and inside sidecar `request` objects (JSON).
 */
import { formatAmzDate, signRequest, type SigningCredentials } from '../../src/sigv4/index.js';
import { VERIFY_TOKEN } from '../helpers/testDeps.js';
import { exchange, type FuzzParser } from './parser.js';
import { alnum, encodeComponent, maybeMutate, mutate, nasty, type Rng } from './rng.js';
import { signSts, type FuzzRequest, type FuzzWorld } from './world.js';

/** A signed request while it is being mangled. */
interface Signed {
  method: string;
  path: string;
  query: string;
  headers: Record<string, string | string[]>;
  body?: string;
}

const QUERY_KEYS = ['X-Amz-Algorithm', 'X-Amz-Credential', 'X-Amz-Date', 'X-Amz-Expires', 'X-Amz-SignedHeaders', 'X-Amz-Signature', 'X-Amz-Security-Token'];

function mutateSignature(rng: Rng, sig: string): string {
  const at = rng.int(Math.max(1, sig.length));
  switch (rng.int(6)) {
    case 0: return sig.slice(0, at) + (sig[at] === '0' ? '1' : '0') + sig.slice(at + 1);
    case 1: return sig.slice(0, at);
    case 2: return sig.toUpperCase();
    case 3: return sig + sig;
    case 4: return 'z'.repeat(64);
    default: return maybeMutate(rng, sig, 0.5, 0.5);
  }
}

function mutateSignedHeaders(rng: Rng, list: string): string {
  const names = list.split(';');
  switch (rng.int(7)) {
    case 0: return names.filter((n) => n !== 'host').join(';');
    case 1: return [...names, rng.pick(['x-unknown', 'content-type', 'authorization', 'Host', ''])].join(';');
    case 2: return [...names].reverse().join(';');
    case 3: return names.map((n) => n.toUpperCase()).join(';');
    case 4: return Array.from({ length: rng.pick([129, 500, 2000]) }, (_, i) => `h${i}`).join(';');
    case 5: return `${list};${list}`;
    default: return maybeMutate(rng, list, 0.6, 0.4);
  }
}

function mutateCredential(rng: Rng, world: FuzzWorld, credential: string): string {
  const parts = credential.split('/');
  const at = rng.int(parts.length + 1);
  const choices = [
    ['AKIAIOSFODNN7EXAMPLE', world.session.accessKeyId, world.bareUser.accessKeyId, 'ASIA0000000000000000', '', 'fuzz.user%2F'],
    ['20000101', '99999999', formatAmzDate(world.server.clock.now() + 86_400_000).slice(0, 8), '2024-01-01', ''],
    ['us-west-2', '*', '', 'US-EAST-1', 'us-east-1 '],
    ['s3', 'iam', 'STS', '', 'sts\n'],
    ['aws4_request ', 'aws5_request', '', 'aws4_request/extra'],
  ];
  if (at >= parts.length) return rng.chance(0.5) ? `${credential}/${nasty(rng)}` : parts.slice(0, rng.int(parts.length)).join('/');
  parts[at] = rng.chance(0.7) ? rng.pick(choices[Math.min(at, 4)] as string[]) : nasty(rng);
  return parts.join('/');
}

function mutateAuthorization(rng: Rng, world: FuzzWorld, value: string): string {
  const space = value.indexOf(' ');
  let algorithm = value.slice(0, space);
  const fields = value.slice(space + 1).split(', ');
  const field = rng.int(fields.length);
  const [name = '', ...rest] = (fields[field] ?? '').split('=');
  const fieldValue = rest.join('=');
  switch (rng.int(9)) {
    case 0: algorithm = rng.pick(['AWS4-HMAC-SHA512', 'aws4-hmac-sha256', 'AWS4-ECDSA-P256-SHA256', '', 'AWS']); break;
    case 1: fields[field] = `${name}=${name === 'Credential' ? mutateCredential(rng, world, fieldValue) : name === 'SignedHeaders' ? mutateSignedHeaders(rng, fieldValue) : mutateSignature(rng, fieldValue)}`; break;
    case 2: fields.splice(field, 1); break;
    case 3: fields.push(fields[field] as string); break;
    case 4: fields.reverse(); break;
    case 5: return `${algorithm} ${fields.join(rng.pick([',', ' ', ';', ',  ', ' , ']))}`;
    case 6: fields[field] = `${name.toLowerCase()}=${fieldValue}`; break;
    case 7: return mutate(rng, value);
    default: return nasty(rng);
  }
  return `${algorithm} ${fields.join(', ')}`;
}

/** Truncations, alternative base64 alphabets and padding, other sessions' tokens, whitespace. */
export function mutateToken(rng: Rng, world: FuzzWorld, token: string): string {
  switch (rng.int(10)) {
    case 0: return token.slice(0, rng.int(token.length));
    case 1: return token.slice(0, -1);
    case 2: return token.replace(/-/g, '+').replace(/_/g, '/');
    case 3: return token.split('.').map((part) => part + '='.repeat(rng.int(3))).join('.');
    case 4: return rng.pick(world.tokens.filter((t) => t !== token).concat(''));
    case 5: { const [h = '', p = '', s = ''] = token.split('.'); return rng.pick([`${p}.${h}.${s}`, `${h}.${p}`, `${h}..${s}`, `${h}.${p}.`]); }
    case 6: return ` ${token} `;
    case 7: return token.toUpperCase();
    case 8: return nasty(rng);
    default: return mutate(rng, token);
  }
}

function mutateDate(rng: Rng, world: FuzzWorld, date: string): string {
  const now = world.server.clock.now();
  return rng.pick([
    formatAmzDate(now - 16 * 60_000), formatAmzDate(now + 16 * 60_000), formatAmzDate(now - 14 * 60_000), formatAmzDate(0),
    date.slice(0, 8), `${date}Z`, date.replace('T', ' '), new Date(now).toUTCString(), '99991231T235959Z', '20250230T000000Z', '',
    mutate(rng, date), nasty(rng),
  ]);
}

function splitQuery(query: string): Array<[string, string]> {
  return query === '' ? [] : query.split('&').map((piece) => {
    const eq = piece.indexOf('=');
    return eq < 0 ? [piece, ''] : [piece.slice(0, eq), piece.slice(eq + 1)];
  });
}

function mutateQuery(rng: Rng, world: FuzzWorld, query: string): string {
  const pairs = splitQuery(query);
  const at = rng.int(Math.max(1, pairs.length));
  const pair = pairs[at];
  if (pair === undefined) return `${query}&${rng.pick(QUERY_KEYS)}=${encodeComponent(nasty(rng))}`;
  let value = pair[1];
  try { value = decodeURIComponent(value); } catch { /* keep it raw */ }
  const edit = rng.int(5);
  if (edit === 0) pairs.splice(at, 1);
  else if (edit === 1) pairs.push([pair[0], pair[1]]);
  else if (edit === 2) pair[0] = rng.chance(0.5) ? pair[0].toLowerCase() : rng.pick(QUERY_KEYS);
  else pair[1] = encodeComponent(mutateValue(rng, world, pair[0], value));
  return pairs.map(([k, v]) => `${k}=${v}`).join('&');
}

function mutateValue(rng: Rng, world: FuzzWorld, key: string, value: string): string {
  if (key === 'X-Amz-Credential') return mutateCredential(rng, world, value);
  if (key === 'X-Amz-SignedHeaders') return mutateSignedHeaders(rng, value);
  if (key === 'X-Amz-Signature') return mutateSignature(rng, value);
  if (key === 'X-Amz-Security-Token') return mutateToken(rng, world, value);
  if (key === 'X-Amz-Date') return mutateDate(rng, world, value);
  if (key === 'X-Amz-Expires') return rng.pick(['-1', '0', '1', '604800', '604801', '1e3', '', ' 60', '99999999999999999999', nasty(rng)]);
  return maybeMutate(rng, value, 0.5, 0.5);
}

function headerValue(signed: Signed, name: string): string | undefined {
  const value = signed.headers[name];
  return Array.isArray(value) ? value[0] : value;
}

/** One mutation of a signed request: a header, a presigned parameter, or the signed content. */
function mutateSigned(rng: Rng, world: FuzzWorld, signed: Signed, pathFree: boolean): void {
  const auth = headerValue(signed, 'authorization');
  const roll = rng.int(8);
  if (roll <= 2 && auth !== undefined) signed.headers.authorization = mutateAuthorization(rng, world, auth);
  else if (roll <= 2 || roll === 3) signed.query = mutateQuery(rng, world, signed.query);
  else if (roll === 4) signed.headers['x-amz-date'] = mutateDate(rng, world, headerValue(signed, 'x-amz-date') ?? formatAmzDate(world.server.clock.now()));
  else if (roll === 5) signed.headers['x-amz-security-token'] = rng.chance(0.2) ? [world.session.sessionToken, world.chained.sessionToken] : mutateToken(rng, world, headerValue(signed, 'x-amz-security-token') ?? world.session.sessionToken);
  else if (roll === 6 && auth !== undefined) signed.headers.authorization = [auth, rng.chance(0.5) ? auth : mutateAuthorization(rng, world, auth)];
  else if (signed.body !== undefined) signed.body = mutate(rng, signed.body);
  else if (!pathFree) signed.query = mutateQuery(rng, world, signed.query);
  else signed.path = rng.pick(['/x', '//', '/?', '/%2F', '/bucket/key%zz', `${signed.path}/`, mutate(rng, signed.path)]);
}

function stsBase(rng: Rng, world: FuzzWorld, creds: SigningCredentials): Signed {
  const params = new URLSearchParams({ Action: rng.chance(0.8) ? 'GetCallerIdentity' : 'GetSessionToken', Version: '2011-06-15' }).toString();
  const form = rng.int(3);
  if (form === 0) {
    const { headers } = signSts(world, creds, { method: 'POST', path: '/', query: '', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: params });
    return { method: 'POST', path: '/', query: '', headers, body: params };
  }
  const { headers, query } = signSts(world, creds, { method: 'GET', path: '/', query: params, headers: {} }, form === 1 ? 300 : undefined);
  return { method: 'GET', path: '/', query, headers };
}

function s3Base(rng: Rng, world: FuzzWorld, creds: SigningCredentials): Signed {
  const path = rng.pick(['/bucket/key', '/bucket', '/', '/bucket/a%20b/c%2Fd']);
  const query = rng.pick(['', 'list-type=2&prefix=a', 'uploads=', 'versionId=1']);
  const signed = signRequest({ method: 'GET', path, query, headers: { host: 's3.example.test' } }, creds,
    { region: world.region, service: 's3', now: world.server.clock.now(), ...(rng.chance(0.4) ? { presign: { expiresSeconds: 600 } } : {}) });
  return { method: 'GET', path, query: signed.query, headers: signed.headers };
}

function sidecarRequest(rng: Rng, world: FuzzWorld, creds: Required<SigningCredentials> | SigningCredentials, signed: Signed): FuzzRequest {
  const body: Record<string, unknown> = {
    accessKeyId: rng.chance(0.9) ? creds.accessKeyId : rng.pick([world.user.accessKeyId, world.session.accessKeyId, alnum(rng, 20, 1)]),
    request: { method: signed.method, path: signed.path, query: signed.query, headers: signed.headers },
  };
  if (creds.sessionToken !== undefined && rng.chance(0.6)) body.sessionToken = rng.chance(0.8) ? creds.sessionToken : mutateToken(rng, world, creds.sessionToken);
  const route = rng.chance(0.7) ? 'verify' : 'authorize';
  if (route === 'authorize') body.checks = [{ action: 's3:GetObject', resource: 'arn:aws:s3:::bucket/key' }];
  const headers = { 'content-type': 'application/json', authorization: `Bearer ${VERIFY_TOKEN}` };
  return { protocol: 'sidecar', method: 'POST', target: `/v1/${route}`, headers, body: JSON.stringify(body) };
}

export const sigv4Parser: FuzzParser = {
  name: 'sigv4',
  surface: 'SigV4 Authorization header and presigned query, on STS and in sidecar request objects',
  run(rng, world) {
    const creds = rng.pick([world.user, world.session, world.chained, world.bareUser]);
    const onSidecar = rng.chance(0.4);
    const signed = onSidecar ? s3Base(rng, world, creds) : stsBase(rng, world, creds);
    for (let edits = rng.chance(0.1) ? 0 : 1 + rng.int(3); edits > 0; edits--) mutateSigned(rng, world, signed, onSidecar);
    if (onSidecar) return exchange(world, sidecarRequest(rng, world, creds, signed));
    const target = signed.query === '' ? signed.path : `${signed.path}?${signed.query}`;
    return exchange(world, { protocol: 'sts', method: signed.method, target, headers: signed.headers, ...(signed.body === undefined ? {} : { body: signed.body }) });
  },
};
