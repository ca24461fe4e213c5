/*
 * Output-identity check for performance work: runs the extraction over the seed and every fixture
 * report (each file alone, and all of them together so that cross-report themes and links are
 * exercised) and writes the extraction JSON (`kg extract --json`) and the full internal extraction
 * to a folder, or compares them with a folder written before a change; it also checks that kg extract --json's
 * path (src/extraction-spool.ts, the documents in a temporary file) gives the same JSON text as the in-memory one. For the case of all files together it
 * also imports the documents into a graph file (`kg import`'s path) and writes the graph read back from it
 * (readGraphFile, canonicalised here: what kg serve, kg query and the viewer get) and the file's bytes; a
 * change of the file format shows as a difference in `ALL.graph-file` only.
 * Usage: node --import tsx scripts/same-output.ts --save /tmp/before
 *        node --import tsx scripts/same-output.ts --compare /tmp/before [--jobs n]
 */
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

import { spoolExtraction } from "../src/extraction-spool.ts";
import { extractDocuments, runPipeline } from "../src/pipeline.ts";
import { importDocumentsIntoGraphFile, readGraphFile } from "../src/sinks/graph-file.ts";
import { loadCodebook } from "../src/themes/index.ts";
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
  const json = JSON.stringify(toExtractionJson(extraction), null, 2);
  const outputs: [string, string][] = [
    [`${name}.json`, json],
    [`${name}.full.json`, JSON.stringify(extraction)],
  ];
  // kg extract --json's path (the documents in a temporary file while the themes are found) must print the same text.
  const spooled = await spoolExtraction(paths, jobs === undefined ? {} : { jobs });
  try {
    if ([...spooled.jsonChunks()].join("") !== json) (differences++, console.log(`DIFFERS from the in-memory path: ${name}.json through kg extract --json's spool`));
  } finally {
    spooled.close();
  }
  if (name === "ALL") {
    const tmp = mkdtempSync(join(tmpdir(), "kg-same-output-"));
    const path = join(tmp, "graph.json");
    const { documents } = await extractDocuments(paths, jobs === undefined ? {} : { jobs });
    await importDocumentsIntoGraphFile(documents, path, { codebook: loadCodebook() }, []);
    outputs.push([`${name}.graph-read-back.json`, JSON.stringify(sortKeys((await readGraphFile(path)).export()))]);
    outputs.push([`${name}.graph-file`, readFileSync(path, "utf8")]);
    rmSync(tmp, { recursive: true, force: true });
  }
  for (const [file, text] of outputs) {
    const path = join(dir, file);
    if (!compare) writeFileSync(path, text);
    else if (!existsSync(path)) (differences++, console.log(`missing before: ${file}`));
    else if (readFileSync(path, "utf8") !== text) (differences++, console.log(`DIFFERS: ${file}`));
  }
}
console.log(compare ? `${cases.length} cases, ${differences} difference(s)` : `${cases.length} cases written to ${dir}`);
process.exitCode = differences ? 1 : 0;

/** Objects with their keys sorted, nodes and edges by key (independent of the graph file's own writer). */
function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) {
    const items = value.map(sortKeys);
    const key = (x: unknown) => (x && typeof x === "object" && typeof (x as { key?: unknown }).key === "string" ? (x as { key: string }).key : null);
    return items.every((x) => key(x) !== null) ? items.sort((a, b) => (key(a)! < key(b)! ? -1 : key(a)! > key(b)! ? 1 : 0)) : items;
  }
  if (value && typeof value === "object") {
    const obj = value as Record<string, unknown>;
    return Object.fromEntries(Object.keys(obj).sort().filter((k) => obj[k] !== undefined).map((k) => [k, sortKeys(obj[k])]));
  }
  return value;
}
