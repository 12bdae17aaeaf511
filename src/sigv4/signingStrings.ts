import { formatAmzDate } from './amzDate.js';
import { canonicalRequest } from './canonicalRequest.js';
import { MAX_CANONICAL_REQUEST_CHARS, QUERY } from './constants.js';
import { SigV4Error } from './errors.js';
import { toHeaderMap } from './headerMap.js';
import { payloadHashCandidates } from './payloadHash.js';
import { parseQueryPairs } from './queryPairs.js';
import { credentialScope, stringToSign } from './stringToSign.js';
import type { HttpRequestParts, ParsedSigV4 } from './types.js';

export interface SigningStrings {
  canonicalRequest: string;
  stringToSign: string;
}

/**
 * What the client must have signed, rebuilt from the request as received: one pair per payload
 * hash the client may have used (see payloadHashCandidates), most likely first. The canonical
 * request can hold the session token, so it is for comparison and tests, never for messages.
 */
export function signingStrings(req: HttpRequestParts, parsed: ParsedSigV4): SigningStrings[] {
  const headers = toHeaderMap(req.headers);
  const query = parseQueryPairs(req.query);
  const presigned = parsed.form === 'presigned';
  const scope = credentialScope(parsed.date, parsed.region, parsed.service);
  const amzDate = formatAmzDate(parsed.requestTime);
  return payloadHashCandidates(req, headers, query, presigned, parsed.service).map((payloadHash) => {
    const request = canonicalRequest({
      method: req.method,
      path: req.path,
      query,
      headers,
      signedHeaders: parsed.signedHeaders,
      payloadHash,
      service: parsed.service,
      ...(presigned ? { excludeQueryKey: QUERY.signature } : {}),
    });
    if (request.length > MAX_CANONICAL_REQUEST_CHARS) {
      throw new SigV4Error('InvalidParameterValue', `The request is too large to verify: its canonical form exceeds ${MAX_CANONICAL_REQUEST_CHARS} characters.`);
    }
    return { canonicalRequest: request, stringToSign: stringToSign(amzDate, scope, request) };
  });
}
