/**
 * A set of names kept in sorted (code unit) order, for name-ordered pages. Inserts are a binary
 * search plus one splice, which stays cheap at the 100k names the service is sized for.
 */
export class SortedNames {
  private readonly names: string[] = [];

  get size(): number {
    return this.names.length;
  }

  has(name: string): boolean {
    const index = this.lowerBound(name);
    return this.names[index] === name;
  }

  add(name: string): void {
    const index = this.lowerBound(name);
    if (this.names[index] !== name) this.names.splice(index, 0, name);
  }

  delete(name: string): void {
    const index = this.lowerBound(name);
    if (this.names[index] === name) this.names.splice(index, 1);
  }

  /** Up to `count` names strictly after `after` (from the start when undefined). */
  after(after: string | undefined, count: number): string[] {
    if (after === undefined) return this.names.slice(0, count);
    let start = this.lowerBound(after);
    if (this.names[start] === after) start += 1;
    return this.names.slice(start, start + count);
  }

  /** Index of the first name >= `name`. */
  private lowerBound(name: string): number {
    let low = 0;
    let high = this.names.length;
    while (low < high) {
      const mid = (low + high) >>> 1;
      if ((this.names[mid] as string) < name) low = mid + 1;
      else high = mid;
    }
    return low;
  }
}
