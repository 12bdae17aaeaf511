/**
 * `s3-sts/client`: a typed client of the sidecar API for S3 frontends.
 *
 * ```ts
 * const sts = new StsSidecarClient({ endpoint: 'http://127.0.0.1:8080', verifyToken, timeoutMs: 500,
 *   microCache: { ttlMs: 1000, maxEntries: 10_000 } });
 * const answer = await sts.authorize({ accessKeyId, sessionToken, checks: [{ action: 's3:GetObject', resource }] });
 * if (!answer.valid) deny(answer.reason);
 * ```
 */
export { StsSidecarClient, type AuthorizeResultSet, type StsSidecarClientOptions, type VerifyResult } from './stsSidecarClient.js';
export { StsSidecarError, type StsSidecarErrorCode } from './errors.js';
export type { MicroCacheOptions } from './microCache.js';
export type {
  AuthorizeCheck, AuthorizeRequest, AuthorizeResponse, AuthorizeResult, ContextInputValue, CredentialRejection,
  DecidingStatement, EffectivePolicy, Principal, RejectionReason, SignatureCode, SignedRequest, VerifyRequest, VerifyResponse,
} from '../sidecar/apiTypes.js';
export {
  AwsChunkedVerifier, DEFAULT_MAX_CHUNK_BYTES, type AwsChunkedMode, type AwsChunkedResult, type AwsChunkedVerifierOptions,
  type ChunkSigningContext,
} from './awsChunkedVerifier.js';
export { AwsChunkedVerifyStream, createAwsChunkedVerifyStream, createAwsChunkedVerifyTransformStream } from './awsChunkedStream.js';
export { AwsChunkedError, AWS_CHUNKED_ERRORS, isAwsChunkedError, type AwsChunkedErrorCode } from './awsChunkedErrors.js';
export { awsChunkedOptionsFromHeaders } from './awsChunkedRequest.js';
