/*
 * Versions 3 and 4 of the graph file's format (kg writes version 4; version 3 files, written by kg before
 * it, are read by the same code: they hold none of what version 4 adds). Version 2 (graph-codec-v2.ts:
 * strings table, shapes, edges by node index, records as values) with every text stored once, and what
 * the records give left out. A document's text is in its record; what the graph repeats of it or of the
 * record, or can compute from what is stored, is left out and computed again when read:
 *
 *   {"attributes":{…},"edges":[step to source,step to target,shape,values…, …],"format":"kg-graph",
 *    "implied":"Fdst","impliedAbsent":[…],"impliedShapes":{"m":[shape,count,…],"n":[…]},
 *    "nodes":[key,shape,values…, …],"options":{…},"shapes":[[fields…],…],"strings":[…],"version":4}
 *
 * - Rows follow each other in one list; a row's shape says how many values it has. A shape is the sorted
 *   list of a row's attribute keys: `name` has its value in the row; `name\uE000:value` is the same value on
 *   every row of the shape (a node's `label`, an edge's `type`); `name\uE000rule` is left out and computed by
 *   `rule` (ROW_RULES: the quote of a Statement, Figure or relationship is its document's text at its
 *   offsets; a statement's text, normText, kind, rule, line, offsets, item text and report key come from
 *   its record; a path, report key or title from the report or the relationship's source node; a mention's
 *   lines, contexts, surfaces, count, sentence and offsets from the record's entity; a Report's path,
 *   title, lines, setting and truncated from its record, its name when it is its title; a Document's
 *   sha256 from its text …). An edge whose key is not the one kg derives (graph/keys.ts relKey) has the
 *   field `\uE000k` first, its key as value; a Document's record is the field `record\uE000j`. Shapes are
 *   numbered most used first.
 * - A node's key is written as such, or as a number (a Statement: its place among the records' statements;
 *   a Report: its place among the records' reports; both in the order met), or null (computed: a Figure's
 *   from its report, what, value and offset, a Document's from its sha256). Edges are written by source and
 *   target, each as the step from the edge before (the target's place when the source changes); they are
 *   read back in key order, the places being those of all nodes in key order.
 * - What the records imply is not written. `implied` names the rules of IMPLIED_EDGES whose relationships
 *   (a report's CONTAINS, RAISES, PROPOSES; a document's CONTAINS) are all there with only their type; "F"
 *   says the Figure nodes are those of the records' figures (impliedFigures: graph/build-graph.ts
 *   addFigures), but for those listed in `impliedAbsent` (their places among the implied ones: not in the
 *   graph) and those written as rows (they differ, or the records imply them twice). `impliedShapes` gives,
 *   for the MENTIONS the records imply (impliedMentions: "m" a report's of its organisations and mechanisms,
 *   "n" a statement's of the mechanisms named in its item, in the order the records give them, a report met
 *   before left out), each one's shape in runs of [shape, count], -1 for one not in the graph or written as a
 *   row: all their attributes are computed.
 * - A string value that is a piece of the row's document text (the text of the Document whose `path` the
 *   row has) is written "\uE001" + start + "." + length (base 36) when that is shorter.
 * - Within a record (objects as [shape, values…] with their keys in their own order, lists as they are or as
 *   [-1, items…] when their first item is a number, so that it reads back as the same JSON string; a list of
 *   two objects or more as [-2, shape, values…] when they share a shape, else [-3, shape, values…, shape,
 *   values…]) a statement's `text` (the document text at `textSpan`), `normText` equal to `text`, `id` (its
 *   hash), `reportId` (its report's segment id), `rule` (its first rule in words), `line` (from its offset),
 *   an occurrence's `surface` (its entity's name, or the text at `span`) and `span` (the next place of that
 *   name after the occurrence before), a figure's `quote` (the text at `span`) are left out the same way
 *   (RECORD_RULES); empty lists, booleans, null, a confidence and the strings of keys with few values
 *   (kind, type, context, source, unit, setting, startRule, a rule's id) are constants of the shape
 *   (`name\uE000:` + JSON); a {start, end} span is "\uE002" + start + "." + length; names, titles and
 *   normTexts found in the document text are written as pieces of it.
 * - Every other string of four characters or more that occurs more than once is stored once in `strings`
 *   and referenced as "\uE000" + its index in base 36.
 * Every rule is checked when writing: a value is left out only when the rule gives it back exactly, so the
 * graph read back is the graph written, whatever it holds. Nodes are sorted by key, edges by source and
 * target, attribute keys sorted: the same graph always gives the same bytes. A graph holding U+E000–U+E002
 * is written as version 1.
 */
import * as crypto from "node:crypto";

import type { KgGraph } from "../graph/build-graph.ts";
import { relKey } from "../graph/keys.ts";
import type { KgGraphAttributes, RelType } from "../graph/schema.ts";
import { collectGarbage, HeapBound } from "../util/gc.ts";
import { LineSpool } from "../util/line-spool.ts";
import { ArrayItems, type Items } from "./graph-file-scan.ts";
import { type Attrs, byCodeUnits, GRAPH_FORMAT, propertyOrder, REF, type SerializedKgGraph, stringTable } from "./graph-codec-common.ts";

export const VERSION_3 = 3;
export const VERSION_4 = 4;

const SLICE = "\uE001";
const SPAN = "\uE002";
/** Strings shorter than this are written out (a reference would save little). */
const MIN_INTERNED = 4;
/** Strings shorter than this are never looked for in the document text. */
const MIN_SLICED = 6;
/** Rows per chunk of the writer. */
const CHUNK_ROWS = 2_000;
/** Bytes of planned text (rows, records) held in memory before the rest goes to a temporary file (HeldText). */
const SPILL_AFTER = 16 * 2 ** 20;
/** The field of an edge shape whose value is the edge's own key. */
const KEY_FIELD = `${REF}k`;
/** The field of a Document's record written as a value (graph/records.ts JSON, decoded). */
const RECORD_FIELD = `record${REF}j`;
/** Row attributes kept as values whose rule reads the document: never written as pieces of it. */
const NEVER_SLICED = new Set(["path", "reportKey", "label", "type"]);

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };

/** What a rule can look at: the row, and what the rest of the file holds. */
interface RowView {
  key: string | undefined;
  source: string | undefined;
  target?: string | undefined;
  get(name: string): unknown;
  /** The row's statement in its record (null: none), found once. */
  statement?: Attrs | null;
  /** What mentionOf and statementMentionOf found for the row (null: nothing), computed once. */
  mention?: MentionFound | null;
  statementMention?: StatementMentionFound | null;
}
/**
 * The row the rules look at, one object reused for every row (reset): when reading (`resolve` given), a
 * value written as a piece of the document text is read from that text when first asked for.
 */
class Row implements RowView {
  key: string | undefined = undefined;
  source: string | undefined = undefined;
  target: string | undefined = undefined;
  statement: Attrs | null | undefined = undefined;
  mention: MentionFound | null | undefined = undefined;
  statementMention: StatementMentionFound | null | undefined = undefined;
  private attrs: Attrs = {};
  private text: string | undefined | null = null;
  constructor(private readonly resolve: Context | null) {}
  reset(attrs: Attrs, key: string | undefined, source: string | undefined, target: string | undefined): this {
    this.attrs = attrs;
    this.key = key;
    this.source = source;
    this.target = target;
    this.statement = undefined;
    this.mention = undefined;
    this.statementMention = undefined;
    this.text = null;
    return this;
  }
  get(name: string): unknown {
    const v = this.attrs[name];
    if (this.resolve !== null && typeof v === "string" && v.charCodeAt(0) === 0xe001) {
      this.text ??= this.resolve.docText(this.get("path"));
      return (this.attrs[name] = resolveSlice(this.text, v));
    }
    return v;
  }
}
type MentionFound = { entity: Attrs; occurrences: Attrs[]; segment: Attrs };
type StatementMentionFound = { first: Attrs; sentence: { start: number; end: number } };
interface Context {
  /** The text of the Document node whose `path` is `path`. */
  docText(path: unknown): string | undefined;
  /** A statement of a record, by id. */
  statement(id: string): Attrs | undefined;
  /** A report's segment, by id. */
  segment(id: string): Attrs | undefined;
  /** A report of a record, by segment id, and the path of its Document. */
  report(id: string): { report: Attrs; path: unknown } | undefined;
  /** An organisation or mechanism of a report's record ("org:" or "mech:" + its name), by report id and node key. */
  entity(reportId: string, key: string): Attrs | undefined;
  /**
   * A statement's first occurrence of each organisation and mechanism of its report within the statement's item
   * (what findStatementMention looks for), by node key, when found once as the records were read; undefined: not.
   */
  firstOccurrences?(statementId: string): Map<string, Attrs> | undefined;
  /** A node's attributes (a Report's, for node rows; any node's, for edge rows). */
  node(key: unknown): Attrs | undefined;
}
interface Rule {
  attr: string;
  id: string;
  /** Rules that read other nodes are not used on Report rows (node rows read Report rows). */
  crossNode?: boolean;
  derive(row: RowView, ctx: Context): unknown;
}

const statementOf = (row: RowView, ctx: Context): Attrs | undefined => {
  if (row.statement === undefined) row.statement = (row.source === undefined && row.key !== undefined && row.key.startsWith("stmt:") ? ctx.statement(row.key.slice(5)) : undefined) ?? null;
  return row.statement ?? undefined;
};
/** A Report → Organisation | Mechanism MENTIONS edge's record entity and report segment. */
const mentionOf = (row: RowView, ctx: Context): MentionFound | undefined => {
  if (row.mention === undefined) row.mention = findMention(row, ctx) ?? null;
  return row.mention ?? undefined;
};
const findMention = (row: RowView, ctx: Context): MentionFound | undefined => {
  if (row.source === undefined || row.target === undefined || !row.source.startsWith("report:")) return undefined;
  const id = row.source.slice(7);
  const entity = ctx.entity(id, row.target);
  const segment = ctx.segment(id);
  return entity && segment && Array.isArray(entity.occurrences) && entity.occurrences.length > 0 ? { entity, occurrences: entity.occurrences as Attrs[], segment } : undefined;
};
/** A Statement → Mechanism MENTIONS edge: the first occurrence within the statement's item and the sentence around it. */
const statementMentionOf = (row: RowView, ctx: Context): StatementMentionFound | undefined => {
  if (row.statementMention === undefined) row.statementMention = findStatementMention(row, ctx) ?? null;
  return row.statementMention ?? undefined;
};
const findStatementMention = (row: RowView, ctx: Context): StatementMentionFound | undefined => {
  if (row.source === undefined || row.target === undefined || !row.source.startsWith("stmt:")) return undefined;
  const st = ctx.statement(row.source.slice(5));
  const span = st?.span as { start: unknown; end: unknown } | undefined;
  if (!st || typeof st.reportId !== "string" || !span || !isOffset(span.start) || !isOffset(span.end)) return undefined;
  const { start, end } = span;
  const text = ctx.docText(row.get("path"));
  if (text === undefined) return undefined;
  let first: Attrs | undefined;
  const found = ctx.firstOccurrences?.(row.source.slice(5));
  if (found !== undefined) first = found.get(row.target);
  else {
    const entity = ctx.entity(st.reportId, row.target);
    if (!entity || !Array.isArray(entity.occurrences)) return undefined;
    first = firstWithin(entity.occurrences as Attrs[], start, end);
  }
  if (!first) return undefined;
  const fs = first.span as { start: number; end: number };
  return { first, sentence: sentenceAround(text, fs, { start, end }) };
};
/** The first of `occurrences` whose span lies within `start`–`end`. */
const firstWithin = (occurrences: Attrs[], start: number, end: number): Attrs | undefined =>
  occurrences.find((o) => {
    const os = o?.span as Attrs | undefined;
    return os && isOffset(os.start) && isOffset(os.end) && os.start >= start && os.end <= end;
  });
const distinct = <T>(xs: T[]): T[] => [...new Set(xs)];
/** A Report row's report in the records, and the path of the Document holding it. */
const recordReportOf = (row: RowView, ctx: Context): { report: Attrs; path: unknown } | undefined =>
  row.source === undefined && row.key !== undefined && row.key.startsWith("report:") ? ctx.report(row.key.slice(7)) : undefined;
const segmentOfReport = (row: RowView, ctx: Context): Attrs | undefined => {
  const segment = recordReportOf(row, ctx)?.report.segment;
  return segment !== null && typeof segment === "object" ? (segment as Attrs) : undefined;
};
const reportOf = (row: RowView, ctx: Context): Attrs | undefined => {
  const r = ctx.node(row.get("reportKey"));
  return r && r.label === "Report" ? r : undefined;
};

/**
 * The rules of node and edge rows, in the order they are computed when reading: a rule reads only
 * attributes without rules or with a rule earlier in this list.
 */
