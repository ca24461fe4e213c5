/*
 * Array helpers that stay safe at any size. `Math.max(...xs)` and `a.push(...xs)` pass every
 * element as a call argument and throw RangeError (call stack) once xs has ~100k elements, which a
 * single large report reaches; these loop instead. Use them for anything whose length grows with the input.
 */

/** The largest value, or `init` when there is none (also when every value is smaller). */
export function maxOf(values: Iterable<number>, init = Number.NEGATIVE_INFINITY): number {
  let max = init;
  for (const v of values) if (v > max) max = v;
  return max;
}

/** The smallest value, or `init` when there is none (also when every value is larger). */
export function minOf(values: Iterable<number>, init = Number.POSITIVE_INFINITY): number {
  let min = init;
  for (const v of values) if (v < min) min = v;
  return min;
}

/** Append every item to `target` in order (like target.push(...items), at any length). Returns target. */
export function pushAll<T>(target: T[], items: Iterable<T>): T[] {
  for (const item of items) target.push(item);
  return target;
}

/**
 * Index of the first item of `xs` (in ascending order of `key`) whose key is above `x`, or xs.length: a binary search.
 * @example firstAbove([1, 3, 5], 3, (n) => n) === 2
 */
export function firstAbove<T>(xs: readonly T[], x: number, key: (item: T) => number): number {
  let lo = 0;
  for (let hi = xs.length; lo < hi; ) {
    const mid = (lo + hi) >> 1;
    if (key(xs[mid]!) <= x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Index of the last item that passes `test`, or -1 (Array.prototype.findLastIndex is not in this project's lib). */
export function findLastIndex<T>(xs: readonly T[], test: (x: T) => boolean): number {
  for (let i = xs.length - 1; i >= 0; i--) if (test(xs[i]!)) return i;
  return -1;
}
