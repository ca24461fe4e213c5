/*
 * `kg import <paths...>`: extract reports, build the graph and write it to Neo4j (--neo4j or
 * NEO4J_URI) or else to the embedded graph file (out/graph.json). Connects before any work so an
 * unreachable server or a bad password fails at once (exit 3). Progress and summary go to stderr.
 */
import { createInterface } from "node:readline/promises";

import type cliProgress from "cli-progress";
import { type Command, InvalidArgumentError } from "commander";

import { type KgConfig, parseBatchSize, resolveConfig } from "../../config.ts";
import { InputError, KgError, UsageError } from "../../errors.ts";
import type { KgGraph } from "../../graph/build-graph.ts";
import type { GraphFileSummary } from "../../sinks/graph-file.ts";
import type { Neo4jHandle } from "../../store/neo4j/client.ts";
import type { LoadSummary } from "../../store/neo4j/load-graph.ts";
import type { Extraction } from "../../types.ts";
import { printDiagnostics } from "../report.ts";
import { parseJobs } from "./extract.ts";

export interface ImportOptions {
  out?: string | undefined;
  neo4j?: string | undefined;
  database?: string | undefined;
  batchSize?: string | number | undefined;
  wipe?: boolean | undefined;
  yes?: boolean | undefined;
  dryRun?: boolean | undefined;
  codebook?: string | undefined;
  verbose?: boolean | undefined;
  jobs?: number | undefined;
}

/** Where the command talks to the world; tests pass their own. */
export interface ImportIo {
  stdout: NodeJS.WritableStream;
  stderr: NodeJS.WritableStream & { isTTY?: boolean };
  /** True when a person can answer a question (stdin and stderr are terminals). */
  interactive: boolean;
  /** Ask a yes/no question; resolves true only for an explicit yes. */
  confirm: (question: string) => Promise<boolean>;
  env?: NodeJS.ProcessEnv;
  cwd?: string;
}

export interface ImportResult {
  documents: number;
  reports: number;
  nodes: number;
  relationships: number;
  neo4j?: LoadSummary & { wiped: number };
  file?: GraphFileSummary;
  dryRun: boolean;
  durationMs: number;
}

/** The graph file written by default (sinks/graph-file.ts DEFAULT_GRAPH_FILE; a test checks they agree). */
export const DEFAULT_GRAPH_FILE = "out/graph.json";

/** The modules that do the work, loaded on first use so that `kg --help` stays fast (see bin/kg.js). */
async function load() {
  const [progress, graph, pipeline, graphFile, client, neo4j] = await Promise.all([
    import("cli-progress"),
    import("../../graph/build-graph.ts"),
    import("../../pipeline.ts"),
    import("../../sinks/graph-file.ts"),
    import("../../store/neo4j/client.ts"),
    import("../../store/neo4j/load-graph.ts"),
  ]);
  return { cliProgress: progress.default as typeof import("cli-progress"), ...graph, ...pipeline, ...graphFile, ...client, ...neo4j };
}
type Modules = Awaited<ReturnType<typeof load>>;

/** Register `kg import`. */
export function registerImport(program: Command): void {
  program
    .command("import")
    .description("extract reports and write the knowledge graph to Neo4j, or to a graph file (default)")
    .argument("<paths...>", "report files or folders (.txt .md .html .docx; folders are read recursively)")
    .option("--out <file>", `graph file to write when no Neo4j is configured (also written with --neo4j when given) (default: ${DEFAULT_GRAPH_FILE})`)
    .option("--neo4j <uri>", "load into this Neo4j, e.g. bolt://127.0.0.1:7687 (default: NEO4J_URI from the environment or .env)")
    .option("--database <name>", "Neo4j database (default: NEO4J_DATABASE, else the server's default)")
    .option("--batch-size <n>", "rows per Neo4j transaction (default: 500)", parseBatchSizeArg)
    .option("--wipe", "delete everything in the target (database or graph file) before writing")
    .option("-y, --yes", "do not ask before --wipe")
    .option("--dry-run", "extract and build the graph, print what would be written, write nothing")
    .option("--codebook <file>", "use this theme codebook (JSON) instead of the shipped one")
    .option("--jobs <n>", "threads for reading and extracting documents (default: the number of cores)", parseJobs)
    .option("--verbose", "also print informational diagnostics (e.g. which page boilerplate was set aside)")
    .action(async (paths: string[], opts: ImportOptions) => {
      await runImport(paths, opts, defaultIo());
    });
}

