import { graphFileChunksV3 as newW } from "/work/wt/gfile4/src/sinks/graph-codec-v3.ts";
import { graphFileChunksV3 as oldW } from "/work/wt/gfile4/.prof/old/v3.ts";
import { readGraphFile } from "/work/wt/gfile4/src/sinks/graph-file.ts";
const g = await readGraphFile(process.argv[2]!);
const cpu = () => { const u = process.cpuUsage(); return (u.user + u.system) / 1e6; };
const res: Record<string, number[]> = { old: [], new: [] };
for (let i = 0; i < Number(process.argv[3] ?? 3); i++) {
  for (const [name, w] of [["old", oldW], ["new", newW]] as const) {
    const t = cpu(); const text = [...w(g)!].join(""); res[name]!.push(cpu() - t);
    if (i === 0) console.log(name, text.length);
  }
}
for (const [k, v] of Object.entries(res)) console.log(k, v.map((x) => x.toFixed(2)).join(" "));
