import { pino, type DestinationStream, type Logger } from 'pino';

export type { Logger } from 'pino';

/**
 * Structured JSON logs. Redaction is a second line of defence: code never passes a secret or a
 * full token to the logger, but if a header object slips through, these paths are censored.
 */
const REDACT_PATHS = [
  'req.headers.authorization',
  'req.headers["x-amz-security-token"]',
  'headers.authorization',
  'headers["x-amz-security-token"]',
  'secretKey',
  'secretAccessKey',
  'sessionToken',
  '*.secretKey',
  '*.secretAccessKey',
  '*.sessionToken',
];

export function createLogger(level: string, destination?: DestinationStream): Logger {
  return pino(
    {
      level,
      base: { service: 's3-sts' },
      redact: { paths: REDACT_PATHS, censor: '[redacted]' },
      timestamp: pino.stdTimeFunctions.isoTime,
    },
    destination,
  );
}

/** Identifies a token in logs without revealing it: the last 8 characters only. */
export function tokenHint(token: string): string {
  return token.length <= 16 ? '[short]' : `...${token.slice(-8)}`;
}
