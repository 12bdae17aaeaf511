/** Drops undefined fields so JSON output and exactOptional types stay clean. */
export function pickDefined<T extends Record<string, unknown>>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}