/**
 * Run `kg import`: returns what was written; throws KgError subclasses for the CLI to map.
 * @example await runImport(["seeds/"], { neo4j: "bolt://127.0.0.1:7687" }, io);
 */
export async function runImport(paths: string[], opts: ImportOptions, io: ImportIo): Promise<ImportResult> {
  const started = Date.now();
  const config = resolveConfig({ neo4j: opts.neo4j, database: opts.database, batchSize: opts.batchSize }, { env: io.env ?? process.env, cwd: io.cwd ?? process.cwd() });
  const target = describeTarget(config, opts);
  if (opts.wipe && !opts.dryRun) await confirmWipe(target, opts, io);

  const m = await load();
  const { buildGraph, connectNeo4j, importIntoGraphFile } = m;
  const progress = createProgress(io.stderr, m.cliProgress);
  let neo: Neo4jHandle | undefined;
  try {
    if (config.uri && !opts.dryRun) neo = await connectNeo4j({ ...config, uri: config.uri });
    // Wipe before extracting: a wipe that fails (a big database, too little transaction memory) fails at once.
    const wiped = neo && opts.wipe ? await m.wipeDatabase(neo.driver, { database: config.database, uri: neo.uri }) : 0;
    const extraction = await extract(m, paths, opts, progress);
    const graph = buildGraph(extraction);
    const counts = { documents: extraction.documents.length, reports: countReports(extraction), nodes: graph.order, relationships: graph.size };
    if (opts.dryRun) {
      io.stdout.write(describePlan(graph, target));
      return finish(io, { ...counts, dryRun: true, durationMs: Date.now() - started }, target);
    }
    const result: ImportResult = { ...counts, dryRun: false, durationMs: 0 };
    if (neo) result.neo4j = { ...(await writeNeo4j(m, neo, graph, config, progress)), wiped };
    if (!neo || opts.out) result.file = await importIntoGraphFile(graph, opts.out ?? DEFAULT_GRAPH_FILE, { wipe: opts.wipe === true });
    result.durationMs = Date.now() - started;
    return finish(io, result, target);
  } finally {
    progress.stop();
    await neo?.driver.close();
  }
}

async function extract({ runPipeline }: Modules, paths: string[], opts: ImportOptions, progress: Progress): Promise<Extraction> {
  progress.start("extracting");
  const extraction = await runPipeline(paths, { codebookPath: opts.codebook, jobs: opts.jobs, onProgress: (done, total) => progress.update(done, total) });
  progress.stop();
  printDiagnostics(extraction.diagnostics, opts.verbose === true);
  if (extraction.documents.length === 0) {
    throw new InputError(`import: no readable report in ${paths.join(", ")}. Give .txt, .md, .html or .docx files or folders holding them.`);
  }
  return extraction;
}

async function writeNeo4j({ loadGraph }: Modules, neo: Neo4jHandle, graph: KgGraph, config: KgConfig, progress: Progress) {
  const where = { database: config.database, uri: neo.uri };
  progress.start("loading into Neo4j");
  const summary = await loadGraph(neo.driver, graph, { ...where, batchSize: config.batchSize, onProgress: (done, total) => progress.update(done, total) });
  progress.stop();
  return summary;
}

async function confirmWipe(target: string, opts: ImportOptions, io: ImportIo): Promise<void> {
  if (opts.yes) return;
  if (!io.interactive) {
    throw new UsageError(`import: --wipe deletes everything in ${target}; add --yes to confirm when not at a terminal.`);
  }
  if (!(await io.confirm(`kg import: --wipe deletes everything in ${target}. Continue? [y/N] `))) {
    throw new UsageError("import: --wipe not confirmed; nothing was changed.");
  }
}

