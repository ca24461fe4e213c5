// Types of bin/heap.js (plain JavaScript: it runs before tsx or lib/ is loaded).
export declare const HEAVY_COMMANDS: ReadonlySet<string>;
export declare const HEAP_SHARE: number;
export interface HeapRun {
  args: string[];
  env: Record<string, string | undefined>;
  execArgv: string[];
  totalMemory: number;
  constrainedMemory?: number | undefined;
  currentLimit: number;
}
export type HeapPlan = { respawn: false; why: string } | { respawn: true; megabytes: number };
export declare function planHeap(run: HeapRun): HeapPlan;
