import type { HeaderMap } from './headerMap.js';

/** Trims and collapses each run of whitespace (folded lines included) to one space. */
export function trimAll(value: string): string {
  return value.replace(/[ \t\r\n]+/g, ' ').trim();
}

/**
 * The canonical headers block: one `name:value\n` line per signed header, in the order the
 * client listed them, repeated values trimmed and joined by ','. A signed header that did not
 * arrive is signed as empty, which can only match if the client signed it empty.
 */
export function canonicalHeaders(headers: HeaderMap, signedHeaders: readonly string[]): string {
  let block = '';
  for (const name of signedHeaders) {
    const values = headers.get(name) ?? [];
    block += `${name}:${values.map(trimAll).join(',')}\n`;
  }
  return block;
}
