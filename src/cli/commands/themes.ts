/*
 * `kg themes`: the analyst's codebook. Lists the themes of the graph (graph file, or Neo4j with
 * --neo4j / NEO4J_URI) with family, recurrence, statement count and member statements with their
 * scores; `merge`, `rename`, `move` and `split` record a decision in the decisions file (default:
 * decisions.json next to the graph file) and apply it at once by recomputing the graph from its stored
 * extraction records. Every later extract and import applies the file too (themes/decisions.ts).
 */
import type { Command } from "commander";

import { resolveConfig } from "../../config.ts";
import { UsageError } from "../../errors.ts";
import type { KgGraph } from "../../graph/build-graph.ts";
import { describeOwner, withFileLock } from "../../sinks/file-lock.ts";
import type { Neo4jHandle } from "../../store/neo4j/client.ts";
import { type Codebook, loadCodebook } from "../../themes/codebook.ts";
import {
  type Decision,
  defaultDecisionsPath,
  describeDecision,
  type LoadedDecisions,
  loadDecisions,
  saveDecisions,
  splitThemeId,
} from "../../themes/decisions.ts";
import type { Diagnostic } from "../../types.ts";
import { safeText } from "../../util/terminal.ts";
import { printDiagnostics, statementLine } from "../report.ts";
import { DEFAULT_GRAPH_FILE } from "./import.ts";

/** The stores' modules (graphology, the Neo4j driver), loaded on first use so that `kg --help` stays fast (see bin/kg.js). */
async function stores() {
  const [graph, graphFile, client, errors, read, sync] = await Promise.all([
    import("../../graph/build-graph.ts"),
    import("../../sinks/graph-file.ts"),
    import("../../store/neo4j/client.ts"),
    import("../../store/neo4j/errors.ts"),
    import("../../store/neo4j/read-graph.ts"),
    import("../../store/neo4j/sync-graph.ts"),
  ]);
  return { ...graph, ...graphFile, ...client, ...errors, ...read, ...sync };
}

export interface ThemesOptions {
  graph?: string | undefined;
  decisions?: string | undefined;
  neo4j?: string | undefined;
  database?: string | undefined;
  codebook?: string | undefined;
  json?: boolean | undefined;
  kind?: string | undefined;
  label?: string | undefined;
}

/** Where the command talks to the world; tests pass their own. */
export interface ThemesIo {
  stdout: NodeJS.WritableStream;
  stderr: NodeJS.WritableStream;
  env?: NodeJS.ProcessEnv;
  cwd?: string;
}

/** One theme as listed. */
export interface ThemeListing {
  id: string;
  kind: "problem" | "measure";
  label: string;
  family: string | null;
  source: string;
  reportCount: number;
  statementCount: number;
  statements: { id: string; text: string; report: string; path: string; line: number; score: number | null; reason: string }[];
}

/** Register `kg themes` and its subcommands. */
export function registerThemes(program: Command): void {
  const themes = program
    .command("themes")
    .description("list themes with their recurrence and statements; merge, rename, move and split them (the analyst's decisions)");
  withStore(themes)
    .option("--json", "print the themes as JSON on stdout")
    .option("--kind <kind>", "only problem or measure themes")
    .action(async (opts: ThemesOptions) => {
      await runThemesList(opts, defaultIo());
    });
  withStore(themes.command("merge").description("merge theme <from> into theme <into> (into keeps its id and label)"))
    .argument("<from>", "theme id (or its exact label)")
    .argument("<into>", "theme id (or its exact label)")
    .action(async (from: string, into: string, _opts: ThemesOptions, cmd: Command) => {
      await runThemesDecision({ op: "merge", args: [from, into] }, cmd.optsWithGlobals(), defaultIo());
    });
  withStore(themes.command("rename").description("give a theme a label of your own"))
    .argument("<theme>", "theme id (or its exact label)")
    .argument("<label>", "the new label")
    .action(async (theme: string, label: string, _opts: ThemesOptions, cmd: Command) => {
      await runThemesDecision({ op: "rename", args: [theme, label] }, cmd.optsWithGlobals(), defaultIo());
    });
  withStore(themes.command("move").description("put a statement in another theme of its kind"))
    .argument("<statement>", "statement id (as `kg themes` lists it; a unique prefix of 6+ characters will do)")
    .argument("<theme>", "theme id (or its exact label)")
    .action(async (statement: string, theme: string, _opts: ThemesOptions, cmd: Command) => {
      await runThemesDecision({ op: "move", args: [statement, theme] }, cmd.optsWithGlobals(), defaultIo());
    });
  withStore(themes.command("split").description("take statements out of a theme into a new theme of their own"))
    .argument("<theme>", "theme id (or its exact label)")
    .argument("<statements...>", "statement ids (unique prefixes of 6+ characters will do)")
    .option("--label <label>", "label of the new theme (default: the first statement's first clause)")
    .action(async (theme: string, statements: string[], _opts: ThemesOptions, cmd: Command) => {
      await runThemesDecision({ op: "split", args: [theme, ...statements] }, cmd.optsWithGlobals(), defaultIo());
    });
}

