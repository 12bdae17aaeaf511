import type { Caller } from '../auth/caller.js';
import { CredentialError } from '../auth/credentialError.js';
import { resolveCredential } from '../auth/resolveCredential.js';
import type { Deps } from '../deps.js';
import { AppError } from '../errors.js';
import { parseSigV4, SIGV4, verifySigV4, type HttpRequestParts, type ParsedSigV4, type SigningKeyCache } from '../sigv4/index.js';

/**
 * SigV4 authentication for the Query API: parse the signature, find the secret of the key it
 * names, check the signature. Returns the caller and the access key id it used.
 */
export async function authenticate(
  deps: Deps,
  request: HttpRequestParts,
  signingKeyCache: SigningKeyCache,
): Promise<Caller> {
  const now = deps.clock.now();
  const parsed = parseSigV4(request);
  checkSigningTime(parsed, now);
  let resolved;
  try {
    resolved = await resolveCredential(deps, parsed.accessKeyId, parsed.securityToken, now);
  } catch (err) {
    throw err instanceof CredentialError ? awsCredentialError(err) : err;
  }
  const verifyOptions = { now, service: 'sts', region: deps.config.region, signingKeyCache };
  try {
    verifySigV4(request, parsed, resolved.secretKey, verifyOptions);
  } catch (err) {
    throw awsSignatureError(err);
  }
  return resolved.caller;
}

/**
 * A request signed outside the allowed window is refused before its key is looked up, so a
 * client whose clock is off hears that (SignatureDoesNotMatch: Signature expired) rather than
 * that its still-fresh session token has expired. verifySigV4 repeats the full check.
 */
function checkSigningTime(parsed: ParsedSigV4, now: number): void {
  const skewed =
    parsed.form === 'header'
      ? Math.abs(now - parsed.requestTime) > SIGV4.MAX_SKEW_MS
      : now > parsed.requestTime + (parsed.expiresSeconds ?? 0) * 1000 || parsed.requestTime - now > SIGV4.MAX_SKEW_MS;
  if (skewed) {
    throw new AppError('SignatureDoesNotMatch', 'Signature expired: the request time is outside the allowed window of the server time.');
  }
}

/** AWS answers every refused credential with InvalidClientTokenId, except an expired token. */
function awsCredentialError(err: CredentialError): AppError {
  if (err.reason === 'expired') return new AppError('ExpiredToken', 'The security token included in the request is expired');
  if (err.reason === 'unknown-key') {
    return new AppError('InvalidClientTokenId', 'The security token included in the request is invalid.');
  }
  return new AppError('InvalidClientTokenId', `The security token included in the request is invalid: ${err.message}`);
}

/** A signature outside the allowed time window is reported by AWS STS as SignatureDoesNotMatch. */
function awsSignatureError(err: unknown): unknown {
  if (err instanceof AppError && err.code === 'RequestExpired') {
    return new AppError('SignatureDoesNotMatch', `Signature expired: ${err.message}`);
  }
  return err;
}
