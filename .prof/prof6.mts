import { graphFileChunksV3 as newW } from "/work/wt/gfile4/src/sinks/graph-codec-v3.ts";
import { graphFileChunksV3 as oldW } from "/work/wt/gfile4/.prof/old/v3.ts";
import { readGraphFile } from "/work/wt/gfile4/src/sinks/graph-file.ts";
const g = await readGraphFile(process.argv[2]!);
const { Session } = await import("node:inspector/promises");
const s = new Session(); s.connect(); await s.post("Profiler.enable");
const acc: Record<string, Map<string, number>> = { old: new Map(), new: new Map() };
const tot: Record<string, number> = { old: 0, new: 0 };
for (let r = 0; r < 2; r++) for (const [name, w] of [["old", oldW], ["new", newW]] as const) {
  await s.post("Profiler.start");
  [...w(g)!].join("");
  const { profile } = await s.post("Profiler.stop") as any;
  const dt = profile.timeDeltas; const byId = new Map(profile.nodes.map((n: any) => [n.id, n]));
  profile.samples.forEach((id: number, i: number) => { const n: any = byId.get(id); const k = `${n.callFrame.functionName || "(anon)"}:${n.callFrame.lineNumber}`; acc[name]!.set(k, (acc[name]!.get(k) ?? 0) + dt[i]); tot[name]! += dt[i]; });
}
for (const name of ["old", "new"]) console.log(name, "total", (tot[name]! / 2000).toFixed(0), "ms per write\n" + [...acc[name]!].sort((a, b) => b[1] - a[1]).slice(0, 14).map(([k, v]) => `  ${(v / 2000).toFixed(0)}ms ${k}`).join("\n"));
