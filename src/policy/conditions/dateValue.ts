/**
 * Dates in conditions: ISO-8601 (UTC unless an offset is given) or epoch seconds. A bare run of
 * digits is always epoch seconds, so `2024` means 2024 seconds after 1970, not the year.
 */

const ISO_8601 =
  /^(\d{4})-(\d{2})-(\d{2})(?:[Tt ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?([Zz]|[+-]\d{2}:?\d{2})?)?$/;
const EPOCH_SECONDS = /^-?\d{1,12}(?:\.\d+)?$/;

/** Milliseconds since the epoch, or undefined when the text is not a date. */
export function parseDateValue(text: string): number | undefined {
  if (EPOCH_SECONDS.test(text)) return Math.round(Number(text) * 1000);
  const match = ISO_8601.exec(text);
  if (match === null) return undefined;
  const [year, month, day, hour, minute, second] = match.slice(1, 7).map((part) => Number(part ?? 0)) as [
    number, number, number, number, number, number,
  ];
  const millis = Math.floor(Number(`0.${match[7] ?? '0'}`) * 1000);
  const utc = Date.UTC(year, month - 1, day, hour, minute, second, millis);
  if (!sameFields(utc, year, month, day, hour, minute, second)) return undefined;
  return utc - offsetMinutes(match[8]) * 60_000;
}

/** Rejects out-of-range fields such as month 13 or 31 February, which Date.UTC would roll over. */
function sameFields(utc: number, ...fields: number[]): boolean {
  const date = new Date(utc);
  const actual = [
    date.getUTCFullYear(), date.getUTCMonth() + 1, date.getUTCDate(),
    date.getUTCHours(), date.getUTCMinutes(), date.getUTCSeconds(),
  ];
  return actual.every((value, i) => value === fields[i]);
}

function offsetMinutes(zone: string | undefined): number {
  if (zone === undefined || zone === 'Z' || zone === 'z') return 0;
  const digits = zone.replace(':', '');
  const minutes = Number(digits.slice(1, 3)) * 60 + Number(digits.slice(3, 5));
  return zone.startsWith('-') ? -minutes : minutes;
}
