/** Failures the CLI detects by itself; the service's own codes arrive as `ApiError`. */
export type CliErrorCode =
  | 'MissingAdminToken'
  | 'InvalidEndpoint'
  | 'ConnectionFailed'
  | 'InvalidResponse'
  | 'InvalidDuration'
  | 'InvalidPolicyFile'
  | 'MissingPassword'
  | 'PromptAborted';

/** An error the CLI reports as one line: a stable code, a message and optional details. */
export abstract class ReportedError extends Error {
  constructor(
    readonly code: string,
    message: string,
    /** Machine-readable extras (e.g. `statement`, `field`, `users`), shown after the message. */
    readonly details: Readonly<Record<string, unknown>>,
  ) {
    super(message);
  }
}

export class CliError extends ReportedError {
  constructor(code: CliErrorCode, message: string, details: Record<string, unknown> = {}) {
    super(code, message, details);
    this.name = 'CliError';
  }
}

/** An error answer `{error: {code, message, ...details}}` (or a non-JSON failure) from the service. */
export class ApiError extends ReportedError {
  constructor(code: string, message: string, readonly status: number, details: Record<string, unknown> = {}) {
    super(code, message, details);
    this.name = 'ApiError';
  }
}

/** The single stderr line for a failure: `error: <code>: <message>`, never a stack trace. */
export function formatError(err: unknown): string {
  if (err instanceof ReportedError) {
    const message = oneLine(err.message);
    return `error: ${err.code}: ${message}${formatDetails(err.details, message)}`;
  }
  // Anything else (a bad start-up configuration, a port in use) has a message that says it all.
  return `error: ${oneLine(err instanceof Error ? err.message : String(err))}`;
}

/** Details the message does not already name (the service's messages usually do). */
function formatDetails(details: Readonly<Record<string, unknown>>, message: string): string {
  const parts = Object.entries(details)
    .map(([key, value]) => [key, oneLine(formatValue(value))] as const)
    .filter(([, shown]) => shown !== '' && !message.includes(shown))
    .map(([key, shown]) => `${key}: ${shown}`);
  return parts.length === 0 ? '' : ` (${parts.join('; ')})`;
}

function formatValue(value: unknown): string {
  if (Array.isArray(value)) return value.map(formatValue).join(', ');
  if (typeof value === 'object' && value !== null) return JSON.stringify(value);
  return String(value);
}

function oneLine(text: string): string {
  return text.replace(/\s*[\r\n]+\s*/g, ' ').trim();
}
