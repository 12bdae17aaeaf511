import assert from 'node:assert/strict';
import {
  chunkSignature, deriveSigningKey, encodeAwsChunked, parseSigV4, signRequest, streamingSigningContext, trailerSignature,
  STREAMING_PAYLOAD, type ChunkSigningContext,
} from '../../src/sigv4/index.js';

/**
 * The two worked examples of AWS's "Transferring Payload in Multiple Chunks" and "Including
 * Trailing Headers" pages: 66560 bytes of 'a' as a 64 KiB chunk, a 1 KiB chunk and the final
 * empty chunk, signed at 20130524T000000Z in us-east-1 with AWS's example secret.
 */
const SECRET = 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY';
const AMZ_DATE = '20130524T000000Z';
const NOW = Date.UTC(2013, 4, 24);
const CTX: ChunkSigningContext = {
  signingKey: deriveSigningKey(SECRET, '20130524', 'us-east-1', 's3'),
  amzDate: AMZ_DATE,
  scope: '20130524/us-east-1/s3/aws4_request',
};
const CHUNKS = [Buffer.alloc(65536, 'a'), Buffer.alloc(1024, 'a'), Buffer.alloc(0)];

interface ChainVector {
  name: string;
  seed: string;
  /** One per chunk of CHUNKS, the final empty one last. */
  chunkSignatures: string[];
  trailers?: Array<[string, string]>;
  trailerSignature?: string;
}

const VECTORS: ChainVector[] = [
  {
    name: 'STREAMING-AWS4-HMAC-SHA256-PAYLOAD',
    seed: '4f232c4386841ef735655705268965c44a0e4690baa4adea153f7db9fa80a0a9',
    chunkSignatures: [
      'ad80c730a21e5b8d04586a2213dd63b9a0e99e0e2307b0ade35a65485a288648',
      '0055627c9e194cb4542bae2aa5492e3c1575bbb81b612b7d234b86a503ef5497',
      'b6c6ea8a5354eaf15b3cb7646744f4275b71ea724fed81ceb9323e279d449df9',
    ],
  },
  {
    name: 'STREAMING-AWS4-HMAC-SHA256-PAYLOAD-TRAILER',
    seed: '106e2a8a18243abcf37539882f36619c00e2dfc72633413f02d3b74544bfeb8e',
    chunkSignatures: [
      'b474d8862b1487a5145d686f57f013e54db672cee1c953b3010fb58501ef5aa2',
      '1c1344b170168f8e65b41376b44b20fe354e373826ccbbe2c1d40a8cae51e5c7',
      '2ca2aba2005185cf7159c6277faf83795951dd77a3a99e6e65d5c9f85863f992',
    ],
    trailers: [['x-amz-checksum-crc32c', 'sOO8/Q==']],
    trailerSignature: 'd81f82fc3505edab99d459891051a732e8730629a2e4a59689829ca17fe2e435',
  },
];

describe('sigv4: chunk signatures (AWS examples)', () => {
  for (const vector of VECTORS) {
    it(`${vector.name}: each chunk signature chains from the previous one`, () => {
      let previous = vector.seed;
      CHUNKS.forEach((chunk, i) => {
        previous = chunkSignature(CTX, previous, chunk);
        assert.equal(previous, vector.chunkSignatures[i], `chunk ${i}`);
      });
      if (vector.trailers !== undefined) assert.equal(trailerSignature(CTX, previous, vector.trailers), vector.trailerSignature);
    });
  }

  it('the seed is the Authorization signature of the example request, as our signer computes it', () => {
    const signed = signRequest(
      {
        method: 'PUT',
        path: '/examplebucket/chunkObject.txt',
        query: '',
        headers: {
          host: 's3.amazonaws.com',
          'x-amz-storage-class': 'REDUCED_REDUNDANCY',
          'x-amz-content-sha256': STREAMING_PAYLOAD.signed,
          'content-encoding': 'aws-chunked',
          'x-amz-decoded-content-length': '66560',
          'content-length': '66824',
        },
      },
      { accessKeyId: 'AKIAIOSFODNN7EXAMPLE', secretAccessKey: SECRET },
      { region: 'us-east-1', service: 's3', now: NOW },
    );
    const parsed = parseSigV4({ method: 'PUT', path: '/examplebucket/chunkObject.txt', query: '', headers: signed.headers });
    const ctx = streamingSigningContext(parsed, SECRET);
    assert.equal(ctx.seedSignature, VECTORS[0]?.seed);
    assert.equal(ctx.amzDate, AMZ_DATE);
    assert.equal(ctx.scope, CTX.scope);
    assert.deepEqual(ctx.signingKey, CTX.signingKey);
  });

  it('encodeAwsChunked writes the documented body, 66824 bytes long', () => {
    const body = encodeAwsChunked(CHUNKS, { signing: { ...CTX, seedSignature: VECTORS[0]!.seed } });
    assert.equal(body.length, 66824);
    assert.ok(body.subarray(0, 88).toString('latin1').startsWith(`10000;chunk-signature=${VECTORS[0]!.chunkSignatures[0]}\r\n`));
    assert.ok(body.toString('latin1').endsWith(`0;chunk-signature=${VECTORS[0]!.chunkSignatures[2]}\r\n\r\n`));
  });
});
