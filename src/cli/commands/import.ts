/*
 * `kg import <paths...>`: extract reports and write the graph to Neo4j (--neo4j or NEO4J_URI) or else
 * to the embedded graph file (out/graph.json). The target keeps every imported document's extraction
 * record; the documents read now replace those at the same paths, and themes, the analyst's decisions
 * (decisions.json next to the graph file, or --decisions), links and recurrence are recomputed over
 * all of them, so the result does not depend on the order or batching of imports. Connects before any
 * work so an unreachable server or a bad password fails at once (exit 3). Progress and summary go to stderr.
 * With --from-extraction the paths are `kg extract --json` outputs (store/extraction-shards.ts), read and
 * checked before anything is connected, wiped or written.
 */
import { readFileSync } from "node:fs";
import { basename } from "node:path";
import { createInterface } from "node:readline/promises";

import type cliProgress from "cli-progress";
import { type Command, InvalidArgumentError } from "commander";

import { DEFAULT_MAX_FILE_MB, DEFAULT_TIME_LIMIT_S, type FileBudget, parseLimit, resolveBudget } from "../../budget.ts";
import { type KgConfig, parseBatchSize, resolveConfig } from "../../config.ts";
import { InputError, KgError, UsageError } from "../../errors.ts";
import type { KgGraph } from "../../graph/build-graph.ts";
import { DEFAULT_LOCK_WAIT_MS, describeOwner, type LockOptions } from "../../sinks/file-lock.ts";
import type { GraphFileSummary } from "../../sinks/graph-file.ts";
import type { Neo4jHandle } from "../../store/neo4j/client.ts";
import type { SyncSummary } from "../../store/neo4j/sync-graph.ts";
import type { Codebook } from "../../themes/codebook.ts";
import type { LoadedDecisions } from "../../themes/decisions.ts";
import { MetadataError, type ReportMetadata, parseReportMetadata } from "../../graph/report-metadata.ts";
import type { Diagnostic, DocumentExtraction } from "../../types.ts";
import { plural, redactUri, safeText } from "../../util/terminal.ts";
import { printDiagnostics } from "../report.ts";
import { parseJobs } from "../jobs.ts";

export interface ImportOptions {
  out?: string | undefined;
  neo4j?: string | undefined;
  database?: string | undefined;
  batchSize?: string | number | undefined;
  wipe?: boolean | undefined;
  yes?: boolean | undefined;
  dryRun?: boolean | undefined;
  codebook?: string | undefined;
  decisions?: string | undefined;
  verbose?: boolean | undefined;
  jobs?: number | undefined;
  maxFileSize?: string | undefined;
  timeLimit?: string | undefined;
  lockWait?: string | undefined;
  metadata?: string | undefined;
  fromExtraction?: boolean | undefined;
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
  /** Files given (or found in folders) that gave no document: unreadable, empty, binary, over budget, repeats; each named on stderr. */
  skipped?: number;
  reports: number;
  nodes: number;
  relationships: number;
  neo4j?: SyncSummary & { wiped: number; wipeMs?: number };
  file?: GraphFileSummary;
  dryRun: boolean;
  durationMs: number;
}

/** The graph file written by default (sinks/graph-file.ts DEFAULT_GRAPH_FILE; a test checks they agree). */
export const DEFAULT_GRAPH_FILE = "out/graph.json";

/** The modules that do the work, loaded on first use so that `kg --help` stays fast (see bin/kg.js). */
async function load() {
  const [progress, graph, pipeline, graphFile, client, wipe, sync, codebook, decisions] = await Promise.all([
    import("cli-progress"),
    import("../../graph/build-graph.ts"),
    import("../../pipeline.ts"),
    import("../../sinks/graph-file.ts"),
    import("../../store/neo4j/client.ts"),
    import("../../store/neo4j/wipe.ts"),
    import("../../store/neo4j/sync-graph.ts"),
    import("../../themes/codebook.ts"),
    import("../../themes/decisions.ts"),
  ]);
  const [shards, spooled, syncSpooled] = await Promise.all([
    import("../../store/extraction-shards.ts"),
    import("../../sinks/graph-file-spooled.ts"),
    import("../../store/neo4j/sync-spooled.ts"),
  ]);
  return {
    cliProgress: progress.default as typeof import("cli-progress"),
    ...graph,
    ...pipeline,
    ...graphFile,
    ...client,
    ...wipe,
    ...sync,
    ...codebook,
    ...decisions,
    ...shards,
    ...spooled,
    ...syncSpooled,
  };
}
type Modules = Awaited<ReturnType<typeof load>>;