function withStore(cmd: Command): Command {
  return cmd
    .option("--graph <file>", `graph file (default: ${DEFAULT_GRAPH_FILE})`)
    .option("--decisions <file>", "decisions file (default: decisions.json next to the graph file)")
    .option("--neo4j <uri>", "use this Neo4j instead of the graph file (default: NEO4J_URI from the environment or .env)")
    .option("--database <name>", "Neo4j database (default: NEO4J_DATABASE, else the server's default)")
    .option("--codebook <file>", "the theme codebook the graph was imported with (default: the shipped one)");
}

/**
 * `kg themes`: print the themes (text or --json). Returns the listing.
 * @example await runThemesList({ graph: "out/graph.json", json: true }, io);
 */
export async function runThemesList(opts: ThemesOptions, io: ThemesIo): Promise<ThemeListing[]> {
  if (opts.kind !== undefined && opts.kind !== "problem" && opts.kind !== "measure") {
    throw new UsageError(`themes: --kind must be problem or measure, not "${opts.kind}".`);
  }
  const codebook = loadCodebook(opts.codebook);
  const graph = await withGraph(opts, io, async (g) => g);
  const listing = listThemes(graph, codebook).filter((t) => !opts.kind || t.kind === opts.kind);
  io.stdout.write(opts.json ? `${JSON.stringify(listing, null, 2)}\n` : formatListing(listing));
  return listing;
}

/** A decision as typed on the command line, before its ids are resolved. */
export interface DecisionRequest {
  op: Decision["op"];
  args: string[];
}

/**
 * Record one decision in the decisions file and apply it to the graph (file or Neo4j) at once.
 * Unknown ids are usage errors (exit 2) naming close matches; nothing is written then.
 */
export async function runThemesDecision(request: DecisionRequest, opts: ThemesOptions, io: ThemesIo): Promise<Decision> {
  const codebook = loadCodebook(opts.codebook);
  const decisionsPath = opts.decisions ?? defaultDecisionsPath(opts.graph ?? DEFAULT_GRAPH_FILE);
  // Two analysts deciding at once must both be recorded: read, append and write under the file's lock.
  return withFileLock(decisionsPath, async () => {
    const loaded = await loadDecisions(decisionsPath);
    return withGraph(opts, io, async (graph, neo) => {
      const decision = resolveDecision(request, graph, opts);
      const decisions: LoadedDecisions = { path: decisionsPath, decisions: [...loaded.decisions, decision] };
      await saveDecisions(decisionsPath, decisions.decisions);
      const late: Diagnostic[] = [];
      const { importDocumentsIntoNeo4j, importDocumentsIntoGraphFile } = await stores();
      const after = neo
        ? (await importDocumentsIntoNeo4j(neo.driver, [], { database: neo.database, uri: neo.uri, codebook, decisions }, late)).graph
        : (await importDocumentsIntoGraphFile([], opts.graph ?? DEFAULT_GRAPH_FILE, { codebook, decisions }, late)).graph;
      printDiagnostics(late);
      io.stderr.write(`kg themes: ${describeDecision(decision)} — decision ${decisions.decisions.length} in ${decisionsPath}; ${outcome(decision, after)}\n`);
      return decision;
    });
  }, { subject: "decisions file", onWait: (owner) => io.stderr.write(`kg themes: waiting for ${describeOwner(owner)}, who is recording a decision in ${decisionsPath}…\n`) });
}

