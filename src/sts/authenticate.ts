import type { Caller } from '../auth/caller.js';
import { CredentialError } from '../auth/credentialError.js';
import { resolveCredential } from '../auth/resolveCredential.js';
import type { Deps } from '../deps.js';
import { AppError } from '../errors.js';
import { checkSigningTime, parseSigV4, verifySigV4, type HttpRequestParts, type ParsedSigV4, type SigningKeyCache } from '../sigv4/index.js';
import { requireSignedBody } from './bodyCoverage.js';

/**
 * SigV4 authentication for the Query API: parse the signature, find the secret of the key it
 * names, check the signature. Returns the caller and the access key id it used.
 *
 * Online guessing: a client address that failed too often, or failed too often with this key,
 * is not even checked. The key's owner signing correctly from another address is unaffected.
 */
export async function authenticate(
  deps: Deps,
  request: HttpRequestParts,
  signingKeyCache: SigningKeyCache,
  sourceAddress: string,
): Promise<Caller> {
  const now = deps.clock.now();
  const parsed = parseSigV4(request);
  requireSignedBody(request);
  const source = { address: sourceAddress, accessKeyId: parsed.accessKeyId };
  if (deps.signIns.blocked(source)) throw new AppError('Throttling', 'Rate exceeded');
  try {
    return await verifyCaller(deps, request, parsed, signingKeyCache, now);
  } catch (err) {
    if (err instanceof AppError && CREDENTIAL_FAILURES.has(err.code)) await deps.signIns.recordFailure(source);
    throw err;
  }
}

/** Failures that count towards a key's failed-attempt limit. */
const CREDENTIAL_FAILURES: ReadonlySet<string> = new Set(['SignatureDoesNotMatch', 'InvalidClientTokenId']);

async function verifyCaller(
  deps: Deps,
  request: HttpRequestParts,
  parsed: ParsedSigV4,
  signingKeyCache: SigningKeyCache,
  now: number,
): Promise<Caller> {
  // A stale request is refused before its key is looked up, so a client whose clock is off hears
  // that (Signature expired) rather than that its still-fresh session token has expired.
  try {
    checkSigningTime(parsed, { now });
  } catch (err) {
    throw awsSignatureError(err);
  }
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
