import { formatAmzDate } from '../sigv4/amzDate.js';
import { parseSigV4 } from '../sigv4/parseAuthorization.js';
import { credentialScope } from '../sigv4/stringToSign.js';
import type { AwsChunkedVerifierOptions } from './awsChunkedVerifier.js';

type Headers = Record<string, string | string[] | undefined>;

function single(headers: Headers, name: string): string | undefined {
  const value = headers[name];
  return Array.isArray(value) ? value.join(',') : value;
}

/**
 * Verifier options from the headers of a streaming request (node's lower-case `req.headers`)
 * and the day-scoped signing key the STS side handed over for it: the seed signature, date and
 * scope are read from the Authorization header itself. Check the request's own signature (the
 * sidecar's verify) before trusting any of it; this only parses.
 */
export function awsChunkedOptionsFromHeaders(
  headers: Headers,
  signingKey?: Buffer,
  limits: Pick<AwsChunkedVerifierOptions, 'maxChunkBytes' | 'allowUncheckedChecksum'> = {},
): AwsChunkedVerifierOptions {
  const contentSha256 = single(headers, 'x-amz-content-sha256') ?? '';
  const decodedContentLength = single(headers, 'x-amz-decoded-content-length') ?? '';
  const trailer = single(headers, 'x-amz-trailer');
  const options: AwsChunkedVerifierOptions = { contentSha256, decodedContentLength, ...limits, ...(trailer === undefined ? {} : { trailer }) };
  if (signingKey === undefined) return options;
  const parsed = parseSigV4({ method: 'PUT', path: '/', query: '', headers });
  options.signing = {
    signingKey,
    amzDate: formatAmzDate(parsed.requestTime),
    scope: credentialScope(parsed.date, parsed.region, parsed.service),
    seedSignature: parsed.signature,
  };
  return options;
}
