/*
 * The Cypher query library (cypher/queries/*.cypher): reads each file and parses its header comment
 * (name, one-line description, declared parameters with their types and defaults, Browser `:param`
 * lines), and turns `key=value` arguments into typed parameter values. No driver here: run-query.ts runs them.
 */
import { readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";

import { UsageError } from "../../errors.ts";
import { CYPHER_DIR } from "./cypher.ts";

/** Folder of the query library. */
export const QUERIES_DIR = join(CYPHER_DIR, "queries");

/** Types a query parameter may declare; integers are sent as Neo4j integers. */
export const PARAM_TYPES = ["string", "integer", "float", "boolean"] as const;
/** One of PARAM_TYPES. */
export type ParamType = (typeof PARAM_TYPES)[number];

/** One parameter a query declares in its `// params:` header line. */
export interface QueryParam {
  name: string;
  type: ParamType;
  /** The default in words, as the header says it (the query computes the real default itself). */
  defaultText: string;
}

/** A parsed query file. */
export interface NamedQuery {
  name: string;
  description: string;
  params: QueryParam[];
  /** `:params {…}` and `:param name => value` lines for Neo4j Browser, from the header comments. */
  browserParams: string[];
  /** The whole file: Neo4j ignores the `//` comments. */
  cypher: string;
  path: string;
}

/** A parameter value given on the command line, typed by the query's declaration. */
export type ParamValue = string | number | boolean;

const NAME_RE = /^[a-z][a-z0-9]*(?:-[a-z0-9]+)*$/;
const PARAM_RE = /^([A-Za-z_][A-Za-z0-9_]*)\s*\(\s*([a-z]+)\s*(?:,\s*default\s+(.+?))?\s*\)$/;

/**
 * Parse one query file: header lines `// name:`, `// description:`, `// params:` (or `none`).
 * Throws an Error naming the file when the header is incomplete or the declared parameters differ
 * from the `$parameters` the Cypher uses.
 */
export function parseQueryFile(text: string, path: string): NamedQuery {
  const fail = (what: string): never => {
    throw new Error(`parseQueryFile: ${path}: ${what}.`);
  };
  const header = headerFields(text);
  const name = header.get("name") ?? fail('missing "// name: <kebab-name>"');
  if (!NAME_RE.test(name)) fail(`name "${name}" is not kebab-case`);
  const description = header.get("description") ?? fail('missing "// description: <one line>"');
  const paramsLine = header.get("params") ?? fail('missing "// params: …" (write "none" when there are none)');
  const params = parseParamsLine(paramsLine, fail);
  const declared = params.map((p) => p.name).sort();
  const used = usedParameters(text);
  if (declared.join(",") !== used.join(",")) {
    fail(`declares parameters [${declared.join(", ")}] but the Cypher uses [${used.join(", ")}]`);
  }
  const browserParams = text
    .split("\n")
    .map((line) => /^\s*\/\/\s*(:params?\s+.+?)\s*$/.exec(line)?.[1])
    .filter((line): line is string => line !== undefined);
  return { name, description, params, browserParams, cypher: text, path };
}

/** `// key: value` lines of the leading comment block. */
function headerFields(text: string): Map<string, string> {
  const fields = new Map<string, string>();
  for (const line of text.split("\n")) {
    if (!line.trimStart().startsWith("//")) break;
    const m = /^\s*\/\/\s*(name|description|params):\s*(.*?)\s*$/.exec(line);
    if (m?.[1] && m[2] && !fields.has(m[1])) fields.set(m[1], m[2]);
  }
  return fields;
}

function parseParamsLine(line: string, fail: (what: string) => never): QueryParam[] {
  if (/^none$/i.test(line)) return [];
  return splitTopLevel(line).map((entry) => {
    const m = PARAM_RE.exec(entry);
    if (!m?.[1] || !m[2]) return fail(`cannot read parameter "${entry}": write "<name> (<type>, default <value>)"`);
    if (!(PARAM_TYPES as readonly string[]).includes(m[2])) fail(`parameter ${m[1]} has unknown type "${m[2]}" (${PARAM_TYPES.join(", ")})`);
    return { name: m[1], type: m[2] as ParamType, defaultText: m[3] ?? "null" };
  });
}

/** Split on commas outside parentheses and quotes. */
function splitTopLevel(line: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let quote: string | null = null;
  let current = "";
  for (const ch of line) {
    if (quote) {
      if (ch === quote) quote = null;
    } else if (ch === "'" || ch === '"') quote = ch;
    else if (ch === "(") depth += 1;
    else if (ch === ")") depth -= 1;
    else if (ch === "," && depth === 0) {
      parts.push(current.trim());
      current = "";
      continue;
    }
    current += ch;
  }
  if (current.trim()) parts.push(current.trim());
  return parts;
}

/** Names of the `$parameters` in the Cypher, outside comments and string literals, sorted and unique. */
export function usedParameters(cypher: string): string[] {
  const code = stripCommentsAndStrings(cypher);
  return [...new Set([...code.matchAll(/\$([A-Za-z_][A-Za-z0-9_]*)/g)].map((m) => m[1] as string))].sort();
}

/** The Cypher with line and block comments and the contents of '…', "…" and `…` literals removed. */
export function stripCommentsAndStrings(cypher: string): string {
  let out = "";
  let i = 0;
  while (i < cypher.length) {
    const ch = cypher[i] as string;
    if (ch === "/" && cypher[i + 1] === "/") {
      while (i < cypher.length && cypher[i] !== "\n") i += 1;
      continue;
    }
    if (ch === "/" && cypher[i + 1] === "*") {
      const end = cypher.indexOf("*/", i + 2);
      i = end < 0 ? cypher.length : end + 2;
      out += " ";
      continue;
    }
    if (ch === "'" || ch === '"' || ch === "`") {
      i += 1;
      while (i < cypher.length && cypher[i] !== ch) i += ch !== "`" && cypher[i] === "\\" ? 2 : 1;
      i += 1;
      out += `${ch}${ch}`;
      continue;
    }
    out += ch;
    i += 1;
  }
  return out;
}

/** Read and parse every cypher/queries/*.cypher file, sorted by name; names must be unique. */
export function loadQueryLibrary(dir: string = QUERIES_DIR): NamedQuery[] {
  const files = readdirSync(dir)
    .filter((f) => f.endsWith(".cypher"))
    .sort();
  const queries = files.map((f) => parseQueryFile(readFileSync(join(dir, f), "utf8"), join(dir, f)));
  const seen = new Map<string, string>();
  for (const q of queries) {
    const other = seen.get(q.name);
    if (other) throw new Error(`loadQueryLibrary: the name "${q.name}" is used by ${other} and ${q.path}.`);
    seen.set(q.name, q.path);
  }
  return queries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}

/** The query with this name, or a UsageError that lists the closest names. */
export function findQuery(library: readonly NamedQuery[], name: string): NamedQuery {
  const query = library.find((q) => q.name === name);
  if (query) return query;
  const close = closeNames(library.map((q) => q.name), name);
  const hint = close.length > 0 ? ` Did you mean: ${close.join(", ")}?` : "";
  throw new UsageError(`query: there is no query named "${name}".${hint} Run \`kg query --list\` to see them all.`);
}

/** Names close to `wanted`: sharing a word with it, containing it, or a few edits away. Best first, at most 5. */
export function closeNames(names: readonly string[], wanted: string): string[] {
  const w = wanted.toLowerCase();
  const words = new Set(w.split(/[-_\s]+/).filter((x) => x.length >= 3));
  const scored = names.map((name) => {
    const distance = editDistance(name, w);
    const shared = name.split("-").filter((part) => words.has(part) || [...words].some((x) => part.startsWith(x))).length;
    const contains = name.includes(w) || (w.length >= 3 && w.includes(name));
    const close = distance <= Math.max(2, Math.floor(w.length / 3)) || shared > 0 || contains;
    return { name, close, rank: distance - 3 * shared - (contains ? 5 : 0) };
  });
  return scored
    .filter((s) => s.close)
    .sort((a, b) => a.rank - b.rank || (a.name < b.name ? -1 : 1))
    .slice(0, 5)
    .map((s) => s.name);
}

function editDistance(a: string, b: string): number {
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i += 1) {
    const cur = [i];
    for (let j = 1; j <= b.length; j += 1) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      cur[j] = Math.min((prev[j] ?? 0) + 1, (cur[j - 1] ?? 0) + 1, (prev[j - 1] ?? 0) + cost);
    }
    prev = cur;
  }
  return prev[b.length] ?? 0;
}

