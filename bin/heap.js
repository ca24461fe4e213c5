// How much heap `kg` gives itself. Node caps its heap at about 4 GB whatever the machine has (less on a
// small machine), and kg import / extract / themes / serve / query hold a corpus's graph in memory: about
// 3 GB for 50 MB of reports; a 100 MB import runs at the edge of the cap (the garbage collector then takes
// a third more CPU) and a larger one dies of "JavaScript heap out of memory" after minutes of work.
// bin/kg.js therefore runs those commands in a child Node with --max-old-space-size set to a share of the
// machine's memory (HEAP_SHARE of it, or of the container's limit), unless the user chose a heap size
// (NODE_OPTIONS or node's own --max-old-space-size) or KG_MAX_HEAP_MB (megabytes; 0 = Node's default);
// KG_HEAP_GROWING_PERCENT trades CPU for a lower peak (below).
// Plain JavaScript with no dependencies: it runs before anything else is loaded.

/** Commands that read a corpus or a whole graph. */
export const HEAVY_COMMANDS = new Set(["import", "extract", "themes", "serve", "query", "eval"]);
/** Share of the machine's (or the container's) memory the heap may take. */
export const HEAP_SHARE = 0.6;
/**
 * KG_HEAP_GROWING_PERCENT (opt-in) bounds how far V8 lets the child's heap grow past what was alive at its last
 * full collection (`--heap-growing-percent`). V8's own factor, chosen as it goes, let a 100 MB import's peak reach
 * 1.5–2× what it held: 30 took the peak from 6.2 to 4.9 GB for 15–18% more CPU, so it is a choice, not the default
 * (near the heap limit V8 collects harder by itself). A `--heap-growing-percent` given to node wins.
 */
const MB = 1024 * 1024;

/**
 * What to do for this run: `{ respawn: false, why }` or `{ respawn: true, megabytes }`.
 * @param {{ args: string[], env: Record<string, string | undefined>, execArgv: string[], totalMemory: number,
 *           constrainedMemory?: number, currentLimit: number }} run
 */
export function planHeap({ args, env, execArgv, totalMemory, constrainedMemory, currentLimit }) {
  const command = args.find((a) => !a.startsWith("-"));
  if (!command || !HEAVY_COMMANDS.has(command) || args.includes("--help") || args.includes("-h")) return { respawn: false, why: "not a command that holds a corpus" };
  if (env.KG_HEAP_CHILD === "1") return { respawn: false, why: "already the child" };
  const chosen = /--max-old-space-size|--max_old_space_size/;
  if (chosen.test(env.NODE_OPTIONS ?? "") || execArgv.some((a) => chosen.test(a))) return { respawn: false, why: "heap size chosen by the user" };
  let megabytes;
  const given = env.KG_MAX_HEAP_MB?.trim();
  if (given) {
    if (!/^\d+$/.test(given)) throw new Error(`KG_MAX_HEAP_MB must be a whole number of megabytes (0 = Node's default), not "${given}".`);
    megabytes = Number(given);
    if (megabytes === 0) return { respawn: false, why: "KG_MAX_HEAP_MB=0" };
  } else {
    const memory = constrainedMemory && constrainedMemory > 0 ? Math.min(totalMemory, constrainedMemory) : totalMemory;
    megabytes = Math.floor((memory * HEAP_SHARE) / MB);
    // Not worth a second process for less than a quarter more than Node gives anyway.
    if (megabytes < (currentLimit / MB) * 1.25) return { respawn: false, why: "Node's default is close enough" };
  }
  const growing = env.KG_HEAP_GROWING_PERCENT?.trim();
  if (growing && !execArgv.some((a) => /--heap[-_]growing[-_]percent/.test(a))) {
    if (!/^\d+$/.test(growing) || Number(growing) < 10) throw new Error(`KG_HEAP_GROWING_PERCENT must be a whole number of percent, 10 or more (e.g. 30), not "${growing}".`);
    return { respawn: true, megabytes, growingPercent: Number(growing) };
  }
  return { respawn: true, megabytes };
}
