/*
 * `kg query <name> [--param key=value ...] [--json]` runs a query of the Cypher library
 * (cypher/queries/) against the configured Neo4j and prints an aligned table or JSON rows;
 * `kg query --list` shows the library without a database. Also the table printer (CJK-aware widths).
 */
import type { Command } from "commander";

import { requireNeo4j, resolveConfig } from "../../config.ts";
import { UsageError } from "../../errors.ts";
import { connectNeo4j } from "../../store/neo4j/client.ts";
import { findQuery, loadQueryLibrary, type NamedQuery, parseParamArgs } from "../../store/neo4j/queries.ts";
import { runNamedQuery, type QueryResult } from "../../store/neo4j/run-query.ts";
import { maxOf, pushAll } from "../../util/arrays.ts";
import { safeText } from "../../util/terminal.ts";

/** Flags of `kg query`, without commander types. */
export interface QueryOptions {
  param?: string[] | undefined;
  json?: boolean | undefined;
  list?: boolean | undefined;
  describe?: boolean | undefined;
  neo4j?: string | undefined;
  database?: string | undefined;
  /** Widest a table cell may be, in terminal columns (default 40). */
  maxWidth?: number | undefined;
}

/** Where the command reads its settings; tests pass their own. */
export interface QueryIo {
  env?: NodeJS.ProcessEnv;
  cwd?: string;
}

/** Register `kg query`. */
export function registerQuery(program: Command): void {
  program
    .command("query")
    .description("run a query of the Cypher library against Neo4j (kg query --list shows them)")
    .argument("[name]", "query name, e.g. problems-ranked")
    .option("-p, --param <key=value>", "a query parameter; repeat for several (see --describe)", collect)
    .option("--json", "print the rows as JSON (full values, nothing truncated)")
    .option("-l, --list", "list the queries with a one-line description (no database needed)")
    .option("--describe", "show a query's parameters, defaults and Neo4j Browser :param lines")
    .option("--neo4j <uri>", "Neo4j to query (default: NEO4J_URI from the environment or .env, else bolt://127.0.0.1:7687)")
    .option("--database <name>", "Neo4j database (default: NEO4J_DATABASE, else the server's default)")
    .option("--max-width <n>", "widest table cell in columns (default 40)", parseMaxWidth)
    .action(async (name: string | undefined, opts: QueryOptions) => {
      process.stdout.write(await runQueryCommand(name, opts));
    });
}

function collect(value: string, previous: string[] | undefined): string[] {
  return [...(previous ?? []), value];
}

function parseMaxWidth(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 8) throw new UsageError(`query: --max-width must be a whole number of at least 8, got "${value}".`);
  return n;
}

/**
 * Run `kg query` and return what it prints on stdout; throws UsageError (exit 2) or StoreError (exit 3 / 1).
 * @example process.stdout.write(await runQueryCommand("problems-ranked", { param: ["limit=5"] }));
 */
export async function runQueryCommand(name: string | undefined, opts: QueryOptions, io: QueryIo = {}): Promise<string> {
  const library = loadQueryLibrary();
  if (opts.list) return opts.json ? `${JSON.stringify(library.map(describeJson), null, 2)}\n` : formatList(library);
  if (!name) {
    throw new UsageError(`query: name a query, e.g. \`kg query ${library[0]?.name ?? "<name>"}\`; \`kg query --list\` shows all ${library.length}.`);
  }
  const query = findQuery(library, name);
  if (opts.describe) return opts.json ? `${JSON.stringify(describeJson(query), null, 2)}\n` : formatDescription(query);
  const params = parseParamArgs(query, opts.param ?? []);
  const config = requireNeo4j(resolveConfig({ neo4j: opts.neo4j, database: opts.database }, { env: io.env ?? process.env, cwd: io.cwd ?? process.cwd() }));
  const handle = await connectNeo4j(config);
  let result: QueryResult;
  try {
    result = await runNamedQuery(handle, query, params);
  } finally {
    await handle.driver.close();
  }
  if (opts.json) return `${JSON.stringify(result.rows, null, 2)}\n`;
  const shown = result.columns.filter((c) => !result.graphColumns.includes(c));
  const table = formatTable(shown, result.rows, { maxCellWidth: opts.maxWidth ?? DEFAULT_MAX_CELL_WIDTH });
  const hidden = result.graphColumns.length
    ? `; columns ${result.graphColumns.join(", ")} hold nodes and relationships: Neo4j Browser draws them, --json prints them`
    : "";
  return `${table}(${result.rows.length} row${result.rows.length === 1 ? "" : "s"}${hidden})\n`;
}

function describeJson(q: NamedQuery) {
  return { name: q.name, description: q.description, params: q.params, browserParams: q.browserParams, path: q.path };
}

