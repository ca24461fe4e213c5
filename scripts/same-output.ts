/*
 * Output-identity check for performance work: runs the extraction over the seed and every fixture
 * report (each file alone, and all of them together so that cross-report themes and links are
 * exercised) and writes the extraction JSON (`kg extract --json`) and the full internal extraction
 * to a folder, or compares them with a folder written before a change.
 * Usage: node --import tsx scripts/same-output.ts --save /tmp/before
 *        node --import tsx scripts/same-output.ts --compare /tmp/before [--jobs n]
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";

import { runPipeline } from "../src/pipeline.ts";
import { toExtractionJson } from "../src/sinks/extraction-json.ts";

const args = process.argv.slice(2);
const save = args[args.indexOf("--save") + 1];
const compare = args.includes("--compare") ? args[args.indexOf("--compare") + 1] : undefined;
const jobs = args.includes("--jobs") ? Number(args[args.indexOf("--jobs") + 1]) : undefined;
const dir = compare ?? save;
if (!dir || (!args.includes("--save") && !compare)) {
  process.stderr.write("usage: same-output.ts --save <dir> | --compare <dir> [--jobs n]\n");
  process.exit(2);
}

const FOLDERS = ["test/fixtures/reports", "test/fixtures/unseen", "test/fixtures/heldout", "test/fixtures/entities", "test/fixtures/ingest"];
const REPORT = /\.(txt|md|html?|docx)$/;
const files = ["seeds/000_d566339e5b9149bf.txt", ...FOLDERS.flatMap((f) => readdirSync(f).filter((n) => REPORT.test(n)).sort().map((n) => join(f, n)))];
const cases: [string, string[]][] = [...files.map((f) => [f.replaceAll("/", "_"), [f]] as [string, string[]]), ["ALL", files]];

mkdirSync(dir, { recursive: true });
let differences = 0;
for (const [name, paths] of cases) {
  const extraction = await runPipeline(paths, jobs === undefined ? {} : ({ jobs } as object));
  const outputs: [string, string][] = [
    [`${name}.json`, JSON.stringify(toExtractionJson(extraction), null, 2)],
    [`${name}.full.json`, JSON.stringify(extraction)],
  ];
  for (const [file, text] of outputs) {
    const path = join(dir, file);
    if (!compare) writeFileSync(path, text);
    else if (!existsSync(path)) (differences++, console.log(`missing before: ${file}`));
    else if (readFileSync(path, "utf8") !== text) (differences++, console.log(`DIFFERS: ${file}`));
  }
}
console.log(compare ? `${cases.length} cases, ${differences} difference(s)` : `${cases.length} cases written to ${dir}`);
process.exitCode = differences ? 1 : 0;
