/*
 * The analyst's codebook: decisions about themes (merge, rename, move a statement, split statements
 * off), kept in one JSON file (default: decisions.json next to the graph file) and applied by every
 * extract and import after theme assignment, before links and recurrence, so they survive re-imports
 * and new reports. Decisions name themes and statements by their stable ids (codebook `cb:<id>`,
 * cluster ids, `an:<hash>` for themes an analyst split off; statement ids are content-derived).
 * A decision that no longer applies is reported as a warning, one line each, and kept in the file.
 */
import { mkdir, readFile, rename, writeFile } from "node:fs/promises";
import { dirname, join } from "node:path";

import { InputError, UsageError } from "../errors.ts";
import { hashKey } from "../graph/keys.ts";
import type { Diagnostic, ScoredStatement, Theme } from "../types.ts";
import type { ThemeAssignmentResult } from "./assign-themes.ts";
import { shortLabel } from "./cluster.ts";

export const DECISIONS_VERSION = 1;

/** Merge theme `from` into theme `into` (into keeps its id and label). */
export interface MergeDecision {
  op: "merge";
  from: string;
  into: string;
  /** Labels when the decision was made, for the reader of the file and for messages. */
  fromLabel?: string;
  intoLabel?: string;
}
/** Give a theme a label of the analyst's choosing. */
export interface RenameDecision {
  op: "rename";
  theme: string;
  label: string;
}
/** Put one statement in another theme of its kind. */
export interface MoveDecision {
  op: "move";
  statement: string;
  to: string;
  /** The statement's text when the decision was made, for the reader. */
  text?: string;
}
/** Take statements out of a theme into a new theme of their own (`id`: an:<hash of the statement ids>). */
export interface SplitDecision {
  op: "split";
  theme: string;
  statements: string[];
  id: string;
  label?: string;
}
/**
 * Every decision may also carry `members`: for each theme it names, the statements that theme held when
 * the decision was made. A cluster theme's id changes when its members do (new reports join it); the
 * decision then follows the theme that now holds most of those statements, and says so.
 */
export type Decision = (MergeDecision | RenameDecision | MoveDecision | SplitDecision) & { members?: Record<string, string[]> };

export interface DecisionsFile {
  version: typeof DECISIONS_VERSION;
  decisions: Decision[];
}

/** A decisions file as read: where it is (for messages) and what it says. */
export interface LoadedDecisions {
  path: string;
  decisions: Decision[];
}

/** The decisions file that goes with a graph file: decisions.json in the same folder. */
export function defaultDecisionsPath(graphFile: string): string {
  return join(dirname(graphFile), "decisions.json");
}

/** Id of the theme made by splitting `statements` off: the same statements give the same id. */
export function splitThemeId(statements: readonly string[]): string {
  // One joined part hashes exactly as the parts would (hashKey joins with U+241F), without a spread of unbounded length.
  return `an:${hashKey([...new Set(statements)].sort().join("\u241f")).slice(0, 12)}`;
}

/**
 * Read a decisions file; a missing file is an empty list. A corrupt file stops the run with one line
 * naming it (exit 2) and is left as it is.
 */
export async function loadDecisions(path: string): Promise<LoadedDecisions> {
  let text: string;
  try {
    text = await readFile(path, "utf8");
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === "ENOENT") return { path, decisions: [] };
    throw new InputError(`decisions file "${path}": cannot read it (${code ?? "error"}).`, { cause: err });
  }
  return { path, decisions: parseDecisions(text, path).decisions };
}

/** Parse and check the text of a decisions file. Throws UsageError (one line, with the path). */
export function parseDecisions(text: string, path: string): DecisionsFile {
  const fail = (why: string): never => {
    throw new UsageError(`decisions file "${path}" is not valid: ${why}. Fix or remove it; kg has not changed it.`);
  };
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (err) {
    return fail(`not JSON (${(err as Error).message.split("\n")[0]})`);
  }
  if (!isObject(data)) return fail("expected an object with version and decisions");
  if (data.version !== DECISIONS_VERSION) return fail(`version must be ${DECISIONS_VERSION}`);
  if (!Array.isArray(data.decisions)) return fail("decisions must be a list");
  const decisions = data.decisions.map((d, i) => {
    const why = checkDecision(d);
    return why ? fail(`decision ${i + 1}: ${why}`) : (d as Decision);
  });
  return { version: DECISIONS_VERSION, decisions };
}

