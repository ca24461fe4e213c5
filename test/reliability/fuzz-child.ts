/*
 * The fuzzer of the attack suite, run as a child process by attack.ts (which kills it when it stops
 * making progress): `node --import tsx fuzz-child.ts <runs> <seed>`. Generates report-like text,
 * markup and raw bytes with fast-check, writes them as .txt/.md/.html files, runs the pipeline and
 * builds the graph over batches of them. Prints "done <n>" as it goes and "crash <what>" for any
 * exception, and for any file the pipeline had to skip with an internal error (a bug, even if isolated).
 */
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";

import fc from "fast-check";

import { buildGraph } from "../../src/graph/build-graph.ts";
import { runPipeline } from "../../src/pipeline.ts";

const runs = Number(process.argv[2] ?? 2000);
const seed = Number(process.argv[3] ?? 1);
const BATCH = 25;

const fragment = fc.oneof(
  { weight: 6, arbitrary: fc.constantFrom("一、", "二、", "三、", "（一）", "(二)", "1、", "2.", "3．", "（1）", "①", "②", "一是", "二是", "首先，", "其次，", "最后，", "、") },
  { weight: 4, arbitrary: fc.constantFrom("存在的问题", "原因分析", "对策建议", "基本情况", "主要做法", "问题与建议", "调研报告", "关于", "的调研报告") },
  { weight: 8, arbitrary: fc.constantFrom("党员", "党支部", "党委", "三会一课", "组织生活会", "经费不足", "学习不够", "共有党员32名", "党组织", "教育局", "社区", "村", "加强", "落实", "制度", "。", "，", "；", "：", "“", "”", "《", "》") },
  { weight: 5, arbitrary: fc.constantFrom("\n", "\n\n", "\r\n", " ", "\u3000", "\t") },
  { weight: 1, arbitrary: fc.constantFrom("\u0000", "\u001b[31m", "\u0007", "\u202e", "\u200b", "\ufeff", "\ud800", "\udc00", "\u2028", "😀", "𠀀") },
  { weight: 2, arbitrary: fc.constantFrom("<p>", "</p>", "<div class=\"nav\">", "</div>", "<nav>", "<br>", "<td>", "<script>", "</script>", "<!--", "-->", "&amp;", "&#x5EFA;", "&nbsp;", "<a ") },
  { weight: 2, arbitrary: fc.string({ maxLength: 12 }) },
  { weight: 1, arbitrary: fc.string({ unit: "grapheme", maxLength: 8 }) },
);

const input = fc.oneof(
  { weight: 8, arbitrary: fc.record({ kind: fc.constant("text" as const), ext: fc.constantFrom(".txt", ".md", ".html"), parts: fc.array(fragment, { maxLength: 300 }) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant("bytes" as const), ext: fc.constantFrom(".txt", ".html", ".docx"), bytes: fc.uint8Array({ maxLength: 3000 }) }) },
);

const samples = fc.sample(input, { numRuns: runs, seed });
const dir = await mkdtemp(join(tmpdir(), "kg-fuzz-"));
let done = 0;
try {
  for (let start = 0; start < samples.length; start += BATCH) {
    const batch = samples.slice(start, start + BATCH);
    const paths: string[] = [];
    for (let i = 0; i < batch.length; i++) {
      const s = batch[i]!;
      const path = join(dir, `f${start + i}${s.ext}`);
      await writeFile(path, s.kind === "text" ? s.parts.join("") : Buffer.from(s.bytes));
      paths.push(path);
    }
    const failures = await tryBatch(paths);
    // A batch that threw is re-run file by file to name the input.
    if (failures === null) for (const p of paths) for (const f of (await tryBatch([p])) ?? [`${p}: throws only together with others in its batch`]) report(f, p);
    else for (const f of failures) report(f, "");
    done += batch.length;
    process.stdout.write(`done ${done}\n`);
    await rm(dir, { recursive: true, force: true });
    await import("node:fs/promises").then((fs) => fs.mkdir(dir, { recursive: true }));
  }
} finally {
  await rm(dir, { recursive: true, force: true });
}

/** Failures of one pipeline run (internal-error diagnostics), [] when clean, null when it threw. */
async function tryBatch(paths: string[]): Promise<string[] | null> {
  try {
    const extraction = await runPipeline(paths);
    buildGraph(extraction);
    return extraction.diagnostics.filter((d) => d.message.startsWith("internal error")).map((d) => `${d.path}: ${d.message}`);
  } catch (error) {
    if (paths.length === 1) return [`${paths[0]}: ${(error as Error).stack?.split("\n").slice(0, 3).join(" ") ?? String(error)}`];
    return null;
  }
}

function report(failure: string, _path: string): void {
  process.stdout.write(`crash ${JSON.stringify(failure).slice(0, 400)} (seed ${seed})\n`);
}