const ROW_RULES: Rule[] = [
  // A Report's lines and setting from its record (the report of the Document's record with its segment id).
  { attr: "startLine", id: "R", derive: (row, ctx) => segmentOfReport(row, ctx)?.startLine },
  { attr: "endLine", id: "R", derive: (row, ctx) => segmentOfReport(row, ctx)?.endLine },
  { attr: "truncated", id: "R", derive: (row, ctx) => segmentOfReport(row, ctx)?.truncated },
  { attr: "setting", id: "R", derive: (row, ctx) => recordReportOf(row, ctx)?.report.setting },
  // A Document's sha256 is that of its text in UTF-8 (true of every file kg read as UTF-8).
  { attr: "sha256", id: "#", derive: (row, ctx) => { const text = ctx.docText(row.get("path")); return text === undefined ? undefined : sha256(text); } },
  { attr: "reportKey", id: "S", derive: (row, ctx) => { const s = statementOf(row, ctx); return typeof s?.reportId === "string" ? `report:${s.reportId}` : undefined; } },
  { attr: "reportKey", id: "<", derive: (row) => row.source },
  { attr: "reportKey", id: "<r", derive: (row, ctx) => (row.source === undefined ? undefined : ctx.node(row.source)?.reportKey) },
  { attr: "path", id: "^", crossNode: true, derive: (row, ctx) => reportOf(row, ctx)?.path },
  { attr: "path", id: "<p", derive: (row, ctx) => (row.source === undefined ? undefined : ctx.node(row.source)?.path) },
  { attr: "path", id: "R", derive: (row, ctx) => recordReportOf(row, ctx)?.path },
  // A Report's path and title from its record (the report of the Document's record with its segment id); its name, often its title.
  { attr: "title", id: "R", derive: (row, ctx) => segmentOfReport(row, ctx)?.title },
  { attr: "name", id: "=t", derive: (row) => row.get("title") },
  { attr: "startOffset", id: "S", derive: (row, ctx) => (statementOf(row, ctx)?.textSpan as Attrs | undefined)?.start },
  { attr: "startOffset", id: "M", derive: (row, ctx) => (mentionOf(row, ctx)?.occurrences[0]?.span as Attrs | undefined)?.start },
  { attr: "startOffset", id: "m", derive: (row, ctx) => statementMentionOf(row, ctx)?.sentence.start },
  { attr: "endOffset", id: "S", derive: (row, ctx) => (statementOf(row, ctx)?.textSpan as Attrs | undefined)?.end },
  { attr: "endOffset", id: "M", derive: (row, ctx) => (mentionOf(row, ctx)?.occurrences[0]?.span as Attrs | undefined)?.end },
  { attr: "endOffset", id: "m", derive: (row, ctx) => statementMentionOf(row, ctx)?.sentence.end },
  {
    attr: "quote",
    id: "@",
    derive: (row, ctx) => {
      const text = ctx.docText(row.get("path"));
      const start = row.get("startOffset");
      const end = row.get("endOffset");
      return text !== undefined && isOffset(start) && isOffset(end) && start <= end && end <= text.length ? text.slice(start, end) : undefined;
    },
  },
  { attr: "itemText", id: "i", derive: (row, ctx) => itemTextOf(ctx.docText(row.get("path")), statementOf(row, ctx)?.span) },
  { attr: "text", id: "=q", derive: (row) => row.get("quote") },
  { attr: "text", id: "S", derive: (row, ctx) => statementOf(row, ctx)?.text },
  { attr: "normText", id: "=t", derive: (row) => row.get("text") },
  { attr: "normText", id: "S", derive: (row, ctx) => statementOf(row, ctx)?.normText },
  { attr: "kind", id: "S", derive: (row, ctx) => statementOf(row, ctx)?.kind },
  { attr: "rule", id: "S", derive: (row, ctx) => statementOf(row, ctx)?.rule },
  { attr: "line", id: "S", derive: (row, ctx) => statementOf(row, ctx)?.line },
  { attr: "line", id: "M", derive: (row, ctx) => mentionOf(row, ctx)?.occurrences[0]?.line },
  { attr: "line", id: "m", derive: (row, ctx) => statementMentionOf(row, ctx)?.first.line },
  { attr: "line", id: "L", derive: (row, ctx) => lineOf(ctx.docText(row.get("path")), row.get("startOffset")) },
  { attr: "reportTitle", id: "^", crossNode: true, derive: (row, ctx) => reportOf(row, ctx)?.name },
  { attr: "surfaces", id: "M", derive: (row, ctx) => mapOccurrences(row, ctx, (o) => distinct(o.map((x) => x.surface))) },
  { attr: "surfaces", id: "[q", derive: (row) => wrap(row.get("quote")) },
  { attr: "lines", id: "M", derive: (row, ctx) => mapOccurrences(row, ctx, (o) => distinct(o.map((x) => x.line)).sort((a, b) => (a as number) - (b as number))) },
  { attr: "lines", id: "[l", derive: (row) => wrap(row.get("line")) },
  { attr: "contexts", id: "M", derive: (row, ctx) => mapOccurrences(row, ctx, (o) => distinct(o.map((x) => x.context)).sort()) },
  { attr: "mentionCount", id: "M", derive: (row, ctx) => mentionOf(row, ctx)?.occurrences.length },
  {
    attr: "sentence",
    id: "M",
    derive: (row, ctx) => {
      const m = mentionOf(row, ctx);
      const text = ctx.docText(row.get("path"));
      const first = m?.occurrences[0]?.span as Attrs | undefined;
      const bounds = m?.segment.span as Attrs | undefined;
      if (!m || text === undefined || !first || !bounds || ![first.start, first.end, bounds.start, bounds.end].every(isOffset)) return undefined;
      const at = sentenceAround(text, first as { start: number; end: number }, bounds as { start: number; end: number });
      return text.slice(at.start, at.end);
    },
  },
  {
    attr: "termStart",
    id: "m",
    derive: (row, ctx) => {
      const m = statementMentionOf(row, ctx);
      return m ? (m.first.span as { start: number }).start - m.sentence.start : undefined;
    },
  },
  {
    attr: "termEnd",
    id: "m",
    derive: (row, ctx) => {
      const m = statementMentionOf(row, ctx);
      return m ? (m.first.span as { end: number }).end - m.sentence.start : undefined;
    },
  },
];
const RULE_ORDER = new Map<string, number>();
ROW_RULES.forEach((r) => RULE_ORDER.has(r.attr) || RULE_ORDER.set(r.attr, RULE_ORDER.size));
const RULES_BY_ATTR = new Map<string, Rule[]>();
for (const r of ROW_RULES) RULES_BY_ATTR.set(r.attr, [...(RULES_BY_ATTR.get(r.attr) ?? []), r]);
const RULES_BY_ID = new Map(ROW_RULES.map((r) => [`${r.attr}${REF}${r.id}`, r]));

/** kg's key hash (shared/hash-key.ts), frozen here: a file must read back the same whatever later kg hashes with. */
const sha256 =
  typeof crypto.hash === "function" ? (text: string) => crypto.hash("sha256", text, "hex") : (text: string) => crypto.createHash("sha256").update(text).digest("hex");
function keyHash(...parts: (string | number)[]): string {
  return sha256(parts.join("\u241f")).slice(0, 16);
}

const newlines = new Map<string, number[]>();
/** The 1-based line of an offset of a text (lines end at "\n"). */
function lineOf(text: string | undefined, offset: unknown): number | undefined {
  if (text === undefined || !isOffset(offset) || offset > text.length) return undefined;
  let at = newlines.get(text);
  if (!at) {
    at = [];
    for (let i = text.indexOf("\n"); i >= 0; i = text.indexOf("\n", i + 1)) at.push(i);
    newlines.set(text, at);
  }
  let lo = 0;
  let hi = at.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (at[mid]! < offset) lo = mid + 1;
    else hi = mid;
  }
  return lo + 1;
}

/** A statement's item text as the graph gives it (build-graph.ts itemText): its span trimmed, at most 800 characters. */
function itemTextOf(text: string | undefined, span: unknown): string | undefined {
  const item = spanOf(text, span)?.trim();
  return item === undefined ? undefined : item.length > 800 ? `${item.slice(0, 800)}…` : item;
}

function mapOccurrences(row: RowView, ctx: Context, f: (o: Attrs[]) => unknown[]): unknown[] | undefined {
  const m = mentionOf(row, ctx);
  return m ? f(m.occurrences) : undefined;
}

/** Sentence ends (build-graph.ts SENTENCE_END): 。！？；!?; and the line end. */
function isSentenceEnd(c: number): boolean {
  return c === 0x3002 || c === 0xff01 || c === 0xff1f || c === 0xff1b || c === 0x21 || c === 0x3f || c === 0x3b || c === 0x0a;
}
/** What /\s/ matches. */
function isSpace(c: number): boolean {
  return (
    (c >= 0x09 && c <= 0x0d) || c === 0x20 || c === 0xa0 || c === 0x1680 || (c >= 0x2000 && c <= 0x200a) ||
    c === 0x2028 || c === 0x2029 || c === 0x202f || c === 0x205f || c === 0x3000 || c === 0xfeff
  );
}
const MAX_SENTENCE = 160;

/** The sentence around a span within bounds, as the graph gives it (graph/build-graph.ts sentenceAround), frozen here. */
function sentenceAround(text: string, span: { start: number; end: number }, bounds: { start: number; end: number }): { start: number; end: number } {
  let start = span.start;
  const lo = Math.max(bounds.start, span.start - MAX_SENTENCE);
  while (start > lo && !isSentenceEnd(text.charCodeAt(start - 1))) start--;
  let end = span.end;
  const hi = Math.min(bounds.end, span.end + MAX_SENTENCE);
  while (end < hi && !isSentenceEnd(text.charCodeAt(end - 1))) end++;
  while (start < span.start && isSpace(text.charCodeAt(start))) start++;
  while (end > span.end && isSpace(text.charCodeAt(end - 1))) end--;
  return { start, end };
}

function isOffset(v: unknown): v is number {
  return typeof v === "number" && Number.isInteger(v) && v >= 0;
}
function wrap(v: unknown): unknown[] | undefined {
  return v === undefined ? undefined : [v];
}
/** Two attribute values are the same (strings, numbers, booleans, null, lists of them). */
/** Two values are the same: strings, numbers, booleans, null, lists of them, and {start, end} spans (keys in that order, as JSON would write them). */
function same(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (a === null || b === null || typeof a !== "object" || typeof b !== "object") return false;
  if (Array.isArray(a)) {
    if (!Array.isArray(b) || a.length !== b.length) return false;
    for (let i = 0; i < a.length; i++) if (!same(a[i], b[i])) return false;
    return true;
  }
  if (Array.isArray(b)) return false;
  const ka = Object.keys(a);
  const kb = Object.keys(b);
  if (ka.length !== 2 || kb.length !== 2 || ka[0] !== "start" || kb[0] !== "start" || ka[1] !== "end" || kb[1] !== "end") return false;
  return (a as Attrs).start === (b as Attrs).start && (a as Attrs).end === (b as Attrs).end;
}

/** What a record rule can look at besides the object: the text, the report, the object holding the list the object is in, the item before it. */
interface RecordEnv {
  text: string | undefined;
  reportId: string | undefined;
  /** The report's segment (its span bounds the search for an occurrence). */
  segment: Attrs | undefined;
  /** The values met so far of the object holding the list (an occurrence's organisation, mechanism or slogan). */
  parent: Attrs | undefined;
}
interface RecordRule {
  key: string;
  id: string;
  /** The object's keys the rule reads: none of them may be computed by a rule later in this list. */
  needs: string[];
  /** `prev`: the item before in the same list. */
  derive(o: Attrs, env: RecordEnv, prev: Attrs | undefined): unknown;
}
/** Within a record: rules by key, computed after the object's written values, in this order. */
const RECORD_RULES: RecordRule[] = [
  { key: "text", id: "@t", needs: ["textSpan"], derive: (o, env) => spanOf(env.text, o.textSpan) },
  { key: "normText", id: "=t", needs: ["text"], derive: (o) => o.text },
  // An occurrence's surface is its entity's name, its span the next place of that name in the text.
  { key: "surface", id: "N", needs: [], derive: (_o, env) => (typeof env.parent?.name === "string" ? env.parent.name : undefined) },
  { key: "surface", id: "@s", needs: ["span"], derive: (o, env) => spanOf(env.text, o.span) },
  { key: "quote", id: "@s", needs: ["span"], derive: (o, env) => spanOf(env.text, o.span) },
  {
    key: "span",
    id: "n",
    needs: ["surface"],
    derive: (o, env, before) => {
      const s = o.surface;
      if (env.text === undefined || typeof s !== "string" || s.length === 0) return undefined;
      const prev = before?.span as Attrs | undefined;
      const bound = env.segment?.span as Attrs | undefined;
      const from = prev && isOffset(prev.end) ? prev.end : bound && isOffset(bound.start) ? bound.start : 0;
      const at = env.text.indexOf(s, from);
      return at < 0 ? undefined : { start: at, end: at + s.length };
    },
  },
  { key: "reportId", id: "r", needs: [], derive: (_o, env) => env.reportId },
  // A statement's id (classify/context.ts): its report, kind and text without spaces and punctuation.
  {
    key: "id",
    id: "#",
    needs: ["kind", "normText"],
    derive: (o, env) =>
      env.reportId !== undefined && typeof o.kind === "string" && typeof o.normText === "string" ? keyHash(env.reportId, o.kind, o.normText.replace(/[\s\p{P}]/gu, "")) : undefined,
  },
  { key: "line", id: "L", needs: ["textSpan", "span"], derive: (o, env) => lineOf(env.text, ((o.textSpan ?? o.span) as Attrs | undefined)?.start) },
  {
    key: "rule",
    id: "1",
    needs: ["rules"],
    derive: (o) => {
      const first = Array.isArray(o.rules) ? (o.rules[0] as Attrs | undefined) : undefined;
      return first && typeof first === "object" && typeof first.id === "string" && typeof first.detail === "string" ? `${first.id}: ${first.detail}` : undefined;
    },
  },
];
/** Strings of a record looked for in its text (those of other keys seldom are). */
const SLICED_IN_RECORDS = new Set(["title", "normText", "name", "parent", "what", "text", "surface", "quote"]);
const RECORD_RULE_BY_SPEC = new Map(RECORD_RULES.map((r) => [`${r.key}${REF}${r.id}`, r]));
/** Keys of record objects whose string values are few (a statement's kind, an organisation's type, a mention's context, …). */
const FEW_VALUES = new Set(["kind", "type", "context", "source", "unit", "setting", "startRule"]);
/**
 * The shape field of a record value written in its object's shape (`key\uE000:` + its JSON) rather than in
 * the object, or undefined: empty lists, booleans, null, a statement's confidence, the short strings of keys
 * with few values (FEW_VALUES, and a rule's id in a statement's `rules`).
 */
