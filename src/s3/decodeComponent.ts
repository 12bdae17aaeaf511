/**
 * Percent-decodes exactly once, or returns undefined for broken encoding (a stray `%`, bad hex,
 * bytes that are not UTF-8): callers refuse such requests instead of guessing.
 * With `plusIsSpace` (query strings) `+` is a space, as AWS reads queries.
 */
export function decodeComponent(raw: string, plusIsSpace: boolean): string | undefined {
  const text = plusIsSpace && raw.includes('+') ? raw.replaceAll('+', ' ') : raw;
  if (!text.includes('%')) return text;
  try {
    return decodeURIComponent(text);
  } catch {
    return undefined;
  }
}