/** The theme nodes of a graph, with their members, most recurrent first. */
export function listThemes(graph: KgGraph, codebook: Codebook): ThemeListing[] {
  const families = (codebook as { families?: Map<string, string> }).families;
  const cbFamily = new Map(codebook.themes.map((t) => [`cb:${t.id}`, (t as { family?: string }).family]));
  const out: ThemeListing[] = [];
  graph.forEachNode((key, a) => {
    if (a.label !== "Problem" && a.label !== "Measure") return;
    const themeId = String(a.themeId);
    const familyId = (typeof a.family === "string" ? a.family : undefined) ?? cbFamily.get(themeId);
    const statements: ThemeListing["statements"] = [];
    graph.forEachInEdge(key, (_e, ea, s, _t, sa) => {
      if (ea.type !== "INSTANCE_OF" || sa.label !== "Statement") return;
      const reason = String(ea.reason ?? "");
      statements.push({
        id: s.replace(/^stmt:/, ""),
        text: String(sa.text ?? ""),
        report: String(sa.reportTitle ?? ""),
        path: String(sa.path ?? ""),
        line: Number(sa.line ?? 0),
        score: typeof ea.score === "number" ? ea.score : scoreIn(reason),
        reason,
      });
    });
    statements.sort((x, y) => (y.score ?? -1) - (x.score ?? -1) || x.path.localeCompare(y.path) || x.line - y.line);
    out.push({
      id: themeId,
      kind: a.label === "Problem" ? "problem" : "measure",
      label: String(a.name),
      family: familyId ? (families?.get(familyId) ?? familyId) : null,
      source: String(a.source ?? ""),
      reportCount: Number(a.reportCount ?? 0),
      statementCount: Number(a.statementCount ?? 0),
      statements,
    });
  });
  return out.sort((x, y) => (x.kind === y.kind ? 0 : x.kind === "problem" ? -1 : 1) || y.reportCount - x.reportCount || y.statementCount - x.statementCount || (x.id < y.id ? -1 : 1));
}

/** The score an assignment reason states (codebook score, or cluster similarity); null when none. */
function scoreIn(reason: string): number | null {
  const m = /(?:score|similarity) (-?\d+(?:\.\d+)?)/.exec(reason);
  if (m) return Number(m[1]);
  return /medoid|a theme of its own/.test(reason) ? 1 : null;
}

function formatListing(listing: ThemeListing[]): string {
  if (listing.length === 0) return "no themes in the graph (run `kg import <paths>` first)\n";
  const lines: string[] = [];
  for (const t of listing) {
    const family = t.family ? `  [${t.family}]` : "";
    lines.push(`${t.kind === "problem" ? "问题" : "对策"}  ${safeText(t.id)}  ${safeText(t.label)}${safeText(family)}  — ${t.reportCount} report(s), ${t.statementCount} statement(s)`);
    for (const s of t.statements) {
      const score = s.score === null ? "   —" : s.score.toFixed(2).padStart(5);
      lines.push(`  ${score}  ${s.id}  ${statementLine(s.text)}  (${safeText(s.path)}:${s.line})`);
    }
  }
  return `${lines.join("\n")}\n`;
}

function outcome(d: Decision, graph: KgGraph): string {
  const theme = (id: string) => graph.findNode((_k, a) => (a.label === "Problem" || a.label === "Measure") && a.themeId === id);
  const describe = (id: string) => {
    const key = theme(id);
    if (!key) return `${id} is no longer in the graph`;
    const a = graph.getNodeAttributes(key);
    return `"${String(a.name)}" (${id}) now has ${String(a.statementCount)} statement(s) in ${String(a.reportCount)} report(s)`;
  };
  switch (d.op) {
    case "merge":
      return describe(d.into);
    case "rename":
      return describe(d.theme);
    case "move":
      return describe(d.to);
    case "split":
      return describe(d.id);
  }
}