function constantField(key: string, v: Json, container: string): string | undefined {
  if (v === false) return spec(key, ":false");
  if (v === true) return spec(key, ":true");
  if (v === null) return spec(key, ":null");
  if (Array.isArray(v)) return v.length === 0 ? spec(key, ":[]") : undefined;
  if (typeof v === "number") return key === "confidence" ? spec(key, `:${JSON.stringify(v)}`) : undefined;
  if (typeof v !== "string" || v.length > 32 || !(FEW_VALUES.has(key) || (key === "id" && container === "rules"))) return undefined;
  const known = stringConstants.get(key)?.get(v);
  if (known !== undefined) return known;
  const field = RESERVED.test(v) ? undefined : spec(key, `:${JSON.stringify(v)}`);
  if (field !== undefined && specCount < 50_000) {
    let byValue = stringConstants.get(key);
    if (byValue === undefined) stringConstants.set(key, (byValue = new Map()));
    byValue.set(v, field);
  }
  return field;
}
const stringConstants = new Map<string, Map<string, string>>();

function spanOf(text: string | undefined, span: unknown): string | undefined {
  if (text === undefined || span === null || typeof span !== "object") return undefined;
  const { start, end } = span as Attrs;
  return isOffset(start) && isOffset(end) && start <= end && end <= text.length ? text.slice(start, end) : undefined;
}

/** A piece of `text` equal to `s` as a slice reference, when one is shorter than `s` written out; else undefined. */
function sliceRef(text: string | undefined, s: string, hint: unknown): Piece | undefined {
  if (text === undefined || s.length < MIN_SLICED) return undefined;
  let at = -1;
  if (isOffset(hint)) {
    if (text.startsWith(s, hint)) at = hint;
    else at = text.indexOf(s, Math.max(0, hint - s.length));
  }
  if (at < 0) at = text.indexOf(s);
  if (at < 0) return undefined;
  const ref = `${SLICE}${at.toString(36)}.${s.length.toString(36)}`;
  return ref.length < s.length ? new Piece(ref) : undefined;
}
function resolveSlice(text: string | undefined, ref: string): string {
  const dot = ref.indexOf(".");
  const start = parseInt(ref.slice(1, dot), 36);
  const length = parseInt(ref.slice(dot + 1), 36);
  if (text === undefined || !(start + length <= text.length)) throw new Error(`a piece of a document text (${start}+${length}) without the text`);
  return text.slice(start, start + length);
}

/** A copy of a value as JSON holds it (lists and objects copied, what is not JSON's as it is): the writer changes its copies. */
function copyJson(v: unknown): unknown {
  if (Array.isArray(v)) {
    const out = new Array<unknown>(v.length);
    for (let i = 0; i < v.length; i++) out[i] = copyJson(v[i]);
    return out;
  }
  if (v === null || typeof v !== "object") return v;
  const proto = Object.getPrototypeOf(v);
  if (proto !== Object.prototype && proto !== null) return v;
  const out: Attrs = {};
  for (const k in v as Attrs) out[k] = copyJson((v as Attrs)[k]);
  return out;
}

/** A value the writer made (a piece of a text, a span), as opposed to a string of the graph: never counted nor interned. */
class Piece {
  constructor(readonly text: string) {}
}

/** The encoder's or decoder's shape table. */
class Shapes {
  readonly list: string[][] = [];
  /** Shapes by their fields, one map per field (field strings are the same objects again and again: spec()). */
  private readonly root: ShapeNode = { next: new Map(), n: -1 };
  private readonly uses: number[] = [];
  private readonly refs: ShapeRef[] = [];
  /** A shape's number (in the order first met), one use more. */
  of(fields: string[]): number {
    let node = this.root;
    for (const f of fields) {
      let next = node.next.get(f);
      if (next === undefined) node.next.set(f, (next = { next: new Map(), n: -1 }));
      node = next;
    }
    if (node.n < 0) (node.n = this.list.push(fields) - 1), this.uses.push(0);
    this.uses[node.n]!++;
    return node.n;
  }
  /** The same, as an object that writes its final number (records: numbers in them are values). */
  ref(fields: string[]): ShapeRef {
    const n = this.of(fields);
    return (this.refs[n] ??= new ShapeRef(n));
  }
  /**
   * Number the shapes most used first (shorter numbers where they are most written): the new number of each
   * shape by its first number, and the list in the new order.
   */
  renumber(): { numbers: number[]; list: string[][] } {
    const order = this.list.map((_f, i) => i).sort((x, y) => this.uses[y]! - this.uses[x]! || x - y);
    const numbers: number[] = [];
    order.forEach((old, i) => (numbers[old] = i));
    for (const r of this.refs) if (r) r.n = numbers[r.n]!;
    return { numbers, list: order.map((i) => this.list[i]!) };
  }
}
interface ShapeNode {
  next: Map<string, ShapeNode>;
  n: number;
}
const specs = new Map<string, Map<string, string>>();
let specCount = 0;
/** A shape's field `name\uE000suffix`, the same string object each time (cheap to look up; at most 50,000 kept). */
function spec(name: string, suffix: string): string {
  let bySuffix = specs.get(name);
  let s = bySuffix?.get(suffix);
  if (s === undefined) {
    s = `${name}${REF}${suffix}`;
    if (specCount < 50_000) {
      if (bySuffix === undefined) specs.set(name, (bySuffix = new Map()));
      bySuffix.set(suffix, s);
      specCount++;
    }
  }
  return s;
}
/** A record object's shape, written as its number once the shapes are numbered. */
class ShapeRef {
  constructor(public n: number) {}
  toJSON(): number {
    return this.n;
  }
}

/** What the rules read of the records: statements by id (in the order first met), segments by id, entities by report and node key. */
class RecordIndex {
  readonly statements = new Map<string, Attrs>();
  /** Reports by segment id, in the order first met, with the path of the Document whose record holds them. */
  readonly reports = new Map<string, { report: Attrs; path: unknown; entities: Map<string, Attrs> | null }>();
  add(record: Attrs, path: unknown): void {
    if (!Array.isArray(record.reports)) return;
    for (const report of record.reports as Attrs[]) {
      if (report === null || typeof report !== "object") continue;
      const id = segmentId(report.segment);
      if (id !== undefined && !this.reports.has(id)) this.reports.set(id, { report, path, entities: null });
      if (Array.isArray(report.statements)) {
        for (const st of report.statements as Attrs[]) if (st && typeof st.id === "string" && !this.statements.has(st.id)) this.statements.set(st.id, st);
      }
    }
  }
  /** The organisations and mechanisms of a report by node key, indexed when first asked for. */
  private entitiesOf(reportId: string): Map<string, Attrs> | undefined {
    const r = this.reports.get(reportId);
    if (!r) return undefined;
    if (!r.entities) {
      r.entities = new Map();
      for (const [list, prefix] of [[r.report.organisations, "org:"], [r.report.mechanisms, "mech:"]] as const) {
        if (!Array.isArray(list)) continue;
        for (const e of list as Attrs[]) {
          if (!e || typeof e.name !== "string") continue;
          const k = prefix + e.name;
          if (!r.entities.has(k)) r.entities.set(k, e);
        }
      }
    }
    return r.entities;
  }
  context(docText: (path: unknown) => string | undefined, node: (key: unknown) => Attrs | undefined): Context {
    return {
      docText,
      node,
      statement: (id) => this.statements.get(id),
      segment: (id) => this.reports.get(id)?.report.segment as Attrs | undefined,
      report: (id) => this.reports.get(id),
      entity: (reportId, key) => this.entitiesOf(reportId)?.get(key),
    };
  }
}

/**
 * The writer's RecordIndex (the same answers): each statement's fields the rules read and each report's
 * organisations and mechanisms are in a temporary file (util/line-spool.ts), read back when a row asks for
 * them; only the places of statements and reports by id, and each report's segment and setting, are held (at
 * 100 MB of reports the parsed statements and occurrences were about 0.7 GB while the rows were planned).
 */
class SpilledRecordIndex {
  /** Statements by id, in the order first met: their place in that order (the line in the temporary file is `statementLines[place]`). */
  readonly statements = new Map<string, number>();
  private readonly statementLines: number[] = [];
  /** Reports by segment id, in the order first met, with the path of the Document whose record holds them and the line of their organisations and mechanisms (-1: none). */
  readonly reports = new Map<string, { report: Attrs; path: unknown; entities: number }>();
  private spool: LineSpool | null = null;
  /**
   * The organisations and mechanisms of the report last asked for (a report's relationships come one after the
   * other; a statement's are read each time: kept longer, they outlived the young generation and the heap grew).
   */
  private recent: { id: string; entities: Map<string, Attrs> } | null = null;
  /** The statement last asked for, and its first occurrences (its relationships come one after the other, after its own row). */
  private recentStatement: { id: string; fields: Attrs; first: Map<string, Attrs> | undefined } | null = null;
  private line(value: unknown): number {
    this.spool ??= new LineSpool({ command: "graph file", prefix: "kg-graph-index-", room: "the statements of the reports" });
    return this.spool.write(value);
  }
  add(record: Attrs, path: unknown): void {
    if (!Array.isArray(record.reports)) return;
    for (const report of record.reports as Attrs[]) {
      if (report === null || typeof report !== "object" || Array.isArray(report)) continue;
      const id = segmentId(report.segment);
      // The organisations and mechanisms of this report, when it is first met here: those its statements' read.
      let own: [string, unknown][] | null = null;
      if (id !== undefined && !this.reports.has(id)) {
        // As RecordIndex.entitiesOf indexes them: the first of each node key, its occurrences (null: none).
        const entities: [string, unknown][] = [];
        const keys = new Set<string>();
        for (const [list, prefix] of [[report.organisations, "org:"], [report.mechanisms, "mech:"]] as const) {
          if (!Array.isArray(list)) continue;
          for (const e of list as Attrs[]) {
            if (!e || Array.isArray(e) || typeof e.name !== "string") continue;
            const k = prefix + e.name;
            if (!keys.has(k)) (keys.add(k), entities.push([k, "occurrences" in e ? e.occurrences : null]));
          }
        }
        this.reports.set(id, { report: { segment: report.segment, setting: report.setting }, path, entities: entities.length > 0 ? this.line(entities) : -1 });
        own = entities;
      }
      if (!Array.isArray(report.statements)) continue;
      for (const st of report.statements as Attrs[]) {
        if (!st || Array.isArray(st) || typeof st.id !== "string" || this.statements.has(st.id)) continue;
        const fields: Attrs = {};
        for (const f of STATEMENT_FIELDS) if (f in st) fields[f] = st[f];
        this.statements.set(st.id, this.statements.size);
        // The statement's first occurrences, found now that its report's organisations and mechanisms are at hand
        // (once per relationship, each reading the report's whole list back from the file, took 1.2 of the writer's 7
        // CPU-s at 10 MB of reports).
        const span = st.span as { start: unknown; end: unknown } | undefined;
        const first: [string, Attrs][] = [];
        if (own !== null && st.reportId === id && span && isOffset(span.start) && isOffset(span.end)) {
          for (const [k, occurrences] of own) {
            const o = Array.isArray(occurrences) ? firstWithin(occurrences as Attrs[], span.start, span.end) : undefined;
            if (o !== undefined) first.push([k, o]);
          }
          this.statementLines.push(this.line([fields, first]));
        } else this.statementLines.push(this.line(fields));
      }
    }
  }
  private entitiesOf(reportId: string): Map<string, Attrs> | undefined {
    const r = this.reports.get(reportId);
    if (!r) return undefined;
    if (this.recent?.id !== reportId) {
      const entities = new Map<string, Attrs>();
      if (r.entities >= 0) for (const [k, occurrences] of JSON.parse(this.spool!.read(r.entities)) as [string, unknown][]) entities.set(k, { occurrences });
      this.recent = { id: reportId, entities };
    }
    return this.recent.entities;
  }
  /** A statement's fields and first occurrences (undefined when not found as it was read), read back. */
  private statementAt(id: string): { fields: Attrs; first: Map<string, Attrs> | undefined } | undefined {
    if (this.recentStatement?.id === id) return this.recentStatement;
    const place = this.statements.get(id);
    if (place === undefined) return undefined;
    const line = JSON.parse(this.spool!.read(this.statementLines[place]!)) as Attrs | [Attrs, [string, Attrs][]];
    this.recentStatement = Array.isArray(line) ? { id, fields: line[0], first: new Map(line[1]) } : { id, fields: line, first: undefined };
    return this.recentStatement;
  }
  context(docText: (path: unknown) => string | undefined, node: (key: unknown) => Attrs | undefined): Context {
    return {
      docText,
      node,
      statement: (id) => this.statementAt(id)?.fields,
      firstOccurrences: (id) => this.statementAt(id)?.first,
      segment: (id) => this.reports.get(id)?.report.segment as Attrs | undefined,
      report: (id) => this.reports.get(id),
      entity: (reportId, key) => this.entitiesOf(reportId)?.get(key),
    };
  }
  /** Remove the temporary file (idempotent). */
  close(): void {
    this.spool?.close();
  }
}