/** Write the decisions file atomically (temp file, then rename), creating its folder. */
export async function saveDecisions(path: string, decisions: readonly Decision[]): Promise<void> {
  await mkdir(dirname(path), { recursive: true });
  const tmp = `${path}.${process.pid}.tmp`;
  const file: DecisionsFile = { version: DECISIONS_VERSION, decisions: [...decisions] };
  await writeFile(tmp, `${JSON.stringify(file, null, 2)}\n`, "utf8");
  await rename(tmp, path);
}

/** One decision in words, for messages and listings. */
export function describeDecision(d: Decision): string {
  switch (d.op) {
    case "merge":
      return `merge ${d.from} into ${d.into}`;
    case "rename":
      return `rename ${d.theme} to "${d.label}"`;
    case "move":
      return `move statement ${d.statement} to ${d.to}`;
    case "split":
      return `split ${d.statements.length} statement(s) off ${d.theme} as ${d.id}`;
  }
}

/** A theme without its members (whatever else the themes stage gives it, e.g. a family, is kept). */
type ThemeInfo = Omit<Theme, "statementIds" | "reportIds">;

/**
 * Apply the decisions, in file order, to a theme assignment over `statements` (in canonical order).
 * A decision that no longer applies (its theme or statement is gone, kinds differ) adds a warning to
 * `diagnostics` and changes nothing. Themes left without statements disappear.
 */