/** Register `kg import`. */
export function registerImport(program: Command): void {
  program
    .command("import")
    .description("extract reports and write the knowledge graph to Neo4j, or to a graph file (default)")
    .argument("<paths...>", "report files or folders (.txt .md .html .docx; folders are read recursively), or with --from-extraction `kg extract --json` files")
    .option("--out <file>", `graph file to write when no Neo4j is configured (also written with --neo4j when given) (default: ${DEFAULT_GRAPH_FILE})`)
    .option("--neo4j <uri>", "load into this Neo4j, e.g. bolt://127.0.0.1:7687 (default: NEO4J_URI from the environment or .env)")
    .option("--database <name>", "Neo4j database (default: NEO4J_DATABASE, else the server's default)")
    .option("--batch-size <n>", "rows per Neo4j transaction (default: 2000)", parseBatchSizeArg)
    .option("--wipe", "delete everything in the target (database or graph file) before writing")
    .option("-y, --yes", "do not ask before --wipe")
    .option("--dry-run", "extract and build the graph, print what would be written, write nothing")
    .option("--codebook <file>", "use this theme codebook (JSON) instead of the shipped one")
    .option("--decisions <file>", "the analyst's theme decisions to apply (default: decisions.json next to the graph file)")
    .option("--from-extraction", "the paths are `kg extract --json` outputs (shards extracted on any machines) to merge, not reports")
    .option("--metadata <file>", "CSV of report metadata (file,title,organisation,region,year,setting) applied to the reports of each file")
    .option("--jobs <n>", "threads for reading and extracting documents (default: the number of cores)", parseJobs)
    .option("--verbose", "print every warning (not only the first 20 of each kind) and the informational diagnostics (e.g. which page boilerplate was set aside)")
    .option("--max-file-size <MB>", `skip a file larger than this, with a diagnostic (default: KG_MAX_FILE_MB, else ${DEFAULT_MAX_FILE_MB}; 0 = no limit)`)
    .option("--time-limit <seconds>", `stop working on one file after this long, with a diagnostic (default: KG_TIME_LIMIT, else ${DEFAULT_TIME_LIMIT_S}; 0 = no limit)`)
    .option("--lock-wait <seconds>", `wait this long for another import writing the same graph file (default: KG_LOCK_WAIT, else ${DEFAULT_LOCK_WAIT_MS / 1000})`)
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
  const lock = lockOptions(opts, io);
  const budget = resolveBudget({ maxFileSize: opts.maxFileSize, timeLimit: opts.timeLimit }, io.env ?? process.env);
  const target = describeTarget(config, opts);
  const metadata = opts.metadata ? readMetadataFile(opts.metadata) : null;
  if (opts.wipe && !opts.dryRun) await confirmWipe(target, opts, io);

  const m = await load();
  // Shards are read and checked before anything is connected, wiped or written.
  const shardDocuments = opts.fromExtraction ? readShards(m, paths, io) : undefined;
  const { assembleIsolated, buildGraph, connectNeo4j, importDocumentsIntoGraphFile } = m;
  const progress = createProgress(io.stderr, m.cliProgress);
  let neo: Neo4jHandle | undefined;
  try {
    // A bad codebook or decisions file fails before any work.
    const codebook = m.loadCodebook(opts.codebook);
    const decisions = await m.loadDecisions(opts.decisions ?? m.defaultDecisionsPath(opts.out ?? DEFAULT_GRAPH_FILE));
    if (config.uri && !opts.dryRun) neo = await connectNeo4j({ ...config, uri: config.uri });
    // Wipe before extracting: a wipe that fails (a big database, too little transaction memory) fails at once.
    const wipeStarted = Date.now();
    const onSmaller = (refused: number, next: number) =>
      io.stderr.write(`kg import: the server's transaction memory refused deleting ${refused} rows at once; going on with ${next}\n`);
    const wiped = neo && opts.wipe ? await m.wipeDatabase(neo.driver, { database: config.database, uri: neo.uri, onSmaller }) : 0;
    const wipeMs = Date.now() - wipeStarted;
    // The documents wait in a temporary file instead of memory (sinks/graph-file-spooled.ts), into Neo4j
    // (store/neo4j/sync-spooled.ts) and the graph file alike; a dry run and --from-extraction hold them.
    if (!opts.dryRun && !shardDocuments) {
      const into = neo ? { neo, config, wiped, wipeMs } : undefined;
      return await importSpooled(m, paths, opts, io, { progress, budget, codebook, decisions, lock, metadata, started, target, neo: into });
    }
    const read = shardDocuments ? { documents: shardDocuments, skipped: 0 } : await extract(m, paths, opts, progress, budget);
    const documents = read.documents;
    const reports = documents.reduce((n, d) => n + d.reports.length, 0);
    // The paths read now (for the late diagnostics): the documents themselves are let go while the graph file is written.
    const readPaths = new Set(documents.map((d) => d.document.source.path));
    const late: Diagnostic[] = [];
    if (metadata) {
      const matched = attachMetadata(documents, metadata);
      io.stderr.write(`kg import: metadata from ${safeText(opts.metadata ?? "")} applied to the reports of ${plural(matched, "file")}\n`);
    }
    if (opts.dryRun) {
      const graph = buildGraph(assembleIsolated(documents, codebook, late, { decisions }));
      printLate(late, readPaths, opts);
      io.stdout.write(describePlan(graph, target));
      return finish(io, { documents: documents.length, skipped: read.skipped, reports, nodes: graph.order, relationships: graph.size, dryRun: true, durationMs: Date.now() - started }, target);
    }
    const result: ImportResult = { documents: documents.length, skipped: read.skipped, reports, nodes: 0, relationships: 0, dryRun: false, durationMs: 0 };
    if (neo) {
      const summary = await writeNeo4j(m, neo, documents, { codebook, decisions }, config, progress, late);
      Object.assign(result, { neo4j: { ...summary, wiped, wipeMs }, nodes: summary.nodes, relationships: summary.relationships });
    }
    if (!neo || opts.out) {
      // Handed over: the documents are not needed once the graph is built (emptied then, so the memory they hold is freed).
      const onPhase = (phase: string, detail?: string) => progress.phase(phase, detail);
      const { graph, ...file } = await importDocumentsIntoGraphFile(documents, opts.out ?? DEFAULT_GRAPH_FILE, { wipe: opts.wipe === true, codebook, decisions, lock, handOver: true, onPhase }, late);
      Object.assign(result, { file, nodes: graph.order, relationships: graph.size });
    }
    printLate(late, readPaths, opts);
    result.durationMs = Date.now() - started;
    return finish(io, result, target);
  } finally {
    progress.stop();
    await neo?.driver.close();
  }
}

