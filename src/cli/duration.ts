import { CliError } from './errors.js';

/** Seconds per unit suffix, as `weka s3 sts assume-role --duration` writes them. */
const UNIT_SECONDS = { s: 1, m: 60, h: 3_600, d: 86_400, w: 604_800 } as const;

const DURATION = /^(\d{1,12})([smhdw]?)$/;

/**
 * Parses a Weka-style duration (`900s`, `60m`, `12h`, `2d`, `1w`, or a bare number of seconds)
 * into seconds. Anything else — signs, fractions, spaces, upper-case or compound units, zero —
 * throws `InvalidDuration`; the service, not this parser, enforces the configured bounds.
 */
export function parseDuration(text: string): number {
  const match = DURATION.exec(text);
  const unit = (match?.[2] || 's') as keyof typeof UNIT_SECONDS;
  const seconds = match ? Number(match[1]) * UNIT_SECONDS[unit] : NaN;
  if (!Number.isSafeInteger(seconds) || seconds <= 0) {
    throw new CliError('InvalidDuration', `"${text}" is not a duration; write e.g. 900s, 60m, 12h, 2d, 1w or 3600`);
  }
  return seconds;
}
