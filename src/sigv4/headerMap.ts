/** Header values by lower-case name; every received line of a repeated header kept apart. */
export type HeaderMap = ReadonlyMap<string, readonly string[]>;

/** Indexes headers given in any case, as strings or arrays (node's headers / headersDistinct). */
export function toHeaderMap(headers: Record<string, string | string[] | undefined>): HeaderMap {
  const map = new Map<string, string[]>();
  for (const [name, value] of Object.entries(headers)) {
    if (value === undefined) continue;
    const lower = name.toLowerCase();
    const values = map.get(lower) ?? [];
    if (Array.isArray(value)) values.push(...value);
    else values.push(value);
    map.set(lower, values);
  }
  return map;
}

/** The single value of a header (repeated lines comma-joined), or undefined when absent. */
export function headerValue(headers: HeaderMap, name: string): string | undefined {
  const values = headers.get(name);
  return values === undefined ? undefined : values.join(',');
}
