import { Transform, type TransformCallback } from 'node:stream';
import { AwsChunkedVerifier, type AwsChunkedResult, type AwsChunkedVerifierOptions } from './awsChunkedVerifier.js';

/**
 * A Node Transform from an aws-chunked request body to its verified payload. It errors with
 * AwsChunkedError on the first bad byte; `result` (trailers, checked checksums) is set once the
 * body has ended well, before 'end' is emitted.
 *
 * ```ts
 * await pipeline(req, createAwsChunkedVerifyStream({ contentSha256, decodedContentLength, trailer, signing }), store);
 * ```
 */
export class AwsChunkedVerifyStream extends Transform {
  readonly verifier: AwsChunkedVerifier;
  result: AwsChunkedResult | undefined;

  constructor(options: AwsChunkedVerifierOptions) {
    super();
    this.verifier = new AwsChunkedVerifier(options);
  }

  override _transform(chunk: Buffer, _encoding: BufferEncoding, callback: TransformCallback): void {
    try {
      for (const data of this.verifier.push(chunk)) this.push(data);
      callback();
    } catch (err) {
      callback(err as Error);
    }
  }

  override _flush(callback: TransformCallback): void {
    try {
      this.result = this.verifier.end();
      callback();
    } catch (err) {
      callback(err as Error);
    }
  }
}

export function createAwsChunkedVerifyStream(options: AwsChunkedVerifierOptions): AwsChunkedVerifyStream {
  return new AwsChunkedVerifyStream(options);
}

/** The same for WHATWG streams (fetch bodies, edge runtimes). `onResult` runs before the readable side closes. */
export function createAwsChunkedVerifyTransformStream(
  options: AwsChunkedVerifierOptions,
  onResult?: (result: AwsChunkedResult) => void,
): TransformStream<Uint8Array, Uint8Array> {
  const verifier = new AwsChunkedVerifier(options);
  return new TransformStream<Uint8Array, Uint8Array>({
    transform(chunk, controller) {
      for (const data of verifier.push(chunk)) controller.enqueue(data);
    },
    flush() {
      const result = verifier.end();
      onResult?.(result);
    },
  });
}
