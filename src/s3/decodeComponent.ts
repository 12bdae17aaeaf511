/**
 * Percent-decodes exactly once, or returns undefined for broken encoding (a stray `%`, bad hex,
 * bytes that are not UTF-8): callers refuse such requests instead of guessing.
 * With `plusIsSpace` (query strings) `+` is a space, as AWS reads queries.
 * Escapes of ASCII bytes are decoded here; text with an escaped byte of 0x80 or more goes to
 * `decodeURIComponent`, which checks the UTF-8.
 */
export function decodeComponent(raw: string, plusIsSpace: boolean): string | undefined {
  const percent = raw.indexOf('%');
  const plus = plusIsSpace ? raw.indexOf('+') : -1;
  if (percent < 0 && plus < 0) return raw;
  let out = '';
  let copied = 0;
  for (let i = percent < 0 ? plus : plus < 0 ? percent : Math.min(percent, plus); i < raw.length; i++) {
    const c = raw.charCodeAt(i);
    if (c === 43 && plusIsSpace) {
      out += `${raw.slice(copied, i)} `;
      copied = i + 1;
    } else if (c === 37) {
      const high = hexValue(raw.charCodeAt(i + 1));
      const low = hexValue(raw.charCodeAt(i + 2));
      if (high < 0 || low < 0) return undefined;
      if (high >= 8) return decodeUtf8(raw, plusIsSpace);
      out += raw.slice(copied, i) + String.fromCharCode(high * 16 + low);
      copied = i + 3;
      i += 2;
    }
  }
  return out + raw.slice(copied);
}

function decodeUtf8(raw: string, plusIsSpace: boolean): string | undefined {
  try {
    return decodeURIComponent(plusIsSpace ? raw.replaceAll('+', ' ') : raw);
  } catch {
    return undefined;
  }
}

/** 0-15 for a hex digit's char code, -1 otherwise (NaN past the end included). */
function hexValue(code: number): number {
  if (code >= 48 && code <= 57) return code - 48;
  if (code >= 65 && code <= 70) return code - 55;
  if (code >= 97 && code <= 102) return code - 87;
  return -1;
}
