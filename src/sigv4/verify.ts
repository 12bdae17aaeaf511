import { timingSafeEqual } from 'node:crypto';
import { formatAmzDate } from './amzDate.js';
import { MAX_PRESIGNED_EXPIRES_SECONDS, MAX_SKEW_MS } from './constants.js';
import { SigV4Error } from './errors.js';
import { hmacSha256 } from './hash.js';
import { signingKey } from './signingKey.js';
import { signingStrings } from './signingStrings.js';
import type { HttpRequestParts, ParsedSigV4, VerifyOptions } from './types.js';

const HEX_SIGNATURE = /^[0-9a-f]{64}$/;

function mismatch(message: string): SigV4Error {
  return new SigV4Error('SignatureDoesNotMatch', message);
}

/** The scope must name this service, an accepted region and the day of the request time. */
function checkScope(parsed: ParsedSigV4, options: VerifyOptions): void {
  if (parsed.service !== options.service) {
    throw mismatch(`Credential should be scoped to correct service: '${options.service}'.`);
  }
  if (options.region !== '*' && parsed.region !== options.region) {
    throw mismatch('Credential should be scoped to a valid region.');
  }
  const requestDay = formatAmzDate(parsed.requestTime).slice(0, 8);
  if (parsed.date !== requestDay) {
    throw mismatch(`Date in Credential scope does not match YYYYMMDD from the request time: '${parsed.date}' != '${requestDay}'.`);
  }
}

/**
 * Header form: within the skew either way. Presigned: not before its time, not after it expires.
 * Exported so callers can refuse a stale request before looking its key up.
 */
export function checkSigningTime(parsed: ParsedSigV4, options: Pick<VerifyOptions, 'now' | 'maxSkewMs'>): void {
  const maxSkewMs = options.maxSkewMs ?? MAX_SKEW_MS;
  const stamp = formatAmzDate(parsed.requestTime);
  if (parsed.form === 'header') {
    if (Math.abs(options.now - parsed.requestTime) > maxSkewMs) {
      throw new SigV4Error('RequestExpired', `Signature expired: request time ${stamp} is more than ${maxSkewMs / 60_000} minutes from the server time.`);
    }
    return;
  }
  const expires = parsed.expiresSeconds;
  if (expires === undefined) throw new SigV4Error('IncompleteSignature', 'Presigned request has no X-Amz-Expires.');
  if (expires > MAX_PRESIGNED_EXPIRES_SECONDS) {
    throw new SigV4Error('RequestExpired', `X-Amz-Expires must be at most ${MAX_PRESIGNED_EXPIRES_SECONDS} seconds (one week).`);
  }
  if (parsed.requestTime - options.now > maxSkewMs) {
    throw new SigV4Error('RequestExpired', `Presigned request is not valid yet: it starts at ${stamp}.`);
  }
  if (options.now > parsed.requestTime + expires * 1000) {
    throw new SigV4Error('RequestExpired', `Presigned request has expired: ${stamp} plus ${expires} seconds is past.`);
  }
}

function sameSignature(expected: Buffer, given: string): boolean {
  if (!HEX_SIGNATURE.test(given)) return false;
  return timingSafeEqual(expected, Buffer.from(given, 'hex'));
}

/**
 * Checks scope (service, region, date consistent with X-Amz-Date), clock skew / presigned
 * expiry, then the signature with crypto.timingSafeEqual. Whether the access key exists and
 * whether the secret belongs to it is the caller's decision. Throws SigV4Error.
 */
export function verifySigV4(req: HttpRequestParts, parsed: ParsedSigV4, secretKey: string, options: VerifyOptions): void {
  checkScope(parsed, options);
  checkSigningTime(parsed, options);
  const key = signingKey(secretKey, parsed.date, parsed.region, parsed.service, options.signingKeyCache);
  const matched = signingStrings(req, parsed).some(({ stringToSign }) =>
    sameSignature(hmacSha256(key, stringToSign), parsed.signature),
  );
  if (!matched) {
    throw mismatch('The request signature we calculated does not match the signature you provided. Check your key and signing method.');
  }
}