/**
 * kg import: each document written to a temporary file as it is extracted, only what the cross-report stages read
 * kept in memory, the documents read back one at a time for the graph, the Neo4j records and the file
 * (store/neo4j/sync-spooled.ts, sinks/graph-file-spooled.ts). The same database, file and messages as the
 * documents held in memory would give.
 */
async function importSpooled(
  m: Modules,
  paths: string[],
  opts: ImportOptions,
  io: ImportIo,
  run: {
    progress: Progress;
    budget: FileBudget;
    codebook: Codebook;
    decisions: LoadedDecisions;
    lock: LockOptions;
    metadata: Map<string, ReportMetadata> | null;
    started: number;
    target: string;
    /** Into Neo4j (connected, wiped when asked): the graph file too only with --out. */
    neo?: { neo: Neo4jHandle; config: KgConfig; wiped: number; wipeMs: number } | undefined;
  },
): Promise<ImportResult> {
  const { progress } = run;
  progress.start("extracting");
  const spooled = await m.extractIntoSpool(paths, { codebook: run.codebook, budget: run.budget, jobs: opts.jobs, metadata: run.metadata, onProgress: (done, total) => progress.update(done, total) });
  try {
    progress.stop();
    printDiagnostics(spooled.diagnostics, opts.verbose === true);
    if (spooled.paths.length === 0) {
      throw new InputError(`import: no readable report in ${paths.map(safeText).join(", ")}. Give .txt, .md, .html or .docx files or folders holding them.`);
    }
    // A file with a diagnostic but no document was skipped; its diagnostic says why.
    const readPaths = new Set(spooled.paths);
    const skipped = new Set(spooled.diagnostics.filter((d) => d.path !== undefined && d.severity !== "info" && !readPaths.has(d.path)).map((d) => d.path)).size;
    spooled.diagnostics.length = 0;
    if (run.metadata) io.stderr.write(`kg import: metadata from ${safeText(opts.metadata ?? "")} applied to the reports of ${plural(spooled.matched, "file")}\n`);
    const late: Diagnostic[] = [];
    const documents = spooled.paths.length;
    const onPhase = (phase: string, detail?: string) => progress.phase(phase, detail);
    const result: ImportResult = { documents, skipped, reports: spooled.reports, nodes: 0, relationships: 0, dryRun: false, durationMs: 0 };
    if (run.neo) {
      const { neo, config, wiped, wipeMs } = run.neo;
      const themes = { codebook: run.codebook, decisions: run.decisions, keepCompact: opts.out !== undefined };
      const summary = await m.importSpooledIntoNeo4j(
        neo.driver,
        spooled,
        { database: config.database, uri: neo.uri, ...themes, batchSize: config.batchSize, onPhase, onProgress: (done, total) => progress.update(done, total) },
        late,
      );
      progress.stop();
      Object.assign(result, { neo4j: { ...summary, wiped, wipeMs }, nodes: summary.nodes, relationships: summary.relationships });
    }
    if (!run.neo || opts.out) {
      const options = { wipe: opts.wipe === true, codebook: run.codebook, decisions: run.decisions, lock: run.lock, onPhase };
      const file = await m.importSpooledIntoGraphFile(spooled, opts.out ?? DEFAULT_GRAPH_FILE, options, late);
      Object.assign(result, { file, nodes: file.nodes, relationships: file.edges });
    }
    printLate(late, readPaths, opts);
    result.durationMs = Date.now() - run.started;
    return finish(io, result, run.target);
  } finally {
    spooled.close();
  }
}

