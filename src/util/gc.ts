/*
 * One full garbage collection on request, at a point where a large part of the heap has just become
 * garbage (kg import, once the documents are let go and before the graph file is written). V8 sizes the
 * heap from what was alive at its last full collection; without this one, the garbage of the stages before
 * stays while the file is written and the peak memory is that garbage plus the writer's (issue 12).
 * Node exposes gc() only with --expose-gc; the flag is set at run time, as test runners do (jest's
 * --logHeapUsage), and the function taken from a fresh context. Where that is refused, nothing happens.
 */
import { getHeapStatistics, setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";

let gc: (() => void) | null | undefined;
/** Full collections run by collectGarbage, and what was alive after the last one (HeapBound measures from it). */
let collections = 0;
let aliveAfterLast = 0;

/** Run a full garbage collection now (a no-op where the runtime does not allow it). */
export function collectGarbage(): void {
  if (gc === undefined) {
    try {
      setFlagsFromString("--expose-gc");
      const found: unknown = runInNewContext("gc");
      gc = typeof found === "function" ? (found as () => void) : null;
    } catch {
      gc = null;
    }
  }
  gc?.();
  if (gc) {
    collections += 1;
    aliveAfterLast = getHeapStatistics().used_heap_size;
  }
}

/**
 * A full collection whenever the heap has grown by a quarter past what was alive at the last one, plus 64 MB
 * (kg import, in loops that parse one document or row after another and let it go: V8 let the heap grow to about
 * twice what was alive there). Checked every `every` calls of check() (reading the heap's size is not free).
 * `share` and `slackMB` set the growth allowed: `alive * share + slackMB` (a loop that replaces what is alive
 * by less, as CompactGraph.spill does, allows none in proportion: the heap's peak is then what was alive plus
 * the slack, not a quarter more).
 */
export class HeapBound {
  private alive = getHeapStatistics().used_heap_size;
  /** The collections counted when `alive` was measured: one run since (kg import's own, between phases) measured anew. */
  private seen = collections;
  private calls = 0;
  private readonly slack: number;
  constructor(
    private readonly every = 1,
    private readonly share = 0.25,
    slackMB = 64,
  ) {
    this.slack = slackMB * 2 ** 20;
  }
  /**
   * A bound that allows a tenth past what is alive plus 48 MB (loops whose garbage is a document or a batch of rows
   * at a time, where a quarter plus 64 MB let the heap of kg import at 100 MB grow past 1 GB).
   */
  static tight(every = 1): HeapBound {
    return new HeapBound(every, 0.1, 48);
  }
  check(): void {
    if (++this.calls < this.every) return;
    this.calls = 0;
    if (this.seen !== collections) {
      // A collection since (at 100 MB of reports, the writer's once the nodes are planned): what it left alive is
      // the baseline, not what was alive before it (the heap otherwise grew by 280 MB of garbage after it).
      this.seen = collections;
      this.alive = aliveAfterLast;
    }
    if (getHeapStatistics().used_heap_size <= this.alive * (1 + this.share) + this.slack) return;
    collectGarbage();
    this.seen = collections;
    this.alive = getHeapStatistics().used_heap_size;
  }
}

/**
 * The bound on the main thread's heap while documents arrive from the workers (kg extract --json, kg import): each
 * document's extraction is garbage once written to the temporary file and compacted, and only the compact forms
 * stay. Checked every 16 documents. (At 100 MB of reports the import's peak comes after, in the themes stage, and
 * varied from 0.78 to 0.92 GB between runs of the same code, with or without this bound.)
 */
export function extractionBound(): HeapBound {
  return HeapBound.tight(16);
}
