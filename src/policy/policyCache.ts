/**
 * A bounded LRU of compiled policies keyed by document text, injected where it is needed rather
 * than kept as module state. Decisions report a policy's name, so one document may be compiled
 * under several names; those share the document's entry. A document that fails to parse is not
 * cached: the error is thrown again on each call.
 *
 * A hit only stamps the entry (no Map reordering, it is on every request's path); when the
 * cache overflows, the least recently stamped eighth is evicted in one pass.
 */
import { compilePolicy } from './compilePolicy.js';
import type { CompiledPolicy } from './compiledPolicy.js';
import type { Policy } from './model.js';
import { parsePolicy } from './parsePolicy.js';

export interface PolicyCacheOptions {
  /** Most documents kept. Default 10,000. */
  readonly maxEntries?: number;
}

export const DEFAULT_POLICY_CACHE_ENTRIES = 10_000;

interface Entry {
  readonly policy: Policy;
  /** Compiled forms by name (`''` for none). */
  readonly byName: Map<string, CompiledPolicy>;
  lastUsed: number;
}

export class PolicyCache {
  readonly maxEntries: number;
  private readonly entries = new Map<string, Entry>();
  private clock = 0;
  private hits = 0;
  private misses = 0;

  constructor(options: PolicyCacheOptions = {}) {
    const maxEntries = options.maxEntries ?? DEFAULT_POLICY_CACHE_ENTRIES;
    if (!Number.isInteger(maxEntries) || maxEntries < 1) throw new RangeError('maxEntries must be a positive integer');
    this.maxEntries = maxEntries;
  }

  /** The compiled form of `document`; parses and compiles it on a miss (may throw). */
  get(document: string, name?: string): CompiledPolicy {
    const entry = this.entries.get(document) ?? this.insert(document);
    entry.lastUsed = ++this.clock;
    const compiled = entry.byName.get(name ?? '');
    if (compiled !== undefined) {
      this.hits++;
      return compiled;
    }
    this.misses++;
    const fresh = compilePolicy(entry.policy, { name });
    entry.byName.set(name ?? '', fresh);
    return fresh;
  }

  get size(): number {
    return this.entries.size;
  }

  stats(): { readonly hits: number; readonly misses: number; readonly size: number } {
    return { hits: this.hits, misses: this.misses, size: this.entries.size };
  }

  clear(): void {
    this.entries.clear();
  }

  private insert(document: string): Entry {
    const entry: Entry = { policy: parsePolicy(document), byName: new Map(), lastUsed: 0 };
    if (this.entries.size >= this.maxEntries) this.evictLeastRecent();
    this.entries.set(document, entry);
    return entry;
  }

  private evictLeastRecent(): void {
    const count = Math.max(1, Math.floor(this.maxEntries / 8));
    const oldest = [...this.entries].sort((a, b) => a[1].lastUsed - b[1].lastUsed).slice(0, count);
    for (const [document] of oldest) this.entries.delete(document);
  }
}
