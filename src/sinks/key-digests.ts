/*
 * The keys of a graph's nodes or relationships as 64-bit digests (kg import into an existing graph file: what
 * keyDiff in graph-file.ts counts against the new graph), 8 bytes a key instead of a string in a Set (at 100 MB of
 * reports 2.6 million relationship keys: about 200 MB as strings, 21 MB as digests).
 *
 * A digest is two 32-bit string hashes of the key's UTF-16 code units (cyrb53's mixing, without folding them to
 * 53 bits). Two different keys with the same digest only make a count in the summary line wrong (a key taken for
 * one the old file held): nothing in the file depends on them. For n keys the chance of any such pair is about
 * n²/2⁶⁵: 2·10⁻⁷ for the 2.6 million relationships of 100 MB of reports.
 */

/** The digest of `key`, as its high and low 32 bits (unsigned), written into `out` at `at` (low first, as a little-endian BigUint64Array reads it). */
function digestInto(key: string, out: Uint32Array, at: number): void {
  let h1 = 0xdeadbeef;
  let h2 = 0x41c6ce57;
  for (let i = 0; i < key.length; i++) {
    const ch = key.charCodeAt(i);
    h1 = Math.imul(h1 ^ ch, 2654435761);
    h2 = Math.imul(h2 ^ ch, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507);
  h1 ^= Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507);
  h2 ^= Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  out[at] = h1 >>> 0;
  out[at + 1] = h2 >>> 0;
}

const LITTLE_ENDIAN = new Uint8Array(new Uint32Array([1]).buffer)[0] === 1;

/** Keys added one at a time, then sealed into a sorted set of digests. */
export class KeyDigestsBuilder {
  private words = new Uint32Array(2 * 1024);
  private count = 0;
  add(key: string): void {
    if (2 * this.count === this.words.length) {
      const grown = new Uint32Array(this.words.length * 2);
      grown.set(this.words);
      this.words = grown;
    }
    digestInto(key, this.words, 2 * this.count);
    this.count += 1;
  }
  /** The digests sorted, each once; `onRepeat` is told how many keys had a digest met before (a key given twice). */
  seal(onRepeat?: (repeats: number) => void): KeyDigests {
    const values = new BigUint64Array(this.words.buffer, 0, this.count);
    // (Big-endian: each value made from its two words, the high one second, so that has() reads the same halves.)
    if (!LITTLE_ENDIAN) for (let i = 0; i < this.count; i++) values[i] = (BigInt(this.words[2 * i + 1]!) << 32n) | BigInt(this.words[2 * i]!);
    values.sort();
    let n = 0;
    for (let i = 0; i < values.length; i++) if (i === 0 || values[i] !== values[n - 1]) values[n++] = values[i]!;
    if (n < values.length) onRepeat?.(values.length - n);
    this.words = new Uint32Array(0);
    this.count = 0;
    return new KeyDigests(values.slice(0, n));
  }
}

/** A sorted set of key digests. */
export class KeyDigests {
  private readonly words: Uint32Array;
  private readonly probe = new Uint32Array(2);
  constructor(private readonly values: BigUint64Array) {
    this.words = new Uint32Array(values.buffer, values.byteOffset, values.length * 2);
  }
  get size(): number {
    return this.values.length;
  }
  /** Whether a key with the digest of `key` was added (binary search, comparing the high then the low 32 bits). */
  has(key: string): boolean {
    digestInto(key, this.probe, 0);
    const hi = this.probe[1]!;
    const lo = this.probe[0]!;
    const [h, l] = LITTLE_ENDIAN ? [1, 0] : [0, 1];
    let a = 0;
    let b = this.values.length - 1;
    while (a <= b) {
      const m = (a + b) >>> 1;
      const mh = this.words[2 * m + h]!;
      const ml = this.words[2 * m + l]!;
      if (mh === hi && ml === lo) return true;
      if (mh < hi || (mh === hi && ml < lo)) a = m + 1;
      else b = m - 1;
    }
    return false;
  }
}