// ---------------------------------------------------------------- resolving ids

interface ThemeRef {
  id: string;
  kind: "problem" | "measure";
  label: string;
  statements: Set<string>;
}

function themesOf(graph: KgGraph): ThemeRef[] {
  const out: ThemeRef[] = [];
  graph.forEachNode((key, a) => {
    if (a.label !== "Problem" && a.label !== "Measure") return;
    const statements = new Set<string>();
    graph.forEachInEdge(key, (_e, ea, s) => {
      if (ea.type === "INSTANCE_OF") statements.add(s.replace(/^stmt:/, ""));
    });
    out.push({ id: String(a.themeId), kind: a.label === "Problem" ? "problem" : "measure", label: String(a.name), statements });
  });
  return out.sort((x, y) => (x.id < y.id ? -1 : 1));
}

/** The decision with its ids checked against the graph; UsageError (exit 2, one line) otherwise. */
export function resolveDecision(request: DecisionRequest, graph: KgGraph, opts: Pick<ThemesOptions, "label"> = {}): Decision {
  const decision = resolveIds(request, graph, opts);
  // The statements of each theme named, so the decision can follow a cluster whose id changes later.
  const themes = new Map(themesOf(graph).map((t) => [t.id, t]));
  const named = decision.op === "merge" ? [decision.from, decision.into] : decision.op === "move" ? [decision.to] : [decision.theme];
  const members = Object.fromEntries(named.filter((id) => themes.has(id)).map((id) => [id, [...themes.get(id)!.statements].sort()]));
  return { ...decision, members };
}

function resolveIds(request: DecisionRequest, graph: KgGraph, opts: Pick<ThemesOptions, "label">): Decision {
  const themes = themesOf(graph);
  const theme = (arg: string) => findTheme(arg, themes);
  const statement = (arg: string) => findStatement(arg, graph);
  const [a = "", b = ""] = request.args;
  switch (request.op) {
    case "merge": {
      const from = theme(a);
      const into = theme(b);
      if (from.id === into.id) throw new UsageError(`themes merge: ${from.id} and ${into.id} are the same theme.`);
      if (from.kind !== into.kind) throw new UsageError(`themes merge: ${from.id} is a ${from.kind} theme and ${into.id} a ${into.kind} theme; merge themes of one kind.`);
      return { op: "merge", from: from.id, into: into.id, fromLabel: from.label, intoLabel: into.label };
    }
    case "rename": {
      const t = theme(a);
      const label = b.trim();
      if (label === "") throw new UsageError("themes rename: the new label is empty.");
      return { op: "rename", theme: t.id, label };
    }
    case "move": {
      const st = statement(a);
      const to = theme(b);
      if (st.kind !== to.kind) throw new UsageError(`themes move: statement ${st.id} is a ${st.kind} and ${to.id} a ${to.kind} theme.`);
      return { op: "move", statement: st.id, to: to.id, text: st.text };
    }
    case "split": {
      const t = theme(a);
      const ids = [...new Set(request.args.slice(1).map((arg) => statement(arg).id))];
      const outside = ids.filter((id) => !t.statements.has(id));
      if (outside.length > 0) throw new UsageError(`themes split: statement(s) ${outside.join(", ")} are not in ${t.id} ("${t.label}").`);
      if (ids.length === t.statements.size) throw new UsageError(`themes split: that is every statement of ${t.id}; rename it instead.`);
      const label = opts.label?.trim();
      return { op: "split", theme: t.id, statements: ids.sort(), id: splitThemeId(ids), ...(label ? { label } : {}) };
    }
  }
}