/** The fields of a record's statement that the rules read (ROW_RULES, SpilledRecordIndex). */
const STATEMENT_FIELDS = ["id", "reportId", "kind", "text", "normText", "span", "textSpan", "line", "rule"];

/**
 * The `record` of the Document nodes that do not hold it (kg import keeps the records in a temporary file while
 * the graph file is written: sinks/document-spool.ts), by node key; undefined for a node without one. Written
 * as if each such node held its record as the attribute `record`.
 */
export type RecordSource = (key: string) => string | { parsed: Attrs } | undefined;
/**
 * A record as RecordSource gives it: its JSON text, or the value parsed (`parsed`: JSON.stringify gives its text
 * back; kg import builds it from the document it reads back, so the writer neither parses nor checks it).
 */
const recordTextOf = (found: string | { parsed: Attrs } | undefined): string | undefined => (typeof found === "object" ? JSON.stringify(found.parsed) : found);

/** How the graph file's text is made (graphFileChunksV3). */
export interface ChunkOptions {
  /** The records of the Document nodes that do not hold theirs. */
  records?: RecordSource | undefined;
  /** Bytes of planned text held in memory before the rest goes to a temporary file (default SPILL_AFTER). */
  spillAfter?: number | undefined;
  /**
   * Called once every row is planned, before the first piece is given: the graph is not read after that
   * (kg import lets its graph go there). Not called when the graph is written in version 1 (null returned).
   */
  onPlanned?: (() => void) | undefined;
  /**
   * A full garbage collection once the records are read and once the nodes are planned (kg import: the heap is
   * then sized from what is alive, not from the parsed records and rows left behind).
   */
  collect?: boolean | undefined;
  /**
   * The text of the document at a path, as the caller holds it already (kg import: the graph's quotes are pieces
   * of it): a record whose text is the same uses that one, not a copy of its own. Only memory changes.
   */
  texts?: ((path: string) => string | undefined) | undefined;
  /**
   * The graph's relationships, each with undefined for a key that is the one kg derives (graph/keys.ts relKey)
   * from its type, source and target, instead of graph.forEachEdge (kg import: graph/compact-graph.ts does not
   * hold those keys). Only memory changes.
   */
  edges?: ((visit: (key: string | undefined, attributes: Attrs, source: string, target: string, line: number) => void) => void) | undefined;
  /**
   * The attributes of a relationship that `edges` gave with its type alone and a line (not -1) to read them from
   * (kg import: graph/compact-graph.ts spillEdges); read when its row is planned. Only memory changes.
   */
  edgeAttributes?: ((line: number) => Attrs) | undefined;
  /**
   * The graph's nodes, when it holds some nodes' attributes elsewhere (kg import: graph/compact-graph.ts spill):
   * `forEach` gives every node with at least the attributes the rules read of other nodes (label, path,
   * reportKey, themeKey, kind, name), `held` the same attributes of one node by key (undefined for none; then
   * the writer keeps no table of its own), `full` all of a node's attributes (asked for once or twice per node),
   * `number` a node's number in the caller's own table (0 to the number of nodes - 1; undefined for none; then
   * the writer keeps no map of every node's place of its own). Only memory changes.
   */
  nodes?:
    | {
        forEach(visit: (key: string, attributes: Attrs) => void): void;
        held?(key: string): Attrs | undefined;
        full(key: string): Attrs | undefined;
        number?(key: string): number | undefined;
      }
    | undefined;
}

/** A string seen as a value in the reserved range, or a key using it: the graph is written as version 1. */
const RESERVED = /[\uE000-\uE002]/;

/**
 * The text of a graph in version 4, in pieces (their concatenation is the file), or null when the graph
 * holds what the format reserves (strings with U+E000–U+E002, undirected edges): then version 1 is written.
 */
export function graphFileChunksV3(graph: KgGraph, chunkOptions: ChunkOptions = {}): Generator<string> | null {
  const held = new HeldText(chunkOptions.spillAfter ?? SPILL_AFTER);
  try {
    const text = new PlannedText(held);
    // Counted first, written first (the list of keys is known once every row is planned).
    const attributes = text.enc(copyJson(graph.getAttributes()));
    // What the rules read of the records, in a temporary file removed once every row is planned.
    const index = new SpilledRecordIndex();
    let planned: ReturnType<typeof plan>;
    try {
      planned = plan(graph, text, held, chunkOptions, index);
    } finally {
      index.close();
    }
    newlines.clear();
    if (planned === null) return (held.close(), null);
    const { nodeRows, edgeRows, shapes, implied, absent, impliedShapes } = planned;
    for (const k of text.keys) if (RESERVED.test(k)) text.reserved = true;
    for (const fields of shapes.list) for (const f of fields) if (RESERVED.test(f.slice(0, f.indexOf(REF) >>> 0))) text.reserved = true;
    if (text.reserved) return (held.close(), null);
    const list = propertyOrder(text.keys);
    const numbered = shapes.renumber();
    for (const runs of Object.values(impliedShapes)) for (let i = 0; i < runs.length; i += 2) if (runs[i]! >= 0) runs[i] = numbered.numbers[runs[i]!]!;
    const { strings, final } = text.finish(numbered.numbers);
    const options = { allowSelfLoops: graph.allowSelfLoops, multi: graph.multi, type: graph.type };
    chunkOptions.onPlanned?.();
    return write(held, attributes, list, edgeRows, nodeRows, implied, absent, impliedShapes, options, numbered.list, strings, final);
  } catch (error) {
    held.close();
    throw error;
  }
}

/** The pieces of the file once every row is planned (the graph is not read any more); the held text removed at the end. */
function* write(
  held: HeldText,
  attributes: unknown,
  list: string[],
  edgeRows: RowChunks,
  nodeRows: RowChunks,
  implied: string,
  absent: number[],
  impliedShapes: Record<string, number[]>,
  options: { allowSelfLoops: boolean; multi: boolean; type: string },
  shapes: string[][],
  strings: string[],
  final: (text: string) => string,
): Generator<string> {
  try {
    yield `{"attributes":${final(JSON.stringify(attributes, list))},"edges":[`;
    yield* edgeRows.drain(final);
    yield `],"format":${JSON.stringify(GRAPH_FORMAT)},"implied":${JSON.stringify(implied)},${absent.length > 0 ? `"impliedAbsent":${JSON.stringify(absent)},` : ""}"impliedShapes":${JSON.stringify(impliedShapes)},"nodes":[`;
    yield* nodeRows.drain(final);
    yield `],"options":${JSON.stringify(options, list)},"shapes":${JSON.stringify(shapes)},"strings":${JSON.stringify(strings)},"version":${VERSION_4}}\n`;
  } finally {
    held.close();
  }
}

/**
 * Text the writer holds until the file is written (the rows' texts, the encoded records): in UTF-8 outside the
 * JavaScript heap, and past `spillAfter` bytes in all in a temporary file instead (util/line-spool.ts; kg import
 * at 100 MB of reports holds about the size of the file, a few hundred MB). Each piece is read back once.
 */
class HeldText {
  private spool: LineSpool | null = null;
  private bytes = 0;
  constructor(private readonly spillAfter: number) {}
  /** Hold a text; what get() takes to give it back. */
  put(text: string): Buffer | number {
    if (this.spool === null && this.bytes + text.length * 3 <= this.spillAfter) {
      // Not from Node's pool of small buffers: a piece held there held its whole slab (8 KB) and the garbage
      // others left in it (at 25 MB of reports, 39 MB of slabs for 16 MB of text).
      const buffer = Buffer.allocUnsafeSlow(Buffer.byteLength(text, "utf8"));
      buffer.write(text, "utf8");
      this.bytes += buffer.length;
      return buffer;
    }
    this.spool ??= new LineSpool({ command: "graph file", prefix: "kg-graph-file-", room: "about the size of the graph file" });
    return this.spool.writeText(text);
  }
  get(ref: Buffer | number): string {
    return typeof ref === "number" ? this.spool!.read(ref) : ref.toString("utf8");
  }
  /** Remove the temporary file, if any (idempotent). */
  close(): void {
    this.spool?.close();
  }
}

/** A provisional reference in the rows' text: `"\uE000" + a string's number in the order met, or `"\uE000\uE000" + a shape's first number. */
const PROVISIONAL = /"\uE000(\uE000?)([0-9a-z]+)"/g;

/**
 * The rows' text as they are planned, so that they are not held as values until the whole graph is planned:
 * each row is written at once as JSON with provisional references (PROVISIONAL) where the strings table's
 * references and the shapes' numbers go (known only once every row is planned), and made final when written.
 * Counts the strings (those of MIN_INTERNED characters or more, pieces of texts not: they are ours), gathers
 * the keys of objects, and notes any value holding U+E000–U+E002 (the graph is then written as version 1).
 */
class PlannedText {
  readonly keys = new Set<string>(["allowSelfLoops", "multi", "type"]);
  reserved = false;
  /** Strings met (of MIN_INTERNED characters or more), their numbers and how often each is written. */
  private readonly ids = new Map<string, number>();
  private readonly met: string[] = [];
  private counts: number[] = [];
  /** The keys of the objects in the row being written (null: none). */
  private rowKeys: Set<string> | null = null;
  /** The JSON text of the RawJson value in the row being written (null: none). */
  private raw: Buffer | number | null = null;
  constructor(private readonly held: HeldText) {}

  /** A value as written provisionally: lists changed in place, objects copied. */
  enc(v: unknown): unknown {
    if (typeof v === "string") {
      if (v.length < MIN_INTERNED) {
        if (RESERVED.test(v)) this.reserved = true;
        return v;
      }
      let id = this.ids.get(v);
      if (id === undefined) {
        id = this.met.push(v) - 1;
        this.ids.set(v, id);
        this.counts.push(0);
        if (RESERVED.test(v)) this.reserved = true;
      }
      this.counts[id]!++;
      return REF + id.toString(36);
    }
    if (Array.isArray(v)) {
      for (let i = 0; i < v.length; i++) v[i] = this.enc(v[i]);
      return v;
    }
    if (v instanceof Piece) return v.text;
    if (v instanceof ShapeRef) return REF + REF + v.n.toString(36);
    if (v instanceof RawJson) {
      this.raw = v.json;
      return RAW;
    }
    if (v !== null && typeof v === "object") {
      const out: Attrs = {};
      for (const k in v as Attrs) {
        this.keys.add(k);
        (this.rowKeys ??= new Set()).add(k);
        const x = (v as Attrs)[k];
        if (x !== undefined) out[k] = this.enc(x);
      }
      return out;
    }
    return v;
  }

  /**
   * A row's text (without its brackets): its shape (at `first` - 1) and values from `first` on written provisionally.
   * Rows with an object inside are written with their sorted keys (JSON.stringify's slow path); others without.
   */
  row(r: unknown[], first: number): string {
    this.rowKeys = null;
    this.raw = null;
    r[first - 1] = REF + REF + (r[first - 1] as number).toString(36);
    for (let c = first; c < r.length; c++) r[c] = this.enc(r[c]);
    const json = this.rowKeys === null ? JSON.stringify(r) : JSON.stringify(r, propertyOrder(this.rowKeys));
    const raw = this.raw as Buffer | number | null;
    this.raw = null;
    return raw === null ? json.slice(1, -1) : json.slice(1, -1).replace(`"${RAW}"`, () => this.held.get(raw));
  }

  /** A value's JSON text, written provisionally (a record: written once, held as text until its row is). */
  json(v: unknown): RawJson {
    this.rowKeys = null;
    const e = this.enc(v);
    return new RawJson(this.held.put(this.rowKeys === null ? JSON.stringify(e) : JSON.stringify(e, propertyOrder(this.rowKeys))));
  }

  /**
   * The strings table (stringTable's: those written more than once, most used first, then in code-unit order)
   * and the function that makes a text's provisional references final.
   */
  finish(shapeNumbers: number[]): { strings: string[]; final: (text: string) => string } {
    const repeated = new Map<string, number>();
    for (let i = 0; i < this.met.length; i++) if (this.counts[i]! > 1) repeated.set(this.met[i]!, this.counts[i]!);
    const { strings } = stringTable(repeated);
    // A string's number in the order met → its place in the table (-1: written in full).
    const table = new Int32Array(this.met.length).fill(-1);
    strings.forEach((s, i) => (table[this.ids.get(s)!] = i));
    this.ids.clear();
    this.counts = [];
    const met = this.met;
    const replace = (_m: string, shape: string, id: string): string => {
      const n = parseInt(id, 36);
      if (shape !== "") return String(shapeNumbers[n]);
      const at = table[n]!;
      return at >= 0 ? `"${REF}${at.toString(36)}"` : JSON.stringify(met[n]);
    };
    return { strings, final: (text) => text.replace(PROVISIONAL, replace) };
  }
}

/** A value already written as JSON text (PlannedText.json), held (HeldText) until its row is written. */
class RawJson {
  constructor(readonly json: Buffer | number) {}
}
/** Where a row's RawJson goes, until its text is put in. */
const RAW = "\uE001\uE001";

/**
 * Rows' texts, CHUNK_ROWS rows a piece, held until the file is written (HeldText: outside the JavaScript heap,
 * whose size the garbage collector sets from what it holds, or in a temporary file; each is read once more).
 */
