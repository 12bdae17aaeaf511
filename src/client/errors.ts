/**
 * Why a sidecar call failed (as opposed to a credential being refused, which is a result).
 * `Timeout` and `NetworkError` are local; the others are the service's `error.code`
 * (`Unauthorized` for a wrong verify token, `ValidationError`, `ServiceUnavailable`, ...).
 */
export type StsSidecarErrorCode = 'Timeout' | 'NetworkError' | 'BadResponse' | (string & {});

export class StsSidecarError extends Error {
  constructor(
    readonly code: StsSidecarErrorCode,
    message: string,
    /** HTTP status, when the service answered. */
    readonly status?: number,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'StsSidecarError';
  }

  /** True when trying again later may help (timeouts, network trouble, 503, 5xx). */
  get retryable(): boolean {
    return this.code === 'Timeout' || this.code === 'NetworkError' || (this.status !== undefined && this.status >= 500);
  }
}
