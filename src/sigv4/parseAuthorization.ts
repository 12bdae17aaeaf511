import { ALGORITHM, HEADER, PRESIGN_MARKERS, QUERY } from './constants.js';
import { parseAmzDate, parseHttpDate } from './amzDate.js';
import { parseCredential, parseSignature, parseSignedHeaders } from './authParts.js';
import { SigV4Error } from './errors.js';
import { headerValue, toHeaderMap, type HeaderMap } from './headerMap.js';
import { parseQueryPairs, type QueryPair } from './queryPairs.js';
import type { HttpRequestParts, ParsedSigV4 } from './types.js';

function incomplete(message: string): SigV4Error {
  return new SigV4Error('IncompleteSignature', message);
}

function isPresigned(query: readonly QueryPair[]): boolean {
  return query.some((pair) => PRESIGN_MARKERS.includes(pair.key));
}

/** True when the request carries SigV4 in either form (it may still be malformed). */
export function hasSigV4(req: HttpRequestParts): boolean {
  return headerValue(toHeaderMap(req.headers), HEADER.authorization) !== undefined || isPresigned(parseQueryPairs(req.query));
}

/** The one value of a query parameter; a repeated auth parameter is ambiguous, so rejected. */
function singleParam(query: readonly QueryPair[], name: string): string | undefined {
  const matches = query.filter((pair) => pair.key === name);
  if (matches.length > 1) throw incomplete(`Query parameter ${name} appears more than once.`);
  return matches[0]?.value;
}

/** `k=v, k=v, k=v` after the algorithm; spaces after commas are optional. */
function authorizationFields(fields: string): Map<string, string> {
  const map = new Map<string, string>();
  for (const field of fields.split(',')) {
    const trimmed = field.trim();
    const eq = trimmed.indexOf('=');
    if (eq <= 0) throw incomplete('Authorization header fields must have the form key=value.');
    const key = trimmed.slice(0, eq);
    if (map.has(key)) throw incomplete(`Authorization header repeats ${key}.`);
    map.set(key, trimmed.slice(eq + 1));
  }
  return map;
}

/** Time from X-Amz-Date, else Date; whichever is used must be signed. */
function headerRequestTime(headers: HeaderMap, signedHeaders: readonly string[]): number {
  const amzDate = headerValue(headers, HEADER.amzDate);
  const name = amzDate !== undefined ? HEADER.amzDate : HEADER.date;
  const raw = amzDate ?? headerValue(headers, HEADER.date);
  if (raw === undefined) throw incomplete('Authorization header requires an X-Amz-Date or Date header.');
  if (!signedHeaders.includes(name)) throw incomplete(`The ${name} header must be signed.`);
  const ms = amzDate !== undefined ? parseAmzDate(raw.trim()) : parseHttpDate(raw);
  if (ms === undefined) throw incomplete(`The ${name} header is not a valid date.`);
  return ms;
}

function parseHeaderForm(authorization: string, headers: HeaderMap, query: readonly QueryPair[]): ParsedSigV4 {
  const value = authorization.trim();
  const space = value.indexOf(' ');
  if (space < 0 || value.slice(0, space) !== ALGORITHM) {
    throw incomplete(`Authorization header must use ${ALGORITHM}.`);
  }
  const fields = authorizationFields(value.slice(space + 1));
  const required = (key: string): string => {
    const field = fields.get(key);
    if (field === undefined) throw incomplete(`Authorization header requires '${key}' parameter.`);
    return field;
  };
  const source = 'Authorization header';
  const credential = parseCredential(required('Credential'), source);
  const signedHeaders = parseSignedHeaders(required('SignedHeaders'), source);
  const signature = parseSignature(required('Signature'), source);
  const requestTime = headerRequestTime(headers, signedHeaders);
  const securityToken = headerValue(headers, HEADER.securityToken) ?? singleParam(query, QUERY.securityToken);
  const parsed: ParsedSigV4 = { form: 'header', ...credential, signedHeaders, signature, requestTime };
  if (securityToken !== undefined) parsed.securityToken = securityToken;
  return parsed;
}

function parsePresignedForm(query: readonly QueryPair[], headers: HeaderMap): ParsedSigV4 {
  const required = (name: string): string => {
    const value = singleParam(query, name);
    if (value === undefined) throw incomplete(`Presigned query requires the ${name} parameter.`);
    return value;
  };
  if (required(QUERY.algorithm) !== ALGORITHM) throw incomplete(`${QUERY.algorithm} must be ${ALGORITHM}.`);
  const source = 'query string';
  const credential = parseCredential(required(QUERY.credential), source);
  const signedHeaders = parseSignedHeaders(required(QUERY.signedHeaders), source);
  const signature = parseSignature(required(QUERY.signature), source);
  const requestTime = parseAmzDate(required(QUERY.date));
  if (requestTime === undefined) throw incomplete(`${QUERY.date} must have the form YYYYMMDDTHHMMSSZ.`);
  const expires = required(QUERY.expires);
  if (!/^\d{1,9}$/.test(expires)) {
    throw new SigV4Error('InvalidParameterValue', `${QUERY.expires} must be a non-negative number of seconds.`);
  }
  const securityToken = singleParam(query, QUERY.securityToken) ?? headerValue(headers, HEADER.securityToken);
  const parsed: ParsedSigV4 = {
    form: 'presigned',
    ...credential,
    signedHeaders,
    signature,
    requestTime,
    expiresSeconds: Number(expires),
  };
  if (securityToken !== undefined) parsed.securityToken = securityToken;
  return parsed;
}

/**
 * Reads the SigV4 parts of a request, from the Authorization header or a presigned query,
 * without checking the signature. Throws MissingAuthenticationToken when neither form is
 * present, InvalidParameterValue when both are, IncompleteSignature when a part is malformed.
 */
export function parseSigV4(req: HttpRequestParts): ParsedSigV4 {
  const headers = toHeaderMap(req.headers);
  const query = parseQueryPairs(req.query);
  const authorization = headerValue(headers, HEADER.authorization);
  const presigned = isPresigned(query);
  if (authorization !== undefined && presigned) {
    throw new SigV4Error('InvalidParameterValue', 'Only one auth mechanism allowed: Authorization header or presigned query.');
  }
  if (authorization !== undefined) return parseHeaderForm(authorization, headers, query);
  if (presigned) return parsePresignedForm(query, headers);
  throw new SigV4Error('MissingAuthenticationToken', 'Request is missing Authentication Token.');
}