class RowChunks {
  private readonly chunks: (Buffer | number)[] = [];
  private part: string[] = [];
  constructor(private readonly held: HeldText) {}
  add(row: string): void {
    this.part.push(row);
    if (this.part.length === CHUNK_ROWS) this.flush();
  }
  private flush(): void {
    if (this.part.length > 0) this.chunks.push(this.held.put((this.chunks.length > 0 ? "," : "") + this.part.join(",")));
    this.part = [];
  }
  /** The pieces made final, each let go once given. */
  *drain(final: (text: string) => string): Generator<string> {
    this.flush();
    for (let i = 0; i < this.chunks.length; i++) {
      const chunk = this.chunks[i]!;
      this.chunks[i] = -1;
      yield final(this.held.get(chunk));
    }
  }
}

/**
 * Relationships the nodes imply (graph/build-graph.ts), each with only its type as attribute: a Document
 * CONTAINS the Reports with its path; a Report CONTAINS the Statements and Figures with its key as
 * reportKey, RAISES (PROPOSES, for a measure) its statements' themes.
 */
const IMPLIED_EDGES: { id: string; edges(key: string, a: Attrs, node: (key: string) => Attrs | undefined, docByPath: Map<unknown, string>): [RelType, string, string][] }[] = [
  {
    id: "d",
    edges: (key, a, _node, docByPath) => {
      const doc = a.label === "Report" ? docByPath.get(a.path) : undefined;
      return doc === undefined ? [] : [["CONTAINS", doc, key]];
    },
  },
  {
    id: "s",
    edges: (key, a, node) =>
      (a.label === "Statement" || a.label === "Figure") && typeof a.reportKey === "string" && node(a.reportKey)?.label === "Report" ? [["CONTAINS", a.reportKey, key]] : [],
  },
  {
    id: "t",
    edges: (_key, a, node) =>
      a.label === "Statement" && typeof a.reportKey === "string" && typeof a.themeKey === "string" && node(a.reportKey)?.label === "Report" && node(a.themeKey) !== undefined
        ? [[a.kind === "measure" ? "PROPOSES" : "RAISES", a.reportKey, a.themeKey]]
        : [],
  },
];

/** The first Document node (in key order) of each path. */
function documentsByPath(nodeKeys: readonly string[], node: (key: string) => Attrs | undefined): Map<unknown, string> {
  const docs = new Map<unknown, string>();
  for (const k of nodeKeys) {
    const a = node(k)!;
    if (a.label === "Document" && typeof a.path === "string" && !docs.has(a.path)) docs.set(a.path, k);
  }
  return docs;
}

/** Flags of an edge as the writer plans it: its key is the one kg derives (graph/keys.ts relKey) from its type, source and target. */
const DERIVED = 1;
/** Left out: an implied rule (IMPLIED_EDGES) gives it. */
const LEFT = 2;
/** One of the MENTIONS the records imply (impliedMentions). */
const MENTION = 4;
/** A Figure node as the records imply it (not written), or implied but different (written). */
const IMPLIED_SAME = 1;
const IMPLIED_DIFFERENT = 2;

/**
 * The edges as the writer plans them, a column per field (an object per edge took about 100 bytes, for
 * millions of edges): key (undefined where it is the one kg derives: derived again when needed), attributes,
 * source and target places (among the nodes in key order), flags, and the shape of an implied MENTIONS whose
 * values are all computed (not written; -1: written). `order`: the edges
 * by source and target places, then key (the order they are written in).
 */
class EdgeTable {
  /** The keys of the edges whose key is not the one kg derives, by place (few). */
  readonly keys = new Map<number, string>();
  /** Each edge's attributes, or (one whose `lines` entry is not -1) only its type. */
  readonly attrs: Attrs[];
  /** Each edge's line in the caller's temporary file (ChunkOptions.edgeAttributes), -1 for one held in `attrs`. */
  readonly lines: Int32Array;
  readonly s: Int32Array;
  readonly t: Int32Array;
  readonly flags: Uint8Array;
  readonly shape: Int32Array;
  order = new Uint32Array(0);
  constructor(readonly length: number) {
    this.attrs = new Array<Attrs>(length);
    this.lines = new Int32Array(length).fill(-1);
    this.s = new Int32Array(length);
    this.t = new Int32Array(length);
    this.flags = new Uint8Array(length);
    this.shape = new Int32Array(length).fill(-1);
  }
  /** All of edge `i`'s attributes (read back when spilled). */
  full(i: number, read: ((line: number) => Attrs) | undefined): Attrs {
    const line = this.lines[i]!;
    return line < 0 ? this.attrs[i]! : read!(line);
  }
  /** The key of edge `i`, derived again (relKey) when not held; `nodeKeys`: the nodes in key order. */
  key(i: number, nodeKeys: readonly string[]): string {
    return this.keys.get(i) ?? relKey(this.attrs[i]!.type as RelType, nodeKeys[this.s[i]!]!, nodeKeys[this.t[i]!]!);
  }
  sort(nodeKeys: readonly string[]): void {
    const { s, t } = this;
    const order = new Uint32Array(this.length);
    for (let i = 0; i < order.length; i++) order[i] = i;
    this.order = order.sort((x, y) => s[x]! - s[y]! || t[x]! - t[y]! || byCodeUnits(this.key(x, nodeKeys), this.key(y, nodeKeys)));
  }
  /** The edge with the derived key of `type` from place `source` to place `target` (-1: none). */
  find(type: string, source: number, target: number): number {
    const { s, t, order } = this;
    let lo = 0;
    let hi = order.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      const m = order[mid]!;
      if (s[m]! < source || (s[m] === source && t[m]! < target)) lo = mid + 1;
      else hi = mid;
    }
    for (let j = lo; j < order.length; j++) {
      const i = order[j]!;
      if (s[i] !== source || t[i] !== target) break;
      if ((this.flags[i]! & DERIVED) !== 0 && this.attrs[i]!.type === type) return i;
    }
    return -1;
  }
}

/**
 * The edges (places in `edges`) that one rule of IMPLIED_EDGES gives, each once, when every one is in the graph as
 * implied (its key derived, its type alone); null when one is not (the writer's check: no key computed, and no
 * list of every triple made first: at 100 MB of reports that list and its set of 400,000 strings were the peak).
 */
function impliedFound(
  rule: (typeof IMPLIED_EDGES)[number],
  nodeKeys: readonly string[],
  node: (key: string) => Attrs | undefined,
  docs: Map<unknown, string>,
  edges: EdgeTable,
  derivedEdge: (type: string, source: string, target: string) => number,
): number[] | null {
  const found: number[] = [];
  const seen = new Uint8Array(edges.length);
  for (const k of nodeKeys) {
    for (const [type, source, target] of rule.edges(k, node(k)!, node, docs)) {
      const edge = derivedEdge(type, source, target);
      if (edge < 0) return null;
      if (seen[edge] === 1) continue;
      if (edges.lines[edge]! >= 0) return null; // spilled: it has more than its type
      for (const a in edges.attrs[edge]!) if (a !== "type") return null;
      seen[edge] = 1;
      found.push(edge);
    }
  }
  return found;
}

/** The relationships one rule of IMPLIED_EDGES gives, each once. */
function impliedEdges(
  rule: (typeof IMPLIED_EDGES)[number],
  nodeKeys: readonly string[],
  node: (key: string) => Attrs | undefined,
  docs: Map<unknown, string>,
): { key: string; type: RelType; source: string; target: string }[] {
  const seen = new Set<string>();
  const out: { key: string; type: RelType; source: string; target: string }[] = [];
  for (const k of nodeKeys) {
    for (const [type, source, target] of rule.edges(k, node(k)!, node, docs)) {
      const key = relKey(type, source, target);
      if (!seen.has(key)) (seen.add(key), out.push({ key, type, source, target }));
    }
  }
  return out;
}

/** The key kg gives a Figure node (graph/build-graph.ts addFigures), from its attributes; undefined when they lack one. */
function figureKey(a: Attrs): string | undefined {
  const { label, reportKey, what, value, startOffset } = a;
  if (label !== "Figure" || typeof reportKey !== "string" || !reportKey.startsWith("report:") || !isOffset(startOffset)) return undefined;
  if (typeof what !== "string" || (typeof value !== "number" && typeof value !== "string")) return undefined;
  return `fig:${keyHash(reportKey.slice(7), what, value, startOffset)}`;
}

/** The key kg gives a Document node (graph/build-graph.ts addDocument): the first 16 digits of its sha256. */
function documentKey(a: Attrs): string | undefined {
  return a.label === "Document" && typeof a.sha256 === "string" && a.sha256.length >= 16 ? `doc:${a.sha256.slice(0, 16)}` : undefined;
}

/**
 * The Figure nodes the records imply (graph/build-graph.ts addFigures): one per figure of a report of a
 * record, with the Document's path and the record's text; given to `out` a record at a time, in the records'
 * order (a key met again is merged into the one before: mergedFigures).
 */
function impliedFigures(record: Attrs, path: unknown, out: (key: string, a: Attrs) => void): void {
  const text = record.text;
  if (typeof text !== "string" || !Array.isArray(record.reports)) return;
  for (const report of record.reports as Attrs[]) {
    const id = report !== null && typeof report === "object" ? segmentId(report.segment) : undefined;
    if (id === undefined || !Array.isArray(report.figures)) continue;
    for (const fig of report.figures as Attrs[]) {
      const span = fig?.span as Attrs | undefined;
      if (!span || !isOffset(span.start) || !isOffset(span.end) || span.end < span.start || span.end > text.length) continue;
      if (typeof fig.what !== "string" || (typeof fig.value !== "number" && typeof fig.value !== "string")) continue;
      const a: Attrs = { endOffset: span.end, label: "Figure", line: fig.line, path, quote: text.slice(span.start, span.end), reportKey: `report:${id}`, startOffset: span.start, unit: fig.unit, value: fig.value, what: fig.what };
      for (const k in a) if (a[k] === undefined) delete a[k];
      out(`fig:${keyHash(id, fig.what, fig.value, span.start)}`, a);
    }
  }
}

/** Implied figures into `byKey`, a key met again merged into the one before, as the graph merges them. */
const mergedFigures =
  (byKey: Map<string, Attrs>) =>
  (key: string, a: Attrs): void => {
    const before = byKey.get(key);
    byKey.set(key, before ? Object.assign(before, a) : a);
  };

/**
 * The MENTIONS relationships the records imply (graph/build-graph.ts addMentions), as [source, target]
 * pairs in the order met: "m" a report's of each organisation and mechanism it names, "n" a statement's
 * of each mechanism named within its item. A report whose id was met before is left out (its relationships
 * are the first one's, or written); each pair once. Their attributes are the rules' (a shape each). Given to
 * `out` a record at a time, in the records' order (`reports`: the ids met).
 */
function impliedMentions(record: Attrs, out: (id: "m" | "n", source: string, target: string) => void, reports: Set<string>): void {
  if (!Array.isArray(record.reports)) return;
  for (const report of record.reports as Attrs[]) {
    const id = report !== null && typeof report === "object" ? segmentId(report.segment) : undefined;
    if (id === undefined || reports.has(id)) continue;
    reports.add(id);
    const source = `report:${id}`;
    const targets = new Set<string>();
    for (const [list, prefix] of [[report.organisations, "org:"], [report.mechanisms, "mech:"]] as const) {
      if (!Array.isArray(list)) continue;
      for (const e of list as Attrs[]) {
        if (!e || typeof e.name !== "string" || !Array.isArray(e.occurrences) || e.occurrences.length === 0) continue;
        const target = prefix + e.name;
        if (!targets.has(target)) (targets.add(target), out("m", source, target));
      }
    }
    if (!Array.isArray(report.mechanisms) || !Array.isArray(report.statements)) continue;
    const items: { key: string; start: number; end: number }[] = [];
    for (const st of report.statements as Attrs[]) {
      const span = st?.span as Attrs | undefined;
      if (st && typeof st.id === "string" && span && isOffset(span.start) && isOffset(span.end)) items.push({ key: `stmt:${st.id}`, start: span.start, end: span.end });
    }
    if (items.length === 0) continue;
    const pairs = new Set<string>();
    for (const mech of report.mechanisms as Attrs[]) {
      if (!mech || typeof mech.name !== "string" || !Array.isArray(mech.occurrences)) continue;
      const target = `mech:${mech.name}`;
      const occurrences = mech.occurrences as Attrs[];
      for (const item of items) {
        let inside = false;
        for (const o of occurrences) {
          const os = o?.span as Attrs | undefined;
          if (os && isOffset(os.start) && isOffset(os.end) && os.start >= item.start && os.end <= item.end) {
            inside = true;
            break;
          }
        }
        if (!inside) continue;
        const pair = `${item.key}\u0000${target}`;
        if (!pairs.has(pair)) (pairs.add(pair), out("n", item.key, target));
      }
    }
  }
}

/**
 * Each key's place in the order given: made without a list of [key, place] pairs (at 100 MB of reports, hundreds
 * of thousands of small arrays made at the writer's peak, only to be let go).
 */
function placesOf(keys: Iterable<string>): Map<string, number> {
  const places = new Map<string, number>();
  let i = 0;
  for (const k of keys) places.set(k, i++);
  return places;
}

/**
 * Each node's place among `sorted` (every node's key, in key order), through the caller's own numbers of the
 * nodes when it has them (ChunkOptions.nodes.number: then only a place per number is held, not a map of
 * every key: about 30 MB at 100 MB of reports); undefined for a key that is not a node's.
 */
