/*
 * Quote matching: how much of a (normalised) gold quote a (normalised) prediction covers, measured as
 * the longest common substring over the gold length. Containment is coverage 1.
 */

/** Default share of a gold quote a prediction must cover to match it. */
export const DEFAULT_COVERAGE_THRESHOLD = 0.6;

/** Length of the longest common substring of a and b (dynamic programming, O(|a|·|b|) time, O(|b|) space). */
export function longestCommonSubstring(a: string, b: string): number {
  const x = Array.from(a);
  const y = Array.from(b);
  if (x.length === 0 || y.length === 0) return 0;
  let prev = new Uint32Array(y.length + 1);
  let curr = new Uint32Array(y.length + 1);
  let best = 0;
  for (let i = 1; i <= x.length; i++) {
    for (let j = 1; j <= y.length; j++) {
      const run = x[i - 1] === y[j - 1] ? (prev[j - 1] ?? 0) + 1 : 0;
      curr[j] = run;
      if (run > best) best = run;
    }
    [prev, curr] = [curr, prev];
  }
  return best;
}

/** Share of `gold` (normalised) covered by `pred` (normalised): 1 when pred contains it, else LCS / |gold|. */
export function coverage(pred: string, gold: string): number {
  const goldLength = Array.from(gold).length;
  if (goldLength === 0) return 0;
  if (pred.includes(gold)) return 1;
  return longestCommonSubstring(pred, gold) / goldLength;
}

/** True when a coverage value reaches the threshold (with a little slack for floating-point division). */
export function reachesThreshold(value: number, threshold: number): boolean {
  return value >= threshold - 1e-9;
}
