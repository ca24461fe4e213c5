/*
 * Memoisation of pure string predicates and classifiers that hot loops call again and again on the same
 * short strings (a clause is tested as a problem, then as an umbrella, then once more when a later shape
 * reads the same paragraph; a heading is classified by several shapes). The cache is bounded: when full it
 * is emptied, so memory stays flat whatever the input (a key may be a slice that keeps its document's text
 * alive until then: at most a few recent documents); results never depend on it.
 */

/** Entries kept before the cache is emptied. */
const DEFAULT_CAP = 8_192;

/**
 * `fn` with its results cached by argument. `fn` must be pure (same string in, same result out).
 * @example const isNeg = memoByString((s) => NEGATIVE.test(s));
 */
export function memoByString<T>(fn: (s: string) => T, cap = DEFAULT_CAP): (s: string) => T {
  const cache = new Map<string, T>();
  return (s: string): T => {
    const hit = cache.get(s);
    if (hit !== undefined || cache.has(s)) return hit as T;
    const value = fn(s);
    if (cache.size >= cap) cache.clear();
    cache.set(s, value);
    return value;
  };
}