/** `kg query --list`: names and descriptions, aligned. */
export function formatList(library: readonly NamedQuery[]): string {
  const width = maxOf(library.map((q) => q.name.length), 0);
  const lines = library.map((q) => `${q.name.padEnd(width)}  ${q.description}`);
  return `${lines.join("\n")}\n\nRun one with \`kg query <name> [--param key=value ...] [--json]\`; \`kg query <name> --describe\` shows its parameters.\n`;
}

/** `kg query <name> --describe`: what the query answers and its parameters. */
export function formatDescription(q: NamedQuery): string {
  const out = [`${q.name}: ${q.description}`, `file: ${q.path}`];
  out.push(q.params.length ? "parameters:" : "parameters: none");
  for (const p of q.params) out.push(`  ${p.name} (${p.type}, default ${p.defaultText})`);
  if (q.browserParams.length) out.push("Neo4j Browser:");
    pushAll(out, q.browserParams.map((l) => `  ${l}`));
  return `${out.join("\n")}\n`;
}

// ---------------------------------------------------------------- table printer

/** Widest table cell by default, in terminal columns. */
export const DEFAULT_MAX_CELL_WIDTH = 40;

/** Options of formatTable. */
export interface TableOptions {
  /** Widest a cell may be, in terminal columns; longer values end in "…". */
  maxCellWidth?: number;
}

/**
 * An aligned text table: header, rule, one line per row. Wide (CJK) characters count as two
 * columns; lists are joined with "; "; numbers are right-aligned; line breaks become spaces.
 */
export function formatTable(columns: readonly string[], rows: readonly Record<string, unknown>[], opts: TableOptions = {}): string {
  const max = opts.maxCellWidth ?? DEFAULT_MAX_CELL_WIDTH;
  const cells = rows.map((row) => columns.map((c) => truncate(cellText(row[c]), max)));
  const numeric = columns.map((c) => rows.length > 0 && rows.every((r) => r[c] === null || r[c] === undefined || typeof r[c] === "number"));
  const widths = columns.map((c, i) => maxOf(cells.map((r) => displayWidth(r[i] ?? "")), displayWidth(truncate(c, max))));
  const line = (texts: readonly string[]) =>
    texts
      .map((t, i) => pad(t, widths[i] ?? 0, numeric[i] ?? false))
      .join("  ")
      .trimEnd();
  const out = [line(columns.map((c) => truncate(c, max))), line(widths.map((w) => "-".repeat(w))), ...cells.map(line)];
  return `${out.join("\n")}\n`;
}

/** The text of one cell. */
export function cellText(value: unknown): string {
  if (value === null || value === undefined) return "";
  if (Array.isArray(value)) return value.map(cellText).join("; ");
  if (typeof value === "number") return Number.isInteger(value) ? String(value) : String(Math.round(value * 1000) / 1000);
  if (typeof value === "object") return safeText(JSON.stringify(value));
  return safeText(String(value).replace(/\s+/g, " ").trim());
}

function pad(text: string, width: number, right: boolean): string {
  const fill = " ".repeat(Math.max(0, width - displayWidth(text)));
  return right ? fill + text : text + fill;
}

/** Cut text to at most `max` columns, ending in "…" when cut. */
export function truncate(text: string, max: number): string {
  if (displayWidth(text) <= max) return text;
  let out = "";
  let width = 0;
  for (const ch of text) {
    const w = charWidth(ch);
    if (width + w > max - 1) break;
    out += ch;
    width += w;
  }
  return `${out}…`;
}

/** Columns a string takes in a terminal: East Asian wide and full-width characters count 2, combining marks 0. */
export function displayWidth(text: string): number {
  let width = 0;
  for (const ch of text) width += charWidth(ch);
  return width;
}

// East Asian Width W and F ranges (Unicode 15), coarse but covering CJK text and punctuation.
const WIDE_RANGES: readonly (readonly [number, number])[] = [
  [0x1100, 0x115f],
  [0x231a, 0x231b],
  [0x2329, 0x232a],
  [0x2e80, 0x303e],
  [0x3041, 0x33ff],
  [0x3400, 0x4dbf],
  [0x4e00, 0x9fff],
  [0xa000, 0xa4cf],
  [0xa960, 0xa97f],
  [0xac00, 0xd7a3],
  [0xf900, 0xfaff],
  [0xfe10, 0xfe19],
  [0xfe30, 0xfe6f],
  [0xff00, 0xff60],
  [0xffe0, 0xffe6],
  [0x1f300, 0x1f64f],
  [0x1f900, 0x1f9ff],
  [0x20000, 0x3fffd],
];

function charWidth(ch: string): number {
  const cp = ch.codePointAt(0) ?? 0;
  if (cp === 0 || (cp >= 0x0300 && cp <= 0x036f) || (cp >= 0x200b && cp <= 0x200f) || cp === 0xfe0f) return 0;
  if (cp < 0x1100) return 1;
  return WIDE_RANGES.some(([lo, hi]) => cp >= lo && cp <= hi) ? 2 : 1;
}
