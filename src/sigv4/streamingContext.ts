import { formatAmzDate } from './amzDate.js';
import type { ChunkSigningContext } from './chunkSignature.js';
import { signingKey, type SigningKeyCache } from './signingKey.js';
import { credentialScope } from './stringToSign.js';
import type { ParsedSigV4 } from './types.js';

/** Everything a frontend needs to check the chunk chain of one streaming request. */
export interface StreamingSigningContext extends ChunkSigningContext {
  /** The request's own (Authorization header) signature, lower-case hex: the chain's first link. */
  seedSignature: string;
}

/**
 * The chunk-checking context of a request whose seed signature has been verified. Run on the
 * side that holds the secret; the result holds only the day-scoped signing key, which a
 * frontend may keep for the length of the upload (see awsChunkedVerifier.ts in src/client).
 */
export function streamingSigningContext(parsed: ParsedSigV4, secretKey: string, cache?: SigningKeyCache): StreamingSigningContext {
  return {
    signingKey: signingKey(secretKey, parsed.date, parsed.region, parsed.service, cache),
    amzDate: formatAmzDate(parsed.requestTime),
    scope: credentialScope(parsed.date, parsed.region, parsed.service),
    seedSignature: parsed.signature,
  };
}
