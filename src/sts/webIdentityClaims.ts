import type { JWTPayload } from 'jose';

/** Most bytes of claims a web identity session keeps (names and values, as JSON). */
export const MAX_KEPT_CLAIM_BYTES = 2048;
/** A longer value (a huge group list, say) is left out rather than cut: a cut value would lie. */
const MAX_CLAIM_VALUE_CHARS = 256;
const MAX_CLAIM_LIST_ENTRIES = 32;
/** Kept first, whatever else the token carries. */
const FIRST = ['sub', 'aud', 'iss'];

/**
 * The claims a web identity session keeps for `<provider key>:<claim>` condition keys: top-level
 * strings, numbers and booleans (as text) and lists of them, as the trust policy saw them, up to
 * a fixed budget so a token with large claims cannot inflate every session record. Nested
 * objects are left out, as IAM leaves them out.
 */
export function keptClaims(payload: Readonly<JWTPayload>): Record<string, string | readonly string[]> {
  const kept: Record<string, string | readonly string[]> = {};
  let bytes = 2;
  const names = [...FIRST.filter((name) => name in payload), ...Object.keys(payload).filter((name) => !FIRST.includes(name))];
  for (const name of names) {
    const value = claimValue(payload[name]);
    if (value === undefined || name.length > 128) continue;
    const size = Buffer.byteLength(JSON.stringify(name)) + Buffer.byteLength(JSON.stringify(value)) + 2;
    if (bytes + size > MAX_KEPT_CLAIM_BYTES) continue;
    kept[name] = value;
    bytes += size;
  }
  return kept;
}

function claimValue(value: unknown): string | readonly string[] | undefined {
  if (Array.isArray(value)) {
    if (value.length > MAX_CLAIM_LIST_ENTRIES) return undefined;
    const texts = value.map(scalarText);
    return texts.every((text): text is string => text !== undefined) ? texts : undefined;
  }
  return scalarText(value);
}

function scalarText(value: unknown): string | undefined {
  let text: string | undefined;
  if (typeof value === 'string') text = value;
  else if (typeof value === 'boolean' || (typeof value === 'number' && Number.isFinite(value))) text = String(value);
  return text !== undefined && text.length <= MAX_CLAIM_VALUE_CHARS ? text : undefined;
}