function nodePlaces(sorted: readonly string[], number: ((key: string) => number | undefined) | undefined): { get(key: string): number | undefined } {
  if (number === undefined) return placesOf(sorted);
  const place = new Int32Array(sorted.length).fill(-1);
  sorted.forEach((k, p) => {
    const n = number(k);
    if (n === undefined || n < 0 || n >= place.length || place[n] !== -1) throw new Error(`graph file: the node "${k}" has no number of its own`);
    place[n] = p;
  });
  return {
    get: (key) => {
      const n = number(key);
      return n === undefined ? undefined : place[n];
    },
  };
}

/** Whether a node's attributes are exactly `a` (same defined keys, same values). */
function sameAttributes(node: Attrs, a: Attrs): boolean {
  let n = 0;
  for (const k in node) {
    if (node[k] === undefined) continue;
    if (!(k in a) || !same(node[k], a[k])) return false;
    n++;
  }
  return n === Object.keys(a).length;
}

/**
 * Every node's and edge's row, written into `text` as it is planned (references provisional), and the shapes;
 * null when the graph has undirected edges or a node key holds U+E000–U+E002. What the rules read (the
 * parsed records) is let go on return.
 */
function plan(graph: KgGraph, text: PlannedText, held: HeldText, { records: recordOf, collect, texts: textOf, edges: edgesOf, edgeAttributes: readEdge, nodes: nodesOf }: ChunkOptions, index: SpilledRecordIndex): { nodeRows: RowChunks; edgeRows: RowChunks; shapes: Shapes; implied: string; absent: number[]; impliedShapes: Record<string, number[]> } | null {
  // Attributes by key, read from the graph once (its own lookups cost more); with `nodesOf`, those the rules read
  // of other nodes, all of a node's read when its row is planned.
  let attrsHeld: (key: string) => Attrs | undefined;
  let nodeKeys: string[];
  if (nodesOf?.held !== undefined) {
    // The caller's own table (kg import: a map of 750,000 nodes at 100 MB of reports, not made twice).
    nodeKeys = [];
    nodesOf.forEach((k) => nodeKeys.push(k));
    attrsHeld = nodesOf.held.bind(nodesOf);
  } else {
    const attrsOf = new Map<string, Attrs>();
    if (nodesOf !== undefined) nodesOf.forEach((k, a) => attrsOf.set(k, a));
    else graph.forEachNode((k, a) => attrsOf.set(k, a as Attrs));
    nodeKeys = [...attrsOf.keys()];
    attrsHeld = (k) => attrsOf.get(k);
  }
  const full = nodesOf !== undefined ? (k: string) => nodesOf.full(k) : attrsHeld;
  nodeKeys.sort(byCodeUnits);
  const places = nodePlaces(nodeKeys, nodesOf?.number?.bind(nodesOf));
  // Edges by source and target (each written as the step from the edge before), read back in key order; and
  // whether each has the key kg derives (graph/keys.ts relKey) from its type, source and target.
  const edges = new EdgeTable(graph.size);
  let undirected = false;
  let n = 0;
  const visit = (e: string | undefined, a: Attrs, source: string, target: string, line = -1) => {
    const i = n++;
    edges.attrs[i] = a;
    edges.lines[i] = line;
    edges.s[i] = places.get(source)!;
    edges.t[i] = places.get(target)!;
    if (e === undefined || (typeof a.type === "string" && e === relKey(a.type as RelType, source, target))) edges.flags[i] = DERIVED;
    else edges.keys.set(i, e);
  };
  if (edgesOf !== undefined && graph.type === "directed") edgesOf(visit);
  else {
    graph.forEachEdge((e, attrs, source, target, _sa, _ta, isUndirected) => {
      if (isUndirected) undirected = true;
      visit(e, attrs as Attrs, source, target);
    });
  }
  if (undirected || n !== edges.length) return null;
  edges.sort(nodeKeys);
  /** The edge with the derived key of `type` from `source` to `target`, found by its places (-1: none). */
  const derivedEdge = (type: string, source: string, target: string): number => {
    const s = places.get(source);
    const t = places.get(target);
    return s === undefined || t === undefined ? -1 : edges.find(type, s, t);
  };
  const node = (key: unknown) => (typeof key === "string" ? attrsHeld(key) : undefined);
  const shapes = new Shapes();
  // Documents' texts and records' statements, for the rules; records encoded once.
  const texts = new Map<string, string>();
  const records = new Map<string, RawJson>();
  // What the records imply: Figure nodes, MENTIONS (each record is then kept only as far as the rules read it).
  // Figure nodes the records imply are not written when they are there exactly as implied; those not in the
  // graph are listed by their place among the implied ones; those that differ are written. Each is checked as
  // it is met (at 100 MB of reports a table of every implied figure's attributes held about 100 MB at the
  // writer's peak); one met again, which the reader merges into the one before, is written.
  const figureState = new Uint8Array(nodeKeys.length); // by node place: 0 not implied, IMPLIED_SAME, IMPLIED_DIFFERENT
  const absentKeys = new Set<string>();
  const absent: number[] = [];
  let figurePlace = 0;
  const figure = (key: string, implied: Attrs): void => {
    const p = places.get(key);
    if (p === undefined) {
      if (!absentKeys.has(key)) (absentKeys.add(key), absent.push(figurePlace++));
    } else if (figureState[p] === 0) {
      figureState[p] = sameAttributes(full(key)!, implied) ? IMPLIED_SAME : IMPLIED_DIFFERENT;
      figurePlace++;
    } else figureState[p] = IMPLIED_DIFFERENT;
  };
  // (each as the edge it is, -1 for one not in the graph: a pair of keys each took about 100 bytes, for millions)
  const mentions: Record<"m" | "n", number[]> = { m: [], n: [] };
  const mention = (id: "m" | "n", source: string, target: string) => void mentions[id].push(derivedEdge("MENTIONS", source, target));
  const mentionReports = new Set<string>();
  // Document nodes whose record comes from `recordOf`: written with it as their attribute `record`.
  const sourced = new Set<string>();
  // (kg import: each record parsed whole, each row's text made and let go; collected as the heap grows: HeapBound)
  // (a tenth more than what is alive, plus 48 MB: with a quarter plus 64 MB, the heap grew by 190 MB of rows' garbage
  // while a 100 MB corpus's nodes were planned, the import's peak)
  const bound = collect ? HeapBound.tight(64) : null;
  for (const k of nodeKeys) {
    if (attrsHeld(k)!.label !== "Document") continue;
    bound?.check();
    const a = full(k)!;
    let recordText = a.record;
    let r: Json | undefined;
    if (recordText === undefined && recordOf !== undefined) {
      const found = recordOf(k);
      if (found !== undefined) sourced.add(k);
      if (typeof found === "object") r = found.parsed as Json;
      else recordText = found;
    }
    if (r === undefined) {
      if (typeof recordText !== "string") continue;
      try {
        r = JSON.parse(recordText) as Json;
      } catch {
        continue;
      }
      if (JSON.stringify(r) !== recordText) continue;
    }
    if (r === null || typeof r !== "object" || Array.isArray(r)) continue;
    const known = textOf !== undefined && typeof a.path === "string" ? textOf(a.path) : undefined;
    if (known !== undefined && r.text === known) r.text = known;
    const own = typeof r.text === "string" ? r.text : undefined;
    if (own !== undefined && typeof a.path === "string" && !texts.has(a.path)) texts.set(a.path, own);
    records.set(k, text.json(encodeRecord(r, shapes)));
    impliedFigures(r, a.path, figure);
    impliedMentions(r, mention, mentionReports);
    index.add(r, a.path);
  }
  mentionReports.clear();
  if (collect) collectGarbage();
  const ctx = index.context(
    (path) => (typeof path === "string" ? texts.get(path) : undefined),
    node,
  );
  const row = new Row(null);
  absentKeys.clear();
  let implied = figurePlace > 0 ? "F" : "";
  // A statement's key is written as its place among the records' statements, a report's as its place among
  // the records' reports; a figure's and a document's as null (computed from their attributes).
  const statementIndex = index.statements;
  const reportIndex = placesOf(index.reports.keys());
  const nodeRows = new RowChunks(held);
  for (const [nodePlace, k] of nodeKeys.entries()) {
    bound?.check();
    if (figureState[nodePlace] === IMPLIED_SAME) continue;
    const stored = full(k)!;
    const record = records.get(k);
    // A record from `recordOf` is in the row as its encoded value (or, when it could not be encoded, as its text).
    const a = sourced.has(k) ? { ...stored, record: record !== undefined ? "" : recordTextOf(recordOf!(k)) } : stored;
    if (record !== undefined) records.delete(k);
    const place = a.label === "Report" ? (k.startsWith("report:") ? reportIndex.get(k.slice(7)) : undefined) : k.startsWith("stmt:") ? statementIndex.get(k.slice(5)) : undefined;
    const head = place !== undefined ? place : k === figureKey(a) || k === documentKey(a) ? null : k;
    if (typeof head === "string" && RESERVED.test(head)) return null;
    nodeRows.add(text.row(planRow([head], a, row.reset(a, k, undefined, undefined), ctx, shapes, record), 2));
  }
  records.clear();
  if (collect) collectGarbage();
  // Edges the nodes imply (IMPLIED_EDGES), when every one of a rule's is there as implied, are not written.
  const docs = documentsByPath(nodeKeys, node);
  for (const rule of IMPLIED_EDGES) {
    const found = impliedFound(rule, nodeKeys, node, docs, edges, derivedEdge);
    if (found === null) continue;
    implied += rule.id;
    for (const edge of found) edges.flags[edge]! |= LEFT;
  }
  // The MENTIONS the records imply, when all their values are computed, are not written: only their shapes in
  // the order the records give them (runs of [shape, count]; -1 for a relationship not in the graph or written).
  const mentionEdges = mentions;
  for (const id of ["m", "n"] as const) for (const edge of mentionEdges[id]) if (edge >= 0) edges.flags[edge]! |= MENTION;
  // Each edge's shape and values, written by the step from the edge written before.
  let lastSource = 0;
  let lastTarget = 0;
  const edgeRows = new RowChunks(held);
  for (const edge of edges.order) {
    bound?.check();
    const flags = edges.flags[edge]!;
    if ((flags & LEFT) !== 0) continue;
    const a = edges.full(edge, readEdge);
    const s = edges.s[edge]!;
    const t = edges.t[edge]!;
    const r = planRow([], a, row.reset(a, undefined, nodeKeys[s], nodeKeys[t]), ctx, shapes, undefined, (flags & DERIVED) !== 0 ? undefined : edges.keys.get(edge)!);
    if (r.length === 1 && (flags & MENTION) !== 0) {
      edges.shape[edge] = r[0] as number;
      continue;
    }
    r.unshift(s - lastSource, s === lastSource ? t - lastTarget : t);
    lastSource = s;
    lastTarget = t;
    edgeRows.add(text.row(r, 3));
  }
  const impliedShapes: Record<string, number[]> = {};
  for (const id of ["m", "n"] as const) {
    const runs: number[] = [];
    for (const edge of mentionEdges[id]) {
      let shape = -1;
      if (edge >= 0 && edges.shape[edge]! >= 0) {
        shape = edges.shape[edge]!;
        edges.shape[edge] = -1;
      }
      if (runs.length > 0 && runs[runs.length - 2] === shape) runs[runs.length - 1]!++;
      else runs.push(shape, 1);
    }
    if (runs.length > 0) impliedShapes[id] = runs;
  }
  return { nodeRows, edgeRows, shapes, implied, absent, impliedShapes };
}

/**
 * A node's or edge's row: `head`, its shape, its written values (raw strings: references are made when
 * writing). The rules are tried in their order; a value is left out when one gives it back exactly.
 */
function planRow(
  head: unknown[],
  a: Attrs,
  row: Row,
  ctx: Context,
  shapes: Shapes,
  record: unknown,
  explicitKey?: string,
): unknown[] {
  const names: string[] = [];
  for (const k in a) if (a[k] !== undefined) names.push(k);
  names.sort();
  const isReport = a.label === "Report";
  // Which rule gives each value back (when writing, rules read the values as they are: any order will do).
  const derived: (string | undefined)[] = new Array(names.length);
  for (let i = 0; i < names.length; i++) {
    const k = names[i]!;
    const rules = RULES_BY_ATTR.get(k);
    if (rules === undefined) continue;
    for (const rule of rules) {
      if (rule.crossNode && isReport) continue;
      if (same(rule.derive(row, ctx), a[k])) {
        derived[i] = rule.id;
        break;
      }
    }
  }
  const fields: string[] = explicitKey === undefined ? [] : [KEY_FIELD];
  const values: unknown[] = explicitKey === undefined ? [] : [explicitKey];
  let text: string | undefined | null = null;
  for (let i = 0; i < names.length; i++) {
    const k = names[i]!;
    const v = a[k];
    const rule = derived[i];
    if (rule !== undefined) fields.push(spec(k, rule));
    else if ((k === "label" || k === "type") && typeof v === "string" && !RESERVED.test(v)) fields.push(spec(k, `:${v}`));
    else if (k === "record" && record !== undefined) {
      fields.push(RECORD_FIELD);
      values.push(record);
    } else {
      fields.push(k);
      let out: unknown = v;
      if (typeof v === "string" && v.length >= MIN_SLICED && !NEVER_SLICED.has(k)) {
        if (text === null) text = ctx.docText(a.path);
        out = sliceRef(text, v, a.startOffset) ?? v;
      }
      values.push(out !== null && typeof out === "object" && !(out instanceof Piece) ? copyJson(out) : out);
    }
  }
  head.push(shapes.of(fields));
  for (const v of values) head.push(v);
  return head;
}

