import { writeFileSync } from "node:fs";
import { graphFileChunksV3 as newW } from "/work/wt/gfile4/src/sinks/graph-codec-v3.ts";
import { graphFileChunksV3 as oldW } from "/work/wt/gfile4/.prof/old/v3.ts";
import { readGraphFile } from "/work/wt/gfile4/src/sinks/graph-file.ts";
const cpu = () => { const u = process.cpuUsage(); return (u.user + u.system) / 1e6; };
const g = await readGraphFile(process.argv[2]!);
const newFile = process.argv[2] + ".ab-new.json";
writeFileSync(newFile, [...newW(g)!].join(""));
const res: Record<string, number[]> = { "write old": [], "write new": [], "read old (v3 file)": [], "read new (v4 file)": [] };
for (let i = 0; i < Number(process.argv[3] ?? 3); i++) {
  for (const [name, w] of [["write old", oldW], ["write new", newW]] as const) { const t = cpu(); [...w(g)!].join(""); res[name]!.push(cpu() - t); }
  for (const [name, f] of [["read old (v3 file)", process.argv[2]!], ["read new (v4 file)", newFile]] as const) { const t = cpu(); await readGraphFile(f); res[name]!.push(cpu() - t); }
}
const med = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const min = (xs: number[]) => Math.min(...xs);
for (const [k, v] of Object.entries(res)) console.log(k.padEnd(20), "min", min(v).toFixed(2), "median", med(v).toFixed(2), "CPU-s; runs", v.map((x) => x.toFixed(2)).join(" "));
