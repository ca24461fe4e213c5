/*
 * A small deterministic PRNG (mulberry32): layouts, generated corpora and test fixtures that must
 * repeat from a seed use this one function.
 */

/**
 * Numbers in [0, 1) from a 32-bit seed; the same seed gives the same sequence.
 * @example const next = mulberry32(42); next(); // 0.6011…
 */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