function describeTarget(config: KgConfig, opts: ImportOptions): string {
  if (!config.uri) return `the graph file ${opts.out ?? DEFAULT_GRAPH_FILE}`;
  return `Neo4j ${config.uri} (database ${config.database ?? "default"})`;
}

function describePlan(graph: KgGraph, target: string): string {
  const labels = new Map<string, number>();
  const types = new Map<string, number>();
  graph.forEachNode((_k, a) => labels.set(a.label, (labels.get(a.label) ?? 0) + 1));
  graph.forEachEdge((_k, a) => types.set(a.type, (types.get(a.type) ?? 0) + 1));
  const lines = [`dry run: would write ${graph.order} nodes and ${graph.size} relationships to ${target}`];
  for (const [label, n] of [...labels].sort()) lines.push(`  (:${label})  ${n}`);
  for (const [type, n] of [...types].sort()) lines.push(`  [:${type}]  ${n}`);
  return `${lines.join("\n")}\n`;
}

function finish(io: ImportIo, result: ImportResult, target: string): ImportResult {
  const secs = (result.durationMs / 1000).toFixed(1);
  const lines = [`kg import: ${plural(result.documents, "document")}, ${plural(result.reports, "report")} → ${result.dryRun ? "nothing written (dry run)" : target}`];
  if (result.neo4j) {
    const n = result.neo4j;
    if (n.wiped) lines.push(`  wiped: ${plural(n.wiped, "node")} deleted first`);
    lines.push(`  nodes: ${n.nodesCreated} created, ${n.nodesMatched} updated; relationships: ${n.relationshipsCreated} created, ${n.relationshipsMatched} updated`);
  }
  if (result.file) {
    const f = result.file;
    lines.push(
      `  ${f.path}: ${f.nodesAdded} nodes and ${f.edgesAdded} relationships added (${f.merged ? "merged into the existing file" : "new file"}); it holds ${f.nodes} nodes, ${f.edges} relationships`,
    );
  }
  lines.push(`  ${result.nodes} nodes and ${result.relationships} relationships from this input, in ${secs} s`);
  io.stderr.write(`${lines.join("\n")}\n`);
  return result;
}

function countReports(extraction: Extraction): number {
  return extraction.documents.reduce((n, d) => n + d.reports.length, 0);
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? "" : "s"}`;
}

function parseBatchSizeArg(value: string): number {
  try {
    return parseBatchSize(value);
  } catch (err) {
    throw new InvalidArgumentError(err instanceof KgError ? err.message.replace(/^config: /, "") : String(err));
  }
}

/** Progress on stderr: a bar on a terminal, otherwise a few plain lines (start, quarters, end). */
interface Progress {
  start(phase: string): void;
  update(done: number, total: number): void;
  stop(): void;
}

function createProgress(stream: ImportIo["stderr"], cliProgress: typeof import("cli-progress")): Progress {
  let phase = "";
  let bar: cliProgress.SingleBar | undefined;
  let lastQuarter = -1;
  return {
    start(name) {
      phase = name;
      lastQuarter = -1;
    },
    update(done, total) {
      if (stream.isTTY) {
        if (!bar) {
          bar = new cliProgress.SingleBar(
            { stream, format: `kg import: ${phase} [{bar}] {value}/{total}`, clearOnComplete: true, hideCursor: true },
            cliProgress.Presets.shades_classic,
          );
          bar.start(total, 0);
        }
        bar.setTotal(total);
        bar.update(done);
        return;
      }
      const quarter = total > 0 ? Math.floor((done / total) * 4) : 4;
      if (quarter > lastQuarter) {
        lastQuarter = quarter;
        stream.write(`kg import: ${phase} ${done}/${total}\n`);
      }
    },
    stop() {
      bar?.stop();
      bar = undefined;
    },
  };
}

function defaultIo(): ImportIo {
  const interactive = Boolean(process.stdin.isTTY && process.stderr.isTTY);
  return {
    stdout: process.stdout,
    stderr: process.stderr,
    interactive,
    confirm: async (question) => {
      const rl = createInterface({ input: process.stdin, output: process.stderr });
      try {
        return /^y(es)?$/i.test((await rl.question(question)).trim());
      } finally {
        rl.close();
      }
    },
  };
}
