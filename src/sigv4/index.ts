/** AWS Signature Version 4: parse, verify and sign. Pure: no I/O, time is passed in. */
export type { HttpRequestParts, ParsedSigV4, SigV4Service, VerifyOptions } from './types.js';
export { SigV4Error, isSigV4Error, type SigV4ErrorCode } from './errors.js';
export { hasSigV4, parseSigV4 } from './parseAuthorization.js';
export { checkSigningTime, verifySigV4 } from './verify.js';
export { signRequest, type SignableRequest, type SignedRequestParts, type SigningCredentials, type SignOptions } from './sign.js';
export { SigningKeyCache, deriveSigningKey } from './signingKey.js';
export { signingStrings, type SigningStrings } from './signingStrings.js';
export { canonicalRequest, type CanonicalRequestInput } from './canonicalRequest.js';
export { canonicalUri } from './canonicalUri.js';
export { canonicalQuery } from './canonicalQuery.js';
export { canonicalHeaders } from './canonicalHeaders.js';
export { credentialScope, stringToSign } from './stringToSign.js';
export { uriEncode, uriDecode } from './uriEncode.js';
export { formatAmzDate, parseAmzDate } from './amzDate.js';
export { headerValue, toHeaderMap, type HeaderMap } from './headerMap.js';
export * as SIGV4 from './constants.js';
export {
  STREAMING_PAYLOAD, CHUNK_ALGORITHM, TRAILER_ALGORITHM, TRAILER_SIGNATURE_HEADER, canonicalTrailers, chunkSignature,
  chunkSignatureFromHash, chunkStringToSign, trailerSignature, trailerSignatureBytes, trailerStringToSign, type ChunkSigningContext,
} from './chunkSignature.js';
export { encodeAwsChunked, type AwsChunkedBodyOptions } from './awsChunkedBody.js';
export { streamingSigningContext, type StreamingSigningContext } from './streamingContext.js';
