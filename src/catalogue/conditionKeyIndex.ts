/**
 * Condition keys, exact (`s3:prefix`) or tag patterns (`s3:ExistingObjectTag/<key>`,
 * `aws:RequestTag/${TagKey}`, `aws:PrincipalTag/tag-key`), each mapped to a value such as the
 * set of actions it applies to. Keys compare case-insensitively, as AWS does.
 */

/** The part after the `/` of a tag pattern: `${TagKey}`, `<key>`, or the `tag-key` of AWS's list. */
const PLACEHOLDER = /\/(?:\$\{[^}]+\}|<[^>]+>|tag-key)$/i;

export class ConditionKeyIndex<T> {
  private readonly exact = new Map<string, T>();
  /** `s3:existingobjecttag/` -> value; matches any key with that prefix and a non-empty rest. */
  private readonly prefixes = new Map<string, T>();

  /** Adds `key` (exact or pattern); `merge` combines it with what the key already holds. */
  add(key: string, value: T, merge: (held: T, added: T) => T = (_held, added) => added): void {
    const lower = key.toLowerCase();
    const pattern = PLACEHOLDER.exec(lower);
    const map = pattern === null ? this.exact : this.prefixes;
    const name = pattern === null ? lower : lower.slice(0, pattern.index + 1);
    const held = map.get(name);
    map.set(name, held === undefined ? value : merge(held, value));
  }

  /** The value for a key as written in a policy; undefined when the index does not know it. */
  get(key: string): T | undefined {
    const lower = key.toLowerCase();
    const exact = this.exact.get(lower);
    if (exact !== undefined) return exact;
    const slash = lower.indexOf('/');
    if (slash < 0 || slash === lower.length - 1) return undefined;
    return this.prefixes.get(lower.slice(0, slash + 1));
  }
}
