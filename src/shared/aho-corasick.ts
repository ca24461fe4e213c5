/*
 * Aho–Corasick automaton over UTF-16 code units: every occurrence of every pattern of a fixed list in
 * one pass over a text (overlapping and nested occurrences included), instead of one search per pattern.
 * Built once per list (the lexicons are loaded once per thread) and shared by every text scanned.
 */

/** A compiled list of patterns. */
export interface AhoCorasick {
  /** The patterns, as given (index = pattern id). */
  readonly patterns: readonly string[];
  /**
   * Call `found(pattern, end)` for every occurrence, in order of their end offset (for one end, longer
   * patterns first); `end` is the offset just past the occurrence. Return true from `found` to stop.
   */
  forEach(text: string, found: (pattern: number, end: number) => boolean | void): void;
  /** Whether any pattern occurs in the text. */
  test(text: string): boolean;
}

/**
 * Compile patterns (empty ones never match).
 * @example buildAhoCorasick(["党委", "党支部"]).forEach(text, (p, end) => …)
 */
export function buildAhoCorasick(patterns: readonly string[]): AhoCorasick {
  // Node 0 is the root. next[n] maps a code unit to a child; fail[n] is the longest proper suffix node;
  // out[n] lists the patterns ending at n, own first then those of its suffix nodes (longest first).
  const next: Map<number, number>[] = [new Map()];
  const own: number[][] = [[]];
  // 1 at every code unit some pattern holds: any other one sends the automaton back to the root at once.
  const alphabet = new Uint8Array(0x10000);
  patterns.forEach((p, id) => {
    if (p === "") return;
    let n = 0;
    for (let i = 0; i < p.length; i++) {
      const c = p.charCodeAt(i);
      alphabet[c] = 1;
      let child = next[n]!.get(c);
      if (child === undefined) {
        child = next.length;
        next.push(new Map());
        own.push([]);
        next[n]!.set(c, child);
      }
      n = child;
    }
    own[n]!.push(id);
  });
  const fail = new Int32Array(next.length);
  const out: number[][] = new Array<number[]>(next.length);
  out[0] = [];
  const queue: number[] = [];
  for (const child of next[0]!.values()) {
    fail[child] = 0;
    queue.push(child);
  }
  for (let head = 0; head < queue.length; head++) {
    const n = queue[head]!;
    const f = fail[n]!;
    // Own patterns by decreasing length (they all end here, so longer = earlier start), then the suffix node's.
    out[n] = [...own[n]!.sort((a, b) => patterns[b]!.length - patterns[a]!.length), ...(n === 0 ? [] : out[f]!)];
    for (const [c, child] of next[n]!) {
      let g = f;
      let target = next[g]!.get(c);
      while (target === undefined && g !== 0) {
        g = fail[g]!;
        target = next[g]!.get(c);
      }
      fail[child] = target !== undefined && target !== child ? target : 0;
      queue.push(child);
    }
  }
  // out[] of a child must be computed after its fail node's: BFS order guarantees the fail node is shallower.
  // The root's transitions as a table: the automaton is at the root most of the time.
  const rootNext = new Int32Array(0x10000);
  for (const [c, child] of next[0]!) rootNext[c] = child;
  const step = (n: number, c: number): number => {
    if (alphabet[c] === 0) return 0;
    while (n !== 0) {
      const to = next[n]!.get(c);
      if (to !== undefined) return to;
      n = fail[n]!;
    }
    return rootNext[c]!;
  };
  return {
    patterns,
    forEach(text, found) {
      let n = 0;
      for (let i = 0; i < text.length; i++) {
        n = step(n, text.charCodeAt(i));
        const hits = out[n]!;
        for (let k = 0; k < hits.length; k++) if (found(hits[k]!, i + 1) === true) return;
      }
    },
    test(text) {
      let n = 0;
      for (let i = 0; i < text.length; i++) {
        n = step(n, text.charCodeAt(i));
        if (out[n]!.length) return true;
      }
      return false;
    },
  };
}