/** The documents of `kg extract --json` files (--from-extraction). */
function readShards({ readExtractionShards }: Modules, files: string[], io: ImportIo): DocumentExtraction[] {
  const documents = readExtractionShards(files);
  if (documents.length === 0) throw new InputError(`import: no document in ${files.map(safeText).join(", ")}.`);
  io.stderr.write(`kg import: ${plural(documents.length, "document")} from ${plural(files.length, "extraction file")}\n`);
  return documents;
}

/** Give each document read now the metadata row of its path (or file name); returns how many matched. */
function attachMetadata(documents: DocumentExtraction[], metadata: Map<string, ReportMetadata>): number {
  let matched = 0;
  for (const doc of documents) {
    const path = doc.document.source.path;
    const meta = metadata.get(path) ?? metadata.get(basename(path));
    if (!meta) continue;
    doc.metadata = meta;
    matched += 1;
  }
  return matched;
}

/** Read and check a metadata CSV before any extraction, so a bad file fails at once. */
function readMetadataFile(file: string): Map<string, ReportMetadata> {
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch (err) {
    throw new InputError(`import: cannot read the metadata file ${file} (${(err as NodeJS.ErrnoException).code ?? String(err)}).`);
  }
  try {
    return parseReportMetadata(text);
  } catch (err) {
    if (err instanceof MetadataError) throw new InputError(`import: ${file}: ${err.message}`);
    throw err;
  }
}

async function extract({ extractDocuments }: Modules, paths: string[], opts: ImportOptions, progress: Progress, budget: FileBudget): Promise<{ documents: DocumentExtraction[]; skipped: number }> {
  progress.start("extracting");
  const { documents, diagnostics } = await extractDocuments(paths, {
    budget,
    jobs: opts.jobs,
    lean: true,
    codebookPath: opts.codebook,
    onProgress: (done, total) => progress.update(done, total),
    onPrepare: (workers) => progress.phase("preparing each report's theme scores and links", `in ${plural(workers, "worker")}`),
  });
  progress.stop();
  printDiagnostics(diagnostics, opts.verbose === true);
  if (documents.length === 0) {
    throw new InputError(`import: no readable report in ${paths.map(safeText).join(", ")}. Give .txt, .md, .html or .docx files or folders holding them.`);
  }
  // A file with a diagnostic but no document was skipped; its diagnostic says why.
  const read = new Set(documents.map((d) => d.document.source.path));
  const skipped = new Set(diagnostics.filter((d) => d.path !== undefined && d.severity !== "info" && !read.has(d.path)).map((d) => d.path));
  return { documents, skipped: skipped.size };
}

/** How long to wait for another import holding the graph file's lock, and what to say meanwhile. */
function lockOptions(opts: ImportOptions, io: ImportIo): LockOptions {
  const env = io.env ?? process.env;
  const given = opts.lockWait ?? (env.KG_LOCK_WAIT?.trim() || undefined);
  const waitMs = given === undefined ? DEFAULT_LOCK_WAIT_MS : Math.round(parseLimit(given, "--lock-wait (KG_LOCK_WAIT)", "seconds") * 1000);
  return {
    waitMs,
    onWait: (owner, lockPath) =>
      io.stderr.write(`kg import: ${safeText(describeOwner(owner))} is writing this graph file (${safeText(lockPath)}); waiting up to ${Math.round(waitMs / 1000)} s…\n`),
  };
}