export function applyDecisions(
  assigned: ThemeAssignmentResult,
  statements: readonly ScoredStatement[],
  loaded: LoadedDecisions,
  diagnostics: Diagnostic[],
): ThemeAssignmentResult {
  const info = new Map<string, ThemeInfo>(assigned.themes.map(({ statementIds: _s, reportIds: _r, ...t }) => [t.id, t]));
  const themeOf = new Map(assigned.themeOf);
  const explanations = new Map(assigned.explanations);
  const byId = new Map(statements.map((s) => [s.id, s]));
  const note = (id: string, why: string) => explanations.set(id, `${explanations.get(id) ?? ""}; analyst: ${why}`);
  const membersOf = (theme: string) => statements.filter((s) => themeOf.get(s.id) === theme).map((s) => s.id);

  loaded.decisions.forEach((d, i) => {
    const n = i + 1;
    const skip = (why: string) =>
      diagnostics.push({
        severity: "warning",
        origin: "themes:decisions",
        path: loaded.path,
        message: `decision ${n} (${describeDecision(d)}) no longer applies: ${why}; it stays in the file`,
      });
    const theme = (id: string) => info.get(id) ?? followMembers(id);
    // A theme that is gone under its id: the theme of the same kind holding most of its former statements.
    const followMembers = (id: string): ThemeInfo | undefined => {
      const former = d.members?.[id];
      if (!former || former.length === 0) return undefined;
      const counts = new Map<string, number>();
      for (const sid of former) {
        const now = themeOf.get(sid);
        if (now !== undefined && info.has(now)) counts.set(now, (counts.get(now) ?? 0) + 1);
      }
      const [best] = [...counts].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1));
      if (!best) return undefined;
      diagnostics.push({
        severity: "warning",
        origin: "themes:decisions",
        path: loaded.path,
        message: `decision ${n} (${describeDecision(d)}): theme ${id} is gone; applied to ${best[0]}, which holds ${best[1]} of its ${former.length} statement(s)`,
      });
      return info.get(best[0]);
    };
    switch (d.op) {
      case "merge": {
        const from = theme(d.from);
        const into = theme(d.into);
        if (!from) return skip(`no theme ${d.from}`);
        if (!into) return skip(`no theme ${d.into}`);
        if (from.kind !== into.kind) return skip(`${d.from} is a ${from.kind} theme and ${d.into} a ${into.kind} theme`);
        if (from.id === into.id) return;
        for (const id of membersOf(from.id)) {
          themeOf.set(id, into.id);
          note(id, `theme "${from.label}" merged into "${into.label}" (decision ${n})`);
        }
        info.delete(from.id);
        return;
      }
      case "rename": {
        const t = theme(d.theme);
        if (!t) return skip(`no theme ${d.theme}`);
        t.label = d.label;
        return;
      }
      case "move": {
        const st = byId.get(d.statement);
        const to = theme(d.to);
        if (!st) return skip(`no statement ${d.statement}`);
        if (!themeOf.has(st.id)) return skip(`statement ${d.statement} is a ${st.kind}, which has no theme`);
        if (!to) return skip(`no theme ${d.to}`);
        if (to.kind !== st.kind) return skip(`statement ${d.statement} is a ${st.kind} and ${d.to} a ${to.kind} theme`);
        if (themeOf.get(st.id) === to.id) return;
        themeOf.set(st.id, to.id);
        note(st.id, `moved to "${to.label}" (decision ${n})`);
        return;
      }
      case "split": {
        const t = theme(d.theme);
        if (!t) return skip(`no theme ${d.theme}`);
        const inTheme = d.statements.filter((id) => themeOf.get(id) === t.id);
        if (inTheme.length === 0) return skip(`none of its statements is in ${d.theme} any more`);
        const missing = d.statements.filter((id) => themeOf.get(id) !== t.id);
        if (missing.length > 0) {
          diagnostics.push({
            severity: "warning",
            origin: "themes:decisions",
            path: loaded.path,
            message: `decision ${n} (${describeDecision(d)}) applies only in part: statement(s) ${missing.join(", ")} no longer in ${d.theme}; the others were split off`,
          });
        }
        const first = statements.find((s) => inTheme.includes(s.id))!;
        const made: ThemeInfo = info.get(d.id) ?? { ...t, id: d.id, label: d.label ?? shortLabel(first.normText), source: "analyst" };
        info.set(d.id, made);
        for (const id of inTheme) {
          themeOf.set(id, d.id);
          note(id, `split off "${t.label}" (decision ${n})`);
        }
        return;
      }
    }
  });

  // Each theme's statements in statement order, from one pass over the statements (not one per theme).
  const byTheme = new Map<string, ScoredStatement[]>();
  for (const s of statements) {
    const id = themeOf.get(s.id);
    if (id === undefined) continue;
    const list = byTheme.get(id);
    if (list) list.push(s);
    else byTheme.set(id, [s]);
  }
  const themes: Theme[] = [];
  for (const t of info.values()) {
    const members = byTheme.get(t.id);
    if (members === undefined) continue;
    themes.push({ ...t, statementIds: members.map((s) => s.id), reportIds: [...new Set(members.map((s) => s.reportId))] });
  }
  // Whatever else the themes stage returns (e.g. scores) passes through.
  return { ...assigned, themes, themeOf, explanations };
}

function checkDecision(d: unknown): string | null {
  if (!isObject(d)) return "not an object";
  if (d.members !== undefined) {
    const ok = isObject(d.members) && Object.values(d.members).every((v) => Array.isArray(v) && v.every((x) => typeof x === "string"));
    if (!ok) return "members must map theme ids to lists of statement ids";
  }
  const str = (k: string) => typeof d[k] === "string" && (d[k] as string).trim() !== "";
  switch (d.op) {
    case "merge":
      return str("from") && str("into") ? null : "merge needs from and into (theme ids)";
    case "rename":
      return str("theme") && str("label") ? null : "rename needs theme (an id) and label";
    case "move":
      return str("statement") && str("to") ? null : "move needs statement and to (a theme id)";
    case "split":
      if (!str("theme") || !str("id")) return "split needs theme and id";
      if (!Array.isArray(d.statements) || d.statements.length === 0 || !d.statements.every((s) => typeof s === "string")) {
        return "split needs statements (a list of statement ids)";
      }
      if (d.label !== undefined && typeof d.label !== "string") return "split label must be text";
      return null;
    default:
      return `unknown op ${JSON.stringify(d.op)} (merge, rename, move or split)`;
  }
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}