/**
 * A record as a value: objects [shape, values…] with their keys in their own order, arrays [-1, items…];
 * what RECORD_RULES give back is left out, constants (recordConstant) go in the shape, pieces of the text
 * are written as such. A list of two objects or more is written flat: [-2, shape, values…] when they share
 * a shape, [-3, shape, values…, shape, values…] when they do not.
 */
function encodeRecord(record: { [k: string]: Json }, shapes: Shapes): unknown {
  let text: string | undefined;
  const enc = (v: Json, env: RecordEnv, depth: number, key: string, before: Attrs | undefined): unknown => {
    if (typeof v === "string") return (depth > 1 && SLICED_IN_RECORDS.has(key) && sliceRef(text, v, undefined)) || v;
    if (Array.isArray(v)) {
      const out: unknown[] = [];
      let prev: Attrs | undefined;
      let objects = v.length > 1;
      for (const x of v) {
        const e = enc(x, env, depth + 1, key, prev);
        out.push(e);
        prev = x !== null && typeof x === "object" && !Array.isArray(x) ? x : undefined;
        if (!isEncodedObject(e)) objects = false;
      }
      if (objects) return flatList(out as unknown[][]);
      // A list is marked with -1 only when its first item is a number (which would read as an object's shape).
      if (typeof out[0] === "number") out.unshift(-1);
      return out;
    }
    if (v === null || typeof v !== "object") return v;
    const names = Object.keys(v);
    if (names.length === 2 && names[0] === "start" && names[1] === "end" && isOffset(v.start) && isOffset(v.end) && v.end >= v.start) {
      return new Piece(`${SPAN}${v.start.toString(36)}.${(v.end - v.start).toString(36)}`);
    }
    // Rules (not at the top) are checked with what the reader has once the object's values are read: the report id
    // and segment of a "segment" among them; a rule is not used when a rule before it reads its key.
    let derived: RecordRule[] | undefined;
    if (depth > 0) {
      let own = env;
      for (const k of names) if (k === "segment") own = { ...env, reportId: segmentId(v[k]), segment: v[k] as Attrs };
      for (const rule of RECORD_RULES) {
        const k = rule.key;
        if (!(k in v) || (derived !== undefined && derived.some((d) => d.key === k || d.needs.includes(k)))) continue;
        if (same(rule.derive(v, own, before), v[k])) (derived ??= []).push(rule);
      }
    }
    const fields: string[] = [];
    const values: unknown[] = [0];
    // What the reader knows of this object when it reads a list or object in it: the values before it
    // (made when first needed: most objects hold none).
    let seen: Attrs | undefined;
    let inner: RecordEnv | undefined;
    let reportId = env.reportId;
    let segment = env.segment;
    for (let i = 0; i < names.length; i++) {
      const k = names[i]!;
      const x = v[k]!;
      const rule = derived?.find((d) => d.key === k);
      const constant = rule === undefined && depth > 0 ? constantField(k, x, key) : undefined;
      if (rule !== undefined) fields.push(spec(k, rule.id));
      else if (constant !== undefined) fields.push(constant);
      else {
        fields.push(k);
        if (x !== null && typeof x === "object" && inner === undefined) {
          seen = {};
          for (let j = 0; j < i; j++) {
            const n = names[j]!;
            if (derived?.some((d) => d.key === n) !== true) seen[n] = v[n];
          }
          inner = { text, reportId, segment, parent: seen };
        }
        values.push(enc(x, inner ?? env, depth + 1, k, undefined));
      }
      if (rule === undefined && seen !== undefined) seen[k] = x;
      if (depth === 0 && k === "text" && typeof x === "string") {
        text = x;
        if (inner) inner.text = x;
      }
      if (k === "segment") {
        reportId = segmentId(x);
        segment = x as Attrs;
        if (inner) (inner.reportId = reportId), (inner.segment = segment);
      }
    }
    values[0] = shapes.ref(fields);
    return values;
  };
  return enc(record, { text: undefined, reportId: undefined, segment: undefined, parent: undefined }, 0, "", undefined);
}

/** An object as encodeRecord writes it: [shape, values…] (a list is [items…] or [-1, items…]). */
function isEncodedObject(e: unknown): e is unknown[] {
  return Array.isArray(e) && e[0] instanceof ShapeRef;
}

/** Objects of a list, written flat: [-2, shape, values…] when they share a shape, [-3, shape, values…, …] otherwise. */
function flatList(items: unknown[][]): unknown[] {
  const shape = items[0]![0];
  const width = items[0]!.length - 1;
  const uniform = width > 0 && items.every((x) => x[0] === shape);
  const out: unknown[] = uniform ? [-2, shape] : [-3];
  for (const x of items) for (let i = uniform ? 1 : 0; i < x.length; i++) out.push(x[i]);
  return out;
}

function segmentId(segment: unknown): string | undefined {
  return segment !== null && typeof segment === "object" && typeof (segment as Attrs).id === "string" ? ((segment as Attrs).id as string) : undefined;
}

/**
 * Node attributes a lean decode computes (decodeV3): what the keys of the nodes and relationships are computed
 * from (graph-codec.ts parseGraphFile), and a Document's path and sha256, with which its record is read again.
 */
const LEAN_ATTRS = new Set(["label", "path", "sha256", "reportKey", "themeKey", "kind", "startOffset", "what", "value"]);

/**
 * The graphology export held by a version 3 or 4 file's parsed JSON. `lean`: the nodes and relationships with their
 * keys, but only the attributes the keys are computed from (LEAN_ATTRS; relationships: their type) and those
 * written as values, and each Document's record as the object it decodes to, not its JSON (JSON.stringify gives
 * what a full decode holds; at 10 MB of reports that JSON, about 75 MB, and the other attributes were about half
 * of what the decoded file held).
 */
export function decodeV3(data: Attrs, lean = false, keysOnly?: KeysOnly): SerializedKgGraph {
  // Keys only, the records' statements and entities wait in a temporary file (as the writer's do).
  const spilled = keysOnly ? new SpilledRecordIndex() : null;
  try {
    return decode(data, lean, keysOnly, spilled ?? new RecordIndex());
  } finally {
    newlines.clear();
    spilled?.close();
  }
}

/**
 * A lean decode for the keys and the documents only (graph-file.ts readStoredDocuments): each relationship's key
 * is handed to `edge` as decoded (an implied one perhaps twice), and each Document's attributes, with its record's
 * JSON and its sha256, to `document` as soon as its row is read; the record is then let go. The export returned
 * has no relationships and no records.
 */
export interface KeysOnly {
  edge(key: string): void;
  document(attributes: Attrs): void;
}

