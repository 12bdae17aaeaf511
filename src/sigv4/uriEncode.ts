/** Characters encodeURIComponent leaves alone but SigV4 requires encoded. */
const EXTRA_RESERVED = /[!'()*]/g;

function hexEscape(char: string): string {
  return `%${char.charCodeAt(0).toString(16).toUpperCase()}`;
}

/** Byte-wise fallback for strings encodeURIComponent rejects (lone surrogates). */
function encodeBytes(value: string): string {
  let out = '';
  for (const byte of Buffer.from(value, 'utf8')) {
    const char = String.fromCharCode(byte);
    out += /[A-Za-z0-9\-._~]/.test(char) ? char : `%${byte.toString(16).toUpperCase().padStart(2, '0')}`;
  }
  return out;
}

/**
 * AWS's UriEncode: every UTF-8 byte except the unreserved set `A-Za-z0-9-._~` becomes `%XX`
 * with upper-case hex. With `keepSlash`, '/' is left as is (for paths).
 */
export function uriEncode(value: string, keepSlash = false): string {
  let encoded: string;
  try {
    encoded = encodeURIComponent(value).replace(EXTRA_RESERVED, hexEscape);
  } catch {
    encoded = encodeBytes(value);
  }
  return keepSlash ? encoded.replace(/%2F/g, '/') : encoded;
}

/**
 * Percent-decoding that never throws: a malformed sequence is kept literally, so re-encoding
 * turns its '%' into '%25' instead of rejecting the whole request.
 */
export function uriDecode(value: string): string {
  if (!value.includes('%')) return value;
  try {
    return decodeURIComponent(value);
  } catch {
    return value.replace(/(?:%[0-9A-Fa-f]{2})+/g, (run) => {
      try {
        return decodeURIComponent(run);
      } catch {
        return run;
      }
    });
  }
}
