/** A set of catalogue actions by index: one bit each, so statement-wide unions are a few words. */
export type ActionSet = Uint32Array;

export function emptyActionSet(size: number): ActionSet {
  return new Uint32Array(Math.ceil(size / 32));
}

export function fullActionSet(size: number): ActionSet {
  const set = emptyActionSet(size);
  for (let i = 0; i < size; i++) addAction(set, i);
  return set;
}

export function addAction(set: ActionSet, index: number): void {
  set[index >>> 5] = (set[index >>> 5] as number) | (1 << (index & 31));
}

export function hasAction(set: ActionSet, index: number): boolean {
  return ((set[index >>> 5] as number) & (1 << (index & 31))) !== 0;
}

export function unionInto(target: ActionSet, source: ActionSet): void {
  for (let w = 0; w < target.length; w++) target[w] = (target[w] as number) | (source[w] as number);
}

/** The actions of `all` that are not in `set`. */
export function complement(set: ActionSet, all: ActionSet): ActionSet {
  return set.map((word, w) => ~word & (all[w] as number));
}

export function intersects(a: ActionSet, b: ActionSet): boolean {
  for (let w = 0; w < a.length; w++) if (((a[w] as number) & (b[w] as number)) !== 0) return true;
  return false;
}

export function isEmptySet(set: ActionSet): boolean {
  return set.every((word) => word === 0);
}