function decode(data: Attrs, lean: boolean, keysOnly: KeysOnly | undefined, index: RecordIndex | SpilledRecordIndex): SerializedKgGraph {
  const edgeKeys = keysOnly?.edge;
  const strings = data.strings as string[];
  const shapes = data.shapes as string[][];
  const str = (v: string): string => {
    if (v.charCodeAt(0) !== 0xe000) return v;
    const s = strings[parseInt(v.slice(1), 36)];
    if (s === undefined) throw new Error(`a reference to string ${v.slice(1)} of ${strings.length}`);
    return s;
  };
  const dec = (v: unknown): unknown => {
    if (typeof v === "string") return str(v);
    if (Array.isArray(v)) {
      for (let i = 0; i < v.length; i++) v[i] = dec(v[i]);
      return v;
    }
    if (v !== null && typeof v === "object") {
      for (const k in v as Attrs) (v as Attrs)[k] = dec((v as Attrs)[k]);
      return v;
    }
    return v;
  };
  const shapeAt = (n: unknown): string[] => {
    const s = shapes[n as number];
    if (!s) throw new Error(`shape ${String(n)} of ${shapes.length}`);
    return s;
  };
  // Parsed shapes: fields, constants, rules.
  interface Field {
    name: string;
    kind: "value" | "const" | "rule" | "key" | "record";
    arg: string;
  }
  const parsed = new Map<number, Field[]>();
  const sortedRules = new Map<Field[], Rule[]>();
  /** A shape's rules in the order they are computed. */
  const rulesOf = (fields: Field[]): Rule[] => {
    let rules = sortedRules.get(fields);
    if (!rules) {
      rules = fields
        .filter((f) => f.kind === "rule" && (!lean || LEAN_ATTRS.has(f.name)))
        .map((f) => {
          const rule = RULES_BY_ID.get(f.arg);
          if (!rule) throw new Error(`unknown rule ${JSON.stringify(f.arg)}`);
          return rule;
        })
        .sort((x, y) => RULE_ORDER.get(x.attr)! - RULE_ORDER.get(y.attr)!);
      sortedRules.set(fields, rules);
    }
    return rules;
  };
  const fieldsOf = (n: unknown): Field[] => {
    let f = parsed.get(n as number);
    if (!f) {
      f = shapeAt(n).map((spec) => {
        if (spec === KEY_FIELD) return { name: "", kind: "key", arg: "" };
        if (spec === RECORD_FIELD) return { name: "record", kind: "record", arg: "" };
        const at = spec.indexOf(REF);
        if (at < 0) return { name: spec, kind: "value", arg: "" };
        const name = spec.slice(0, at);
        const arg = spec.slice(at + 1);
        return arg.startsWith(":") ? { name, kind: "const", arg: arg.slice(1) } : { name, kind: "rule", arg: spec };
      });
      parsed.set(n as number, f);
    }
    return f;
  };

  interface RecordShape {
    names: string[];
    /** Per field: 0 written, 1 computed by a rule, 2 a constant (its value in `constants`, shared by every object of the shape). */
    kinds: number[];
    constants: unknown[];
    rules: RecordRule[];
    /** How many values the object has written. */
    width: number;
  }
  const recordShapes = new Map<number, RecordShape>();
  const recordShapeOf = (n: unknown): RecordShape => {
    let shape = recordShapes.get(n as number);
    if (!shape) {
      const specs = shapeAt(n);
      const names: string[] = [];
      const kinds: number[] = [];
      const constants: unknown[] = [];
      for (const spec of specs) {
        const at = spec.indexOf(REF);
        names.push(at < 0 ? spec : spec.slice(0, at));
        constants.push(at >= 0 && spec[at + 1] === ":" ? JSON.parse(spec.slice(at + 2)) : undefined);
        kinds.push(at < 0 ? 0 : spec[at + 1] === ":" ? 2 : 1);
        if (at >= 0 && spec[at + 1] !== ":" && !RECORD_RULE_BY_SPEC.has(spec)) throw new Error(`unknown record rule ${JSON.stringify(spec)}`);
      }
      shape = { names, kinds, constants, rules: RECORD_RULES.filter((r) => specs.includes(`${r.key}${REF}${r.id}`)), width: kinds.filter((k) => k === 0).length };
      recordShapes.set(n as number, shape);
    }
    return shape;
  };
  const texts = new Map<string, string>();
  const decodeRecord = (v: unknown): { json: string; text: string | undefined; record: Attrs } => {
    let text: string | undefined;
    /** An object of shape `shapeId` from its values at `from` in `list`. */
    const object = (list: unknown[], from: number, shapeId: unknown, env: RecordEnv, depth: number, prev: Attrs | undefined): Attrs => {
      const out: Attrs = {};
      let own = env;
      // What a list or object in this one reads (made when first needed: most objects hold none).
      let inner: RecordEnv | undefined;
      let reportId = env.reportId;
      let segment = env.segment;
      let i = from;
      const shape = recordShapeOf(shapeId);
      for (let f = 0; f < shape.names.length; f++) {
        const name = shape.names[f]!;
        const kind = shape.kinds[f]!;
        if (kind === 1) {
          out[name] = undefined;
          continue;
        }
        let value: unknown;
        if (kind === 2) value = shape.constants[f];
        else {
          const x = list[i++];
          value = Array.isArray(x) ? walk(x, (inner ??= { text, reportId, segment, parent: out }), depth + 1, undefined) : walk(x, env, depth + 1, undefined);
        }
        out[name] = value;
        if (depth === 0 && name === "text" && typeof value === "string") {
          text = value;
          if (inner) inner.text = value;
        }
        if (name === "segment") {
          reportId = segmentId(value);
          segment = value as Attrs;
          if (inner) (inner.reportId = reportId), (inner.segment = segment);
          own = { ...env, reportId, segment };
        }
      }
      for (const r of shape.rules) {
        const value = r.derive(out, own, prev);
        if (value === undefined) throw new Error(`record field ${r.key} by rule ${r.id} without what it is computed from`);
        out[r.key] = value;
      }
      return out;
    };
    const walk = (x: unknown, env: RecordEnv, depth: number, before: Attrs | undefined): unknown => {
      if (typeof x === "string") {
        const c = x.charCodeAt(0);
        if (c === 0xe002) {
          const dot = x.indexOf(".");
          const start = parseInt(x.slice(1, dot), 36);
          return { start, end: start + parseInt(x.slice(dot + 1), 36) };
        }
        return c === 0xe001 && depth > 1 ? resolveSlice(text, x) : str(x);
      }
      if (!Array.isArray(x)) return x;
      const head = x[0];
      if (typeof head !== "number" || head === -1) {
        const out: unknown[] = [];
        let prev: Attrs | undefined;
        for (let i = head === -1 ? 1 : 0; i < x.length; i++) {
          const item = walk(x[i], env, depth + 1, prev);
          out.push(item);
          prev = item !== null && typeof item === "object" && !Array.isArray(item) ? (item as Attrs) : undefined;
        }
        return out;
      }
      if (head === -2 || head === -3) {
        // A flat list of objects (encodeRecord's flatList), each knowing the item before it.
        const out: Attrs[] = [];
        let prev: Attrs | undefined;
        for (let i = head === -2 ? 2 : 1; i < x.length; ) {
          const shapeId = head === -2 ? x[1] : x[i++];
          const width = recordShapeOf(shapeId).width;
          if (head === -2 && width === 0) throw new Error("a flat list of objects without values");
          out.push((prev = object(x, i, shapeId, env, depth + 1, prev)));
          i += width;
          if (i > x.length) throw new Error("a flat list of objects ends within an object");
        }
        return out;
      }
      return object(x, 1, head, env, depth, before);
    };
    const record = walk(v, { text: undefined, reportId: undefined, segment: undefined, parent: undefined }, 0, undefined) as Attrs;
    return { json: lean ? "" : JSON.stringify(record), text: typeof record.text === "string" ? record.text : undefined, record };
  };

  // Nodes: written values (records decoded, documents' texts known), then rules (Report rows first).
  const stored = (fields: Field[]) => fields.reduce((n, f) => (f.kind === "value" || f.kind === "record" || f.kind === "key" ? n + 1 : n), 0);
  const flat = itemsOf(data.nodes);
  // Keys only: the Figure nodes and MENTIONS the records imply, a record at a time (as below otherwise).
  const impliesFigures = typeof data.implied === "string" && data.implied.includes("F");
  const impliesMentions = data.impliedShapes !== undefined;
  const figuresByKey = new Map<string, Attrs>();
  const addFigure = mergedFigures(figuresByKey);
  const mentionReports = new Set<string>();
  const mentions: Record<"m" | "n", [string, string][]> = { m: [], n: [] };
  const nodes: { key: string; attributes: Attrs }[] = [];
  const records: { record: Attrs; path: unknown }[] = [];
  const nodeFields: Field[][] = [];
  const heads: unknown[] = [];
  // Keys only: the rows' written values are let go once decoded (the list is not read again).
  if (edgeKeys) flat.release();
  while (flat.more()) {
    const head = flat.next();
    const fields = fieldsOf(flat.next());
    const attributes: Attrs = {};
    let record: Attrs | undefined;
    for (const f of fields) {
      if (f.kind === "const") attributes[f.name] = f.arg;
      else if (f.kind === "rule") attributes[f.name] = undefined;
      else if (f.kind === "record") {
        const { json, text, record: r } = decodeRecord(flat.next());
        attributes.record = lean ? r : json;
        record = r;
        if (text !== undefined && typeof attributes.path === "string" && !texts.has(attributes.path)) texts.set(attributes.path, text);
      } else attributes[f.name] = dec(flat.next());
    }
    if (record !== undefined && keysOnly) {
      // What the other rows need of the record is taken now (the index, the figures and MENTIONS it implies), its
      // Document handed on (with the sha256 the rule gives), and the record let go.
      index.add(record, attributes.path);
      if (impliesFigures) impliedFigures(record, attributes.path, addFigure);
      if (impliesMentions) impliedMentions(record, (id, source, target) => mentions[id].push([source, target]), mentionReports);
      attributes.record = JSON.stringify(record);
      record = undefined;
      if (fields.some((f) => f.kind === "rule" && f.name === "sha256")) {
        const t = texts.get(attributes.path as string);
        attributes.sha256 = t === undefined ? undefined : sha256(t);
      }
      keysOnly.document(attributes);
      attributes.record = undefined;
    } else if (record !== undefined) (index.add(record, attributes.path), records.push({ record, path: attributes.path }));
    if (stored(fields) > 0 && flat.overrun) throw new Error("the node list ends within a node");
    heads.push(head);
    nodeFields.push(fields);
    nodes.push({ key: typeof head === "string" ? head : "", attributes });
  }
  const statementIds = [...index.statements.keys()];
  const reportIds = [...index.reports.keys()];
  const attrsByKey = new Map<string, Attrs>();
  nodes.forEach((n, i) => {
    const head = heads[i];
    if (typeof head === "number") {
      // A Report's place among the records' reports (version 4), else a statement's.
      const report = data.version !== 3 && n.attributes.label === "Report";
      const id = (report ? reportIds : statementIds)[head];
      if (id === undefined) throw new Error(`${report ? "report" : "statement"} ${head} of ${(report ? reportIds : statementIds).length}`);
      n.key = report ? `report:${id}` : `stmt:${id}`;
    }
    if (head !== null) attrsByKey.set(n.key, n.attributes);
  });
  const ctx = index.context(
    (path) => (typeof path === "string" ? texts.get(path) : undefined),
    (key) => (typeof key === "string" ? attrsByKey.get(key) : undefined),
  );
  const view = new Row(ctx);
  const finish = (a: Attrs, fields: Field[], key: string | undefined, source: string | undefined, target: string | undefined) => {
    // Lean, a relationship's key needs only its type (never computed by a rule).
    if (lean && source !== undefined) return;
    view.reset(a, key, source, target);
    for (const rule of rulesOf(fields)) {
      const value = rule.derive(view, ctx);
      if (value === undefined) throw new Error(`${key ?? "an edge"}: ${rule.attr} by rule ${rule.id} without what it is computed from`);
      a[rule.attr] = value;
    }
    for (const f of fields) if (f.kind === "value") view.get(f.name);
  };
  nodes.forEach((n, i) => n.attributes.label === "Report" && finish(n.attributes, nodeFields[i]!, n.key, undefined, undefined));
  nodes.forEach((n, i) => {
    if (n.attributes.label === "Report") return;
    finish(n.attributes, nodeFields[i]!, heads[i] === null ? undefined : n.key, undefined, undefined);
    if (heads[i] === null) {
      const key = figureKey(n.attributes) ?? documentKey(n.attributes);
      if (key === undefined) throw new Error("a figure or document without what its key is computed from");
      n.key = key;
      attrsByKey.set(key, n.attributes);
    }
  });
  const implied = typeof data.implied === "string" ? data.implied : "";
  if (implied.includes("F")) {
    // Figure nodes the records imply, in key order among the nodes written.
    // Figure nodes the records imply, but for those not in the graph and those written, in key order among the nodes written.
    const absent = new Set(Array.isArray(data.impliedAbsent) ? (data.impliedAbsent as number[]) : []);
    const byKey = keysOnly ? figuresByKey : new Map<string, Attrs>();
    const add = mergedFigures(byKey);
    for (const { record, path } of records) impliedFigures(record, path, add);
    const figures = [...byKey].filter((_f, i) => !absent.has(i)).sort((x, y) => byCodeUnits(x[0], y[0]));
    const written = nodes.splice(0);
    let w = 0;
    for (const [key, attributes] of figures) {
      while (w < written.length && written[w]!.key < key) nodes.push(written[w++]!);
      if (attrsByKey.has(key)) continue;
      nodes.push({ key, attributes });
      attrsByKey.set(key, attributes);
    }
    while (w < written.length) nodes.push(written[w++]!);
  }

  const keys = nodes.map((n) => n.key);
  const edgeList = itemsOf(data.edges);
  // Keys only: the written relationships are let go once decoded.
  if (edgeKeys) edgeList.release();
  const edges: { key: string; source: string; target: string; attributes: Attrs }[] = [];
  let s = 0;
  let t = 0;
  while (edgeList.more()) {
    const ds = edgeList.next() as number;
    const dt = edgeList.next() as number;
    const fields = fieldsOf(edgeList.next());
    t = ds === 0 ? t + dt : dt;
    s += ds;
    const source = keys[s];
    const target = keys[t];
    if (source === undefined || target === undefined) throw new Error(`an edge to node ${source === undefined ? s : t} of ${keys.length}`);
    const attributes: Attrs = {};
    let key: string | undefined;
    for (const f of fields) {
      if (f.kind === "key") key = edgeList.next() as string;
      else if (f.kind === "const") attributes[f.name] = f.arg;
      else if (f.kind === "rule") attributes[f.name] = undefined;
      else attributes[f.name] = dec(edgeList.next());
    }
    finish(attributes, fields, undefined, source, target);
    if (edgeKeys) edgeKeys(key ?? relKey(attributes.type as RelType, source, target));
    else edges.push({ key: key ?? relKey(attributes.type as RelType, source, target), source, target, attributes });
  }
  // MENTIONS the records imply, with their shapes in runs of [shape, count] (-1: not implied).
  const impliedShapes = (data.impliedShapes ?? {}) as Record<string, unknown>;
  if (data.impliedShapes !== undefined && !keysOnly) {
    const reports = new Set<string>();
    for (const { record } of records) impliedMentions(record, (id, source, target) => mentions[id].push([source, target]), reports);
  }
  records.length = 0;
  for (const id of ["m", "n"] as const) {
    const runs = impliedShapes[id];
    if (runs === undefined) continue;
    if (!Array.isArray(runs)) throw new Error(`implied relationships ${id} without their shapes`);
    const pairs = mentions[id];
    let p = 0;
    for (let r = 0; r < runs.length; r += 2) {
      const shape = runs[r] as number;
      const count = runs[r + 1] as number;
      if (p + count > pairs.length) throw new Error(`more implied relationships ${id} than the records give`);
      if (shape < 0) {
        p += count;
        continue;
      }
      const fields = fieldsOf(shape);
      for (const f of fields) if (f.kind !== "const" && f.kind !== "rule") throw new Error(`an implied relationship's shape with values (${id})`);
      for (const end = p + count; p < end; p++) {
        const [source, target] = pairs[p]!;
        if (!attrsByKey.has(source) || !attrsByKey.has(target)) throw new Error(`an implied relationship ${source} → ${target} without its nodes`);
        const attributes: Attrs = {};
        for (const f of fields) attributes[f.name] = f.kind === "const" ? f.arg : undefined;
        finish(attributes, fields, undefined, source, target);
        if (edgeKeys) edgeKeys(relKey(attributes.type as RelType, source, target));
        else edges.push({ key: relKey(attributes.type as RelType, source, target), source, target, attributes });
      }
    }
    if (p !== pairs.length) throw new Error(`fewer implied relationships ${id} than the records give`);
  }
  const added = new Set<string>();
  const node = (k: string) => attrsByKey.get(k);
  const docs = documentsByPath(keys, node);
  for (const rule of IMPLIED_EDGES) {
    if (!implied.includes(rule.id)) continue;
    for (const { key, type, source, target } of impliedEdges(rule, keys, node, docs)) {
      // Keys only: a key given twice is one key in the caller's set (KeyDigestsBuilder), as it is once here.
      if (edgeKeys) edgeKeys(key);
      else if (!added.has(key)) (added.add(key), edges.push({ key, source, target, attributes: { type } }));
    }
  }
  if (edgeKeys) return { options: data.options, attributes: dec(data.attributes) as KgGraphAttributes, nodes, edges: [] } as unknown as SerializedKgGraph;
  return { options: data.options, attributes: dec(data.attributes) as KgGraphAttributes, nodes, edges: sortedByKey(edges) } as SerializedKgGraph;
}

/** A list of the file as Items: as parsed, or read from the bytes a chunk at a time (graph-file-scan.ts). */
const itemsOf = (list: unknown): Items => (list !== null && typeof list === "object" && typeof (list as Items).next === "function" ? (list as Items) : new ArrayItems(list as unknown[]));

const DERIVED_KEY = /^([A-Z_]+):([0-9a-f]{16})$/;

/**
 * Edges in key order, as version 2 gives them. Keys kg derives (TYPE:16 hex digits) are sorted as numbers
 * (the type's rank, the first hex digits, the edge's place: a native sort of one Float64Array, several times
 * as fast as comparing strings), then runs alike in rank and digits by their keys; any other key and the
 * strings are compared.
 */
function sortedByKey<E extends { key: string }>(edges: E[]): E[] {
  const byKey = () => edges.sort((x, y) => byCodeUnits(x.key, y.key));
  const types = new Map<string, number>();
  for (const e of edges) {
    const colon = e.key.indexOf(":");
    if (colon < 0 || !DERIVED_KEY.test(e.key)) return byKey();
    types.set(e.key.slice(0, colon), 0);
  }
  [...types.keys()].sort(byCodeUnits).forEach((t, i) => types.set(t, i));
  const bits = (n: number) => Math.max(1, Math.ceil(Math.log2(n + 1)));
  const placeBits = bits(edges.length);
  const rankBits = bits(types.size);
  const hexBits = Math.min(32, 53 - placeBits - rankBits);
  if (hexBits < 16) return byKey();
  const place = 2 ** placeBits;
  const values = new Float64Array(edges.length);
  for (let i = 0; i < edges.length; i++) {
    const key = edges[i]!.key;
    const colon = key.indexOf(":");
    const hex = Math.floor(parseInt(key.slice(colon + 1, colon + 9), 16) / 2 ** (32 - hexBits));
    values[i] = (types.get(key.slice(0, colon))! * 2 ** hexBits + hex) * place + i;
  }
  values.sort();
  const out = new Array<E>(edges.length);
  for (let i = 0; i < values.length; i++) out[i] = edges[values[i]! % place]!;
  // Keys alike in their first digits are next to each other: put each such run in key order.
  for (let i = 0; i < values.length; ) {
    let j = i + 1;
    const group = Math.floor(values[i]! / place);
    while (j < values.length && Math.floor(values[j]! / place) === group) j++;
    if (j - i > 1) {
      const run = out.slice(i, j).sort((x, y) => byCodeUnits(x.key, y.key));
      for (let k = i; k < j; k++) out[k] = run[k - i]!;
    }
    i = j;
  }
  return out;
}