/**
 * Turn `key=value` arguments into the query's typed parameters. Throws UsageError for an unknown
 * parameter, a missing `=`, a repeated key or a value that is not of the declared type.
 * @example parseParamArgs(query, ["theme=经费", "limit=5"]) // { theme: "经费", limit: 5 }
 */
export function parseParamArgs(query: NamedQuery, args: readonly string[]): Record<string, ParamValue> {
  const values: Record<string, ParamValue> = {};
  for (const arg of args) {
    const eq = arg.indexOf("=");
    if (eq <= 0) throw new UsageError(`query ${query.name}: "--param ${arg}" must look like key=value.`);
    const key = arg.slice(0, eq).trim();
    const param = query.params.find((p) => p.name === key);
    if (!param) {
      const known = query.params.length ? query.params.map((p) => p.name).join(", ") : "none";
      throw new UsageError(`query ${query.name}: unknown parameter "${key}" (its parameters: ${known}).`);
    }
    if (Object.hasOwn(values, key)) throw new UsageError(`query ${query.name}: parameter "${key}" is given twice.`);
    values[key] = parseValue(query.name, param, arg.slice(eq + 1));
  }
  return values;
}

/** Integer parameters that count something and so must not be negative. */
const NON_NEGATIVE = /^(limit|skip|offset|top|min[A-Z]\w*|max[A-Z]\w*)$/;

function parseValue(queryName: string, param: QueryParam, raw: string): ParamValue {
  const bad = (expected: string): never => {
    throw new UsageError(`query ${queryName}: parameter "${param.name}" must be ${expected}, got "${raw}".`);
  };
  switch (param.type) {
    case "string":
      return raw;
    case "integer": {
      if (!/^\s*-?\d{1,15}\s*$/.test(raw)) return bad("a whole number");
      // Counts and limits (limit, skip, minReports …) cannot be negative: Cypher would fail on them at run time.
      if (Number(raw) < 0 && NON_NEGATIVE.test(param.name)) return bad("a whole number of 0 or more");
      return Number(raw);
    }
    case "float": {
      const n = Number(raw);
      return raw.trim() !== "" && Number.isFinite(n) ? n : bad("a number");
    }
    case "boolean":
      return /^(true|yes|1)$/i.test(raw.trim()) ? true : /^(false|no|0)$/i.test(raw.trim()) ? false : bad("true or false");
  }
}