function findTheme(arg: string, themes: ThemeRef[]): ThemeRef {
  const wanted = arg.trim().replace(/^(problem|measure):/, "");
  const exact = themes.find((t) => t.id === wanted) ?? uniqueOrNone(themes.filter((t) => t.label === wanted));
  if (exact) return exact;
  const close = closeMatches(wanted, themes.map((t) => ({ id: t.id, text: t.label })));
  throw new UsageError(`themes: no theme "${safeText(arg)}"${close.length ? `; close matches: ${close.join(", ")}` : "; `kg themes` lists them"}.`);
}

function findStatement(arg: string, graph: KgGraph): { id: string; kind: string; text: string } {
  const wanted = arg.trim().replace(/^stmt:/, "");
  const ids: string[] = [];
  graph.forEachNode((key, a) => {
    if (a.label === "Statement") ids.push(key.replace(/^stmt:/, ""));
  });
  const hit = ids.includes(wanted) ? wanted : wanted.length >= 6 ? uniqueOrNone(ids.filter((id) => id.startsWith(wanted))) : undefined;
  if (hit) {
    const a = graph.getNodeAttributes(`stmt:${hit}`);
    return { id: hit, kind: String(a.kind), text: String(a.text ?? "") };
  }
  const close = closeMatches(wanted, ids.map((id) => ({ id, text: String(graph.getNodeAttribute(`stmt:${id}`, "text") ?? "") })));
  throw new UsageError(`themes: no statement "${safeText(arg)}"${close.length ? `; close matches: ${close.join(", ")}` : "; `kg themes` lists statement ids"}.`);
}

function uniqueOrNone<T>(list: T[]): T | undefined {
  return list.length === 1 ? list[0] : undefined;
}

/** Up to five ids whose id or text is closest to `wanted` (shared prefix, containment, edit distance). */
function closeMatches(wanted: string, items: { id: string; text: string }[]): string[] {
  const w = wanted.toLowerCase();
  const scored = items.map((item) => {
    const id = item.id.toLowerCase();
    let score = Math.min(editDistance(w, id), editDistance(w, item.text));
    if (id.includes(w) || (w.length >= 2 && item.text.includes(wanted))) score = Math.min(score, 1);
    return { item, score };
  });
  const limit = Math.max(2, Math.floor(w.length / 2));
  return scored
    .filter((s) => s.score <= limit)
    .sort((a, b) => a.score - b.score || (a.item.id < b.item.id ? -1 : 1))
    .slice(0, 5)
    .map((s) => (s.item.text ? `${s.item.id} (${statementLine(s.item.text, 20)})` : s.item.id));
}

function editDistance(a: string, b: string): number {
  const x = Array.from(a);
  const y = Array.from(b);
  let prev = Array.from({ length: y.length + 1 }, (_, j) => j);
  for (let i = 1; i <= x.length; i++) {
    const cur = [i];
    for (let j = 1; j <= y.length; j++) cur[j] = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + (x[i - 1] === y[j - 1] ? 0 : 1));
    prev = cur;
  }
  return prev[y.length]!;
}

// ---------------------------------------------------------------- the store

/** Run `fn` on the graph from Neo4j (when configured) or the graph file; the driver is closed after. */
async function withGraph<T>(opts: ThemesOptions, io: ThemesIo, fn: (graph: KgGraph, neo?: Neo4jHandle) => Promise<T>): Promise<T> {
  const config = resolveConfig({ neo4j: opts.neo4j, database: opts.database }, { env: io.env ?? process.env, cwd: io.cwd ?? process.cwd() });
  const { connectNeo4j, createKgGraph, readGraph, readGraphFile, toStoreError } = await stores();
  if (!config.uri) return fn(await readGraphFile(opts.graph ?? DEFAULT_GRAPH_FILE));
  const neo = await connectNeo4j({ ...config, uri: config.uri });
  try {
    const graph = createKgGraph();
    try {
      graph.import((await readGraph(neo.driver, { database: neo.database })) as unknown as Parameters<KgGraph["import"]>[0]);
    } catch (err) {
      throw toStoreError(err, { uri: neo.uri, database: neo.database });
    }
    return await fn(graph, neo);
  } finally {
    await neo.driver.close();
  }
}

function defaultIo(): ThemesIo {
  return { stdout: process.stdout, stderr: process.stderr };
}