/**
 * Diagnostics of the recomputation over everything stored: decisions that no longer apply, and
 * repeated content of the documents read now (repeats among earlier documents were reported then).
 * Printed once each, even when both Neo4j and a graph file were written.
 */
function printLate(late: Diagnostic[], paths: ReadonlySet<string>, opts: ImportOptions): void {
  const seen = new Set<string>();
  const shown = late.filter((d) => {
    const id = `${d.origin}|${d.path}|${d.line}|${d.message}`;
    if (seen.has(id)) return false;
    seen.add(id);
    return d.origin.startsWith("themes:") || d.path === undefined || paths.has(d.path);
  });
  printDiagnostics(shown, opts.verbose === true);
}

async function writeNeo4j(
  { importDocumentsIntoNeo4j }: Modules,
  neo: Neo4jHandle,
  documents: DocumentExtraction[],
  themes: { codebook: Codebook; decisions: LoadedDecisions },
  config: KgConfig,
  progress: Progress,
  late: Diagnostic[],
) {
  const where = { database: config.database, uri: neo.uri };
  const { extraction: _e, graph: _g, ...summary } = await importDocumentsIntoNeo4j(
    neo.driver,
    documents,
    { ...where, ...themes, batchSize: config.batchSize, onPhase: (phase, detail) => progress.phase(phase, detail), onProgress: (done, total) => progress.update(done, total) },
    late,
  );
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
  if (!config.uri) return `the graph file ${safeText(opts.out ?? DEFAULT_GRAPH_FILE)}`;
  return `Neo4j ${safeText(redactUri(config.uri))} (database ${safeText(config.database ?? "default")})`;
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
  const skipped = result.skipped ? ` (${plural(result.skipped, "file")} skipped, named above)` : "";
  const lines = [`kg import: ${plural(result.documents, "document")}${skipped}, ${plural(result.reports, "report")} → ${result.dryRun ? "nothing written (dry run)" : target}`];
  if (result.neo4j) {
    const n = result.neo4j;
    if (n.wiped) lines.push(`  wiped: ${plural(n.wiped, "node")} deleted first, in ${((n.wipeMs ?? 0) / 1000).toFixed(1)} s`);
    lines.push(
      `  nodes: ${n.nodesWritten} written, ${n.nodesDeleted} deleted, ${n.nodesUnchanged} unchanged; relationships: ${n.relationshipsWritten} written, ${n.relationshipsDeleted} deleted, ${n.relationshipsUnchanged} unchanged`,
    );
  }
  if (result.file) {
    const f = result.file;
    lines.push(
      `  ${safeText(f.path)}: ${f.nodesAdded} nodes and ${f.edgesAdded} relationships added, ${f.nodesRemoved ?? 0} and ${f.edgesRemoved ?? 0} removed (${f.merged ? "recomputed with what the file held" : "new file"}); it holds ${f.nodes} nodes, ${f.edges} relationships`,
    );
  }
  lines.push(`  ${result.nodes} nodes and ${result.relationships} relationships ${result.dryRun ? "from this input" : "in the graph"}, in ${secs} s`);
  io.stderr.write(`${lines.join("\n")}\n`);
  return result;
}

function parseBatchSizeArg(value: string): number {
  try {
    return parseBatchSize(value);
  } catch (err) {
    throw new InvalidArgumentError(err instanceof KgError ? err.message.replace(/^config: /, "") : String(err));
  }
}

/**
 * Progress on stderr: a bar on a terminal, otherwise a few plain lines (start, quarters, end); and one
 * line as each long step without a count begins (recomputing themes over everything, writing the file).
 */
interface Progress {
  start(phase: string): void;
  update(done: number, total: number): void;
  /** A step begins: one line with the time since the import began; a later update() draws its bar. */
  phase(name: string, detail?: string): void;
  stop(): void;
}

function createProgress(stream: ImportIo["stderr"], cliProgress: typeof import("cli-progress")): Progress {
  let phase = "";
  let bar: cliProgress.SingleBar | undefined;
  let lastQuarter = -1;
  const started = Date.now();
  return {
    phase(name, detail) {
      bar?.stop();
      bar = undefined;
      stream.write(`kg import: ${safeText(name)}${detail ? ` (${safeText(detail)})` : ""}… (${((Date.now() - started) / 1000).toFixed(1)} s in)\n`);
      phase = name;
      lastQuarter = -1;
    },
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
