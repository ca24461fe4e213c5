/*
 * Version 3 of the graph file's format (what kg writes): version 2 (graph-codec-v2.ts: strings table, shapes,
 * edges by node index, records as values) with every text stored once. A document's text is in its record;
 * what the graph repeats of it, or can compute from what is stored, is left out and computed again when read:
 *
 *   {"attributes":{…},"edges":[step to source,step to target,shape,values…, …],"format":"kg-graph",
 *    "implied":"dst","nodes":[key,shape,values…, …],"options":{…},"shapes":[[fields…],…],"strings":[…],"version":3}
 *
 * - Rows follow each other in one list; a row's shape says how many values it has. A shape is the sorted
 *   list of a row's attribute keys: `name` has its value in the row; `name\uE000:value` is the same value on
 *   every row of the shape (a node's `label`, an edge's `type`); `name\uE000rule` is left out and computed by
 *   `rule` (ROW_RULES: the quote of a Statement, Figure or relationship is its document's text at its
 *   offsets; a statement's text, normText, kind, rule, line, offsets, item text and report key come from
 *   its record; a path, report key or title from the report or the relationship's source node; a mention's
 *   lines, contexts, surfaces, count, sentence and offsets from the record's entity …). An edge whose key
 *   is not the one kg derives (graph/keys.ts relKey) has the field `\uE000k` first, its key as value; a
 *   Document's record is the field `record\uE000j`.
 * - A node's key is written as such, or as a number (a Statement: its place among the records' statements,
 *   in the order met), or null (a Figure: the hash of its report, what, value and offset). Edges are
 *   written by source and target, each as the step from the edge before (the target's place when the source
 *   changes); they are read back in key order. `implied` names the rules of IMPLIED_EDGES whose
 *   relationships (a report's CONTAINS, RAISES, PROPOSES; a document's CONTAINS) are all there with only
 *   their type: those are not written.
 * - A string value that is a piece of the row's document text (the text of the Document whose `path` the
 *   row has) is written "\uE001" + start + "." + length (base 36) when that is shorter.
 * - Within a record (objects as [shape, values…] with their keys in their own order, lists as they are or as
 *   [-1, items…] when their first item is a number, so that it reads back as the same JSON string) a
 *   statement's `text` (the document text at `textSpan`), `normText` equal to `text`, `id` (its hash),
 *   `reportId` (its report's segment id), `rule` (its first rule in words), `line` (from its offset), an
 *   occurrence's `surface` and a figure's `quote` (the text at `span`) are left out the same way
 *   (RECORD_RULES); a {start, end} span is "\uE002" + start + "." + length; names, titles and normTexts
 *   found in the document text are written as pieces of it.
 * - Every other string of four characters or more that occurs more than once is stored once in `strings`
 *   and referenced as "\uE000" + its index in base 36.
 * Every rule is checked when writing: a value is left out only when the rule gives it back exactly, so the
 * graph read back is the graph written, whatever it holds. Nodes are sorted by key, edges by source and
 * target, attribute keys sorted: the same graph always gives the same bytes. A graph holding U+E000–U+E002
 * is written as version 1.
 */
import * as crypto from "node:crypto";

import type { KgGraph } from "/work/wt/gfile4/src/graph/build-graph.ts";
import { relKey } from "/work/wt/gfile4/src/graph/keys.ts";
import type { KgGraphAttributes, RelType } from "/work/wt/gfile4/src/graph/schema.ts";
import { type Attrs, byCodeUnits, GRAPH_FORMAT, propertyOrder, REF, type SerializedKgGraph, stringTable } from "/work/wt/gfile4/src/sinks/graph-codec-common.ts";

export const VERSION_3 = 3;

const SLICE = "\uE001";
const SPAN = "\uE002";
/** Strings shorter than this are written out (a reference would save little). */
const MIN_INTERNED = 4;
/** Strings shorter than this are never looked for in the document text. */
const MIN_SLICED = 6;
/** Rows per chunk of the writer. */
const CHUNK_ROWS = 2_000;
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
  /** An organisation or mechanism of a report's record ("org:" or "mech:" + its name), by report id and node key. */
  entity(reportId: string, key: string): Attrs | undefined;
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
  const entity = ctx.entity(st.reportId, row.target);
  const text = ctx.docText(row.get("path"));
  if (!entity || !Array.isArray(entity.occurrences) || text === undefined) return undefined;
  const first = (entity.occurrences as Attrs[]).find((o) => {
    const os = o?.span as Attrs | undefined;
    return os && isOffset(os.start) && isOffset(os.end) && os.start >= start && os.end <= end;
  });
  if (!first) return undefined;
  const fs = first.span as { start: number; end: number };
  return { first, sentence: sentenceAround(text, fs, { start, end }) };
};
const distinct = <T>(xs: T[]): T[] => [...new Set(xs)];
const reportOf = (row: RowView, ctx: Context): Attrs | undefined => {
  const r = ctx.node(row.get("reportKey"));
  return r && r.label === "Report" ? r : undefined;
};

/**
 * The rules of node and edge rows, in the order they are computed when reading: a rule reads only
 * attributes without rules or with a rule earlier in this list.
 */
const ROW_RULES: Rule[] = [
  { attr: "reportKey", id: "S", derive: (row, ctx) => { const s = statementOf(row, ctx); return typeof s?.reportId === "string" ? `report:${s.reportId}` : undefined; } },
  { attr: "reportKey", id: "<", derive: (row) => row.source },
  { attr: "reportKey", id: "<r", derive: (row, ctx) => (row.source === undefined ? undefined : ctx.node(row.source)?.reportKey) },
  { attr: "path", id: "^", crossNode: true, derive: (row, ctx) => reportOf(row, ctx)?.path },
  { attr: "path", id: "<p", derive: (row, ctx) => (row.source === undefined ? undefined : ctx.node(row.source)?.path) },
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
  { attr: "surfaces", id: "[q", derive: (row) => wrap(row.get("quote")) },
  { attr: "surfaces", id: "M", derive: (row, ctx) => mapOccurrences(row, ctx, (o) => distinct(o.map((x) => x.surface))) },
  { attr: "lines", id: "[l", derive: (row) => wrap(row.get("line")) },
  { attr: "lines", id: "M", derive: (row, ctx) => mapOccurrences(row, ctx, (o) => distinct(o.map((x) => x.line)).sort((a, b) => (a as number) - (b as number))) },
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
function same(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (!Array.isArray(a) || !Array.isArray(b) || a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (!same(a[i], b[i])) return false;
  return true;
}

/** Within a record: rules by key, computed after the object's written values, in this order. */
const RECORD_RULES: { key: string; id: string; derive(o: Attrs, text: string | undefined, reportId: string | undefined): unknown }[] = [
  { key: "text", id: "@t", derive: (o, text) => spanOf(text, o.textSpan) },
  { key: "normText", id: "=t", derive: (o) => o.text },
  { key: "surface", id: "@s", derive: (o, text) => spanOf(text, o.span) },
  { key: "quote", id: "@s", derive: (o, text) => spanOf(text, o.span) },
  { key: "reportId", id: "r", derive: (_o, _t, reportId) => reportId },
  // A statement's id (classify/context.ts): its report, kind and text without spaces and punctuation.
  {
    key: "id",
    id: "#",
    derive: (o, _t, reportId) =>
      reportId !== undefined && typeof o.kind === "string" && typeof o.normText === "string" ? keyHash(reportId, o.kind, o.normText.replace(/[\s\p{P}]/gu, "")) : undefined,
  },
  { key: "line", id: "L", derive: (o, text) => lineOf(text, ((o.textSpan ?? o.span) as Attrs | undefined)?.start) },
  {
    key: "rule",
    id: "1",
    derive: (o) => {
      const first = Array.isArray(o.rules) ? (o.rules[0] as Attrs | undefined) : undefined;
      return first && typeof first === "object" && typeof first.id === "string" && typeof first.detail === "string" ? `${first.id}: ${first.detail}` : undefined;
    },
  },
];
const RECORD_RULE_BY_KEY = new Map(RECORD_RULES.map((r) => [r.key, r]));
/** Strings of a record looked for in its text (those of other keys seldom are). */
const SLICED_IN_RECORDS = new Set(["title", "normText", "name", "parent", "what", "text", "surface", "quote"]);
const RECORD_RULE_BY_SPEC = new Map(RECORD_RULES.map((r) => [`${r.key}${REF}${r.id}`, r]));

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

/** A value the writer made (a piece of a text, a span), as opposed to a string of the graph: never counted nor interned. */
class Piece {
  constructor(readonly text: string) {}
}

/** The encoder's or decoder's shape table. */
class Shapes {
  readonly list: string[][] = [];
  private readonly index = new Map<string, number>();
  of(fields: string[]): number {
    const id = fields.join(SLICE); // no key nor constant holds U+E001
    let n = this.index.get(id);
    if (n === undefined) this.index.set(id, (n = this.list.push(fields) - 1));
    return n;
  }
}

/** What the rules read of the records: statements by id (in the order first met), segments by id, entities by report and node key. */
class RecordIndex {
  readonly statements = new Map<string, Attrs>();
  private readonly reports = new Map<string, { report: Attrs; entities: Map<string, Attrs> | null }>();
  add(record: Attrs): void {
    if (!Array.isArray(record.reports)) return;
    for (const report of record.reports as Attrs[]) {
      if (report === null || typeof report !== "object") continue;
      const id = segmentId(report.segment);
      if (id !== undefined && !this.reports.has(id)) this.reports.set(id, { report, entities: null });
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
      entity: (reportId, key) => this.entitiesOf(reportId)?.get(key),
    };
  }
}

/** A string seen as a value in the reserved range, or a key using it: the graph is written as version 1. */
const RESERVED = /[\uE000-\uE002]/;

/**
 * The text of a graph in version 3, in pieces (their concatenation is the file), or null when the graph
 * holds what the format reserves (strings with U+E000–U+E002, undirected edges): then version 1 is written.
 */
export function graphFileChunksV3(graph: KgGraph): Generator<string> | null {
  const planned = plan(graph);
  if (planned === null) return null;
  const { nodeRows, edgeRows, shapes, implied } = planned;
  // Count the written strings (pieces of texts are not: they are ours).
  const counts = new Map<string, number>();
  const keys = new Set<string>(["allowSelfLoops", "multi", "type"]);
  // Every value written or computed from written ones is counted here: one holding U+E000–U+E002 means version 1.
  let reserved = false;
  const count = (v: unknown, objectKeys: boolean): void => {
    if (typeof v === "string") {
      if (v.length >= MIN_INTERNED) {
        const n = counts.get(v);
        if (n !== undefined) counts.set(v, n + 1);
        else (counts.set(v, 1), RESERVED.test(v) && (reserved = true));
      } else if (RESERVED.test(v)) reserved = true;
    } else if (Array.isArray(v)) {
      for (const x of v) count(x, objectKeys);
    } else if (v !== null && typeof v === "object" && !(v instanceof Piece)) {
      for (const k of Object.keys(v)) {
        if (objectKeys) keys.add(k);
        count((v as Attrs)[k], objectKeys);
      }
    }
  };
  count(graph.getAttributes(), true);
  for (const r of nodeRows) for (let i = 2; i < r.length; i++) count(r[i], true);
  for (const r of edgeRows) for (let i = 3; i < r.length; i++) count(r[i], true);
  for (const k of keys) if (RESERVED.test(k)) reserved = true;
  for (const fields of shapes.list) for (const f of fields) if (RESERVED.test(f.slice(0, f.indexOf(REF) >>> 0))) reserved = true;
  for (const r of nodeRows) if (typeof r[0] === "string" && RESERVED.test(r[0])) reserved = true;
  if (reserved) {
    newlines.clear();
    return null;
  }
  const { strings, ref } = stringTable(counts);
  const list = propertyOrder(keys);
  return write();

  function* write(): Generator<string> {
    // Rows with an object inside are written with the sorted key list (JSON.stringify's slow path); others without.
    let objectInRow = false;
    const enc = (v: unknown): unknown => {
      if (typeof v === "string") return ref.get(v) ?? v;
      if (Array.isArray(v)) {
        for (let i = 0; i < v.length; i++) v[i] = enc(v[i]);
        return v;
      }
      if (v instanceof Piece) return v.text;
      if (v !== null && typeof v === "object") {
        objectInRow = true;
        const out: Attrs = {};
        for (const k in v as Attrs) {
          const x = (v as Attrs)[k];
          if (x !== undefined) out[k] = enc(x);
        }
        return out;
      }
      return v;
    };
    // Rows one after another in one list (a row's shape says how many values follow).
    function* rows(from: unknown[][], first: number): Generator<string> {
      for (let i = 0; i < from.length; i += CHUNK_ROWS) {
        const end = Math.min(from.length, i + CHUNK_ROWS);
        const part: string[] = [];
        for (let j = i; j < end; j++) {
          const r = from[j]!;
          objectInRow = false;
          for (let c = first; c < r.length; c++) r[c] = enc(r[c]);
          part.push((objectInRow ? JSON.stringify(r, list) : JSON.stringify(r)).slice(1, -1));
          from[j] = undefined as never;
        }
        yield (i > 0 ? "," : "") + part.join(",");
      }
    }
    const options = { allowSelfLoops: graph.allowSelfLoops, multi: graph.multi, type: graph.type };
    yield `{"attributes":${JSON.stringify(enc(structuredClone(graph.getAttributes())), list)},"edges":[`;
    yield* rows(edgeRows, 3);
    yield `],"format":${JSON.stringify(GRAPH_FORMAT)},"implied":${JSON.stringify(implied)},"nodes":[`;
    yield* rows(nodeRows, 2);
    yield `],"options":${JSON.stringify(options, list)},"shapes":${JSON.stringify(shapes.list)},"strings":${JSON.stringify(strings)},"version":${VERSION_3}}\n`;
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

/**
 * Every node's and edge's row (written values as they are: references are made when writing) and the shapes;
 * null when the graph has undirected edges. What the rules read (the parsed records) is let go on return.
 */
function plan(graph: KgGraph): { nodeRows: unknown[][]; edgeRows: unknown[][]; shapes: Shapes; implied: string } | null {
  const nodeKeys = graph.nodes().sort(byCodeUnits);
  const edgeKeys = graph.edges().sort(byCodeUnits);
  for (const e of edgeKeys) if (graph.isUndirected(e)) return null;
  const shapes = new Shapes();
  // Documents' texts and records' statements, for the rules; records encoded once.
  const texts = new Map<string, string>();
  const index = new RecordIndex();
  const records = new Map<string, unknown>();
  for (const k of nodeKeys) {
    const a = graph.getNodeAttributes(k) as Attrs;
    if (a.label !== "Document" || typeof a.record !== "string") continue;
    let r: Json;
    try {
      r = JSON.parse(a.record) as Json;
    } catch {
      continue;
    }
    if (r === null || typeof r !== "object" || Array.isArray(r) || JSON.stringify(r) !== a.record) continue;
    const text = typeof r.text === "string" ? r.text : undefined;
    if (text !== undefined && typeof a.path === "string" && !texts.has(a.path)) texts.set(a.path, text);
    records.set(k, encodeRecord(r, shapes));
    index.add(r);

  }
  const ctx = index.context(
    (path) => (typeof path === "string" ? texts.get(path) : undefined),
    (key) => (typeof key === "string" && graph.hasNode(key) ? (graph.getNodeAttributes(key) as Attrs) : undefined),
  );
  const places = new Map(nodeKeys.map((k, i) => [k, i]));
  const row = new Row(null);
  // A statement's key is written as its place among the records' statements, a figure's as null (computed).
  const statementIndex = new Map([...index.statements.keys()].map((id, i) => [id, i]));
  const nodeRows: unknown[][] = nodeKeys.map((k) => {
    const a = graph.getNodeAttributes(k) as Attrs;
    const record = records.get(k);
    const place = k.startsWith("stmt:") ? statementIndex.get(k.slice(5)) : undefined;
    const head = place !== undefined ? place : k === figureKey(a) ? null : k;
    return planRow([head], a, row.reset(a, k, undefined, undefined), ctx, shapes, record);
  });
  records.clear();
  // Edges by source and target (each written as the step from the edge before), read back in key order.
  // Edges the nodes imply (IMPLIED_EDGES), when every one of a rule's is there as implied, are not written.
  const node = (key: string) => (graph.hasNode(key) ? (graph.getNodeAttributes(key) as Attrs) : undefined);
  let implied = "";
  const left = new Set<string>();
  const docs = documentsByPath(nodeKeys, node);
  for (const rule of IMPLIED_EDGES) {
    const list = impliedEdges(rule, nodeKeys, node, docs);
    const all = list.every(({ key, type, source, target }) => {
      if (!graph.hasEdge(key) || graph.source(key) !== source || graph.target(key) !== target) return false;
      const a = graph.getEdgeAttributes(key) as Attrs;
      if (a.type !== type) return false;
      for (const k in a) if (k !== "type") return false;
      return true;
    });
    if (!all) continue;
    implied += rule.id;
    for (const e of list) left.add(e.key);
  }
  const order = (left.size > 0 ? edgeKeys.filter((e) => !left.has(e)) : edgeKeys).map((e, i) => ({ e, s: places.get(graph.source(e))!, t: places.get(graph.target(e))!, i }));
  order.sort((x, y) => x.s - y.s || x.t - y.t || x.i - y.i);
  let lastSource = 0;
  let lastTarget = 0;
  const edgeRows: unknown[][] = order.map(({ e, s, t }) => {
    const a = graph.getEdgeAttributes(e) as Attrs;
    const source = graph.source(e);
    const target = graph.target(e);
    const derivedKey = typeof a.type === "string" && e === relKey(a.type as RelType, source, target);
    const head = [s - lastSource, s === lastSource ? t - lastTarget : t];
    lastSource = s;
    lastTarget = t;
    return planRow(head, a, row.reset(a, undefined, source, target), ctx, shapes, undefined, derivedKey ? undefined : e);
  });
  newlines.clear();
  return { nodeRows, edgeRows, shapes, implied };
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
  const names = Object.keys(a).filter((k) => a[k] !== undefined).sort();
  const isReport = a.label === "Report";
  // Which rule gives each value back (when writing, rules read the values as they are: any order will do).
  const derived = new Map<string, string>();
  for (const k of names) {
    const rules = RULES_BY_ATTR.get(k);
    if (rules === undefined) continue;
    for (const rule of rules) {
      if (rule.crossNode && isReport) continue;
      if (same(rule.derive(row, ctx), a[k])) {
        derived.set(k, rule.id);
        break;
      }
    }
  }
  const fields: string[] = explicitKey === undefined ? [] : [KEY_FIELD];
  const values: unknown[] = explicitKey === undefined ? [] : [explicitKey];
  let text: string | undefined | null = null;
  for (const k of names) {
    const v = a[k];
    const rule = derived.get(k);
    if (rule !== undefined) fields.push(`${k}${REF}${rule}`);
    else if ((k === "label" || k === "type") && typeof v === "string" && !RESERVED.test(v)) fields.push(`${k}${REF}:${v}`);
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
      values.push(out !== null && typeof out === "object" && !(out instanceof Piece) ? structuredClone(out) : out);
    }
  }
  head.push(shapes.of(fields));
  for (const v of values) head.push(v);
  return head;
}

/**
 * A record as a value: objects [shape, values…] with their keys in their own order, arrays [-1, items…];
 * what RECORD_RULES give back is left out, pieces of the text written as such. Its statements are
 * remembered by id for the rows' rules.
 */
function encodeRecord(record: { [k: string]: Json }, shapes: Shapes): unknown {
  let text: string | undefined;
  const enc = (v: Json, reportId: string | undefined, depth: number, key: string): unknown => {
    if (typeof v === "string") return (depth > 1 && SLICED_IN_RECORDS.has(key) && sliceRef(text, v, undefined)) || v;
    if (Array.isArray(v)) {
      const out: unknown[] = [];
      for (const x of v) out.push(enc(x, reportId, depth + 1, key));
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
    // of a "segment" among them.
    let derived: Set<string> | undefined;
    if (depth > 0) {
      let last = reportId;
      for (const k of names) if (k === "segment") last = segmentId(v[k]);
      for (const k of names) {
        const rule = RECORD_RULE_BY_KEY.get(k);
        if (rule && same(rule.derive(v, text, last), v[k])) (derived ??= new Set()).add(k);
      }
    }
    const fields: string[] = [];
    const values: unknown[] = [0];
    let rid = reportId;
    for (const k of names) {
      const x = v[k]!;
      if (derived?.has(k)) fields.push(`${k}${REF}${RECORD_RULE_BY_KEY.get(k)!.id}`);
      else (fields.push(k), values.push(enc(x, rid, depth + 1, k)));
      if (depth === 0 && k === "text" && typeof x === "string") text = x;
      if (k === "segment") rid = segmentId(x);
    }
    values[0] = shapes.of(fields);
    return values;
  };
  return enc(record, undefined, 0, "");
}

function segmentId(segment: unknown): string | undefined {
  return segment !== null && typeof segment === "object" && typeof (segment as Attrs).id === "string" ? ((segment as Attrs).id as string) : undefined;
}

/** The graphology export held by a version 3 file's parsed JSON. */
export function decodeV3(data: Attrs): SerializedKgGraph {
  try {
    return decode(data);
  } finally {
    newlines.clear();
  }
}

function decode(data: Attrs): SerializedKgGraph {
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
        .filter((f) => f.kind === "rule")
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

  const recordShapes = new Map<number, { names: string[]; derived: boolean[]; rules: typeof RECORD_RULES }>();
  const recordShapeOf = (n: unknown) => {
    let shape = recordShapes.get(n as number);
    if (!shape) {
      const specs = shapeAt(n);
      for (const spec of specs) if (spec.includes(REF) && !RECORD_RULE_BY_SPEC.has(spec)) throw new Error(`unknown record rule ${JSON.stringify(spec)}`);
      shape = {
        names: specs.map((spec) => spec.split(REF)[0]!),
        derived: specs.map((spec) => spec.includes(REF)),
        rules: RECORD_RULES.filter((r) => specs.includes(`${r.key}${REF}${r.id}`)),
      };
      recordShapes.set(n as number, shape);
    }
    return shape;
  };
  const texts = new Map<string, string>();
  const index = new RecordIndex();
  const decodeRecord = (v: unknown): { json: string; text: string | undefined } => {
    let text: string | undefined;
    const walk = (x: unknown, reportId: string | undefined, depth: number): unknown => {
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
      if (typeof x[0] !== "number" || x[0] === -1) {
        const out: unknown[] = [];
        for (let i = x[0] === -1 ? 1 : 0; i < x.length; i++) out.push(walk(x[i], reportId, depth + 1));
        return out;
      }
      const out: Attrs = {};
      let rid = reportId;
      let i = 1;
      const shape = recordShapeOf(x[0]);
      for (let f = 0; f < shape.names.length; f++) {
        const name = shape.names[f]!;
        if (shape.derived[f]) {
          out[name] = undefined;
          continue;
        }
        const value = walk(x[i++], rid, depth + 1);
        out[name] = value;
        if (depth === 0 && name === "text" && typeof value === "string") text = value;
        if (name === "segment") rid = segmentId(value);
      }
      for (const r of shape.rules) {
        const value = r.derive(out, text, rid);
        if (value === undefined) throw new Error(`record field ${r.key} by rule ${r.id} without what it is computed from`);
        out[r.key] = value;
      }
      return out;
    };
    const record = walk(v, undefined, 0) as Attrs;
    index.add(record);
    return { json: JSON.stringify(record), text: typeof record.text === "string" ? record.text : undefined };
  };

  // Nodes: written values (records decoded, documents' texts known), then rules (Report rows first).
  const stored = (fields: Field[]) => fields.reduce((n, f) => (f.kind === "value" || f.kind === "record" || f.kind === "key" ? n + 1 : n), 0);
  const flat = data.nodes as unknown[];
  const nodes: { key: string; attributes: Attrs }[] = [];
  const nodeFields: Field[][] = [];
  const heads: unknown[] = [];
  for (let i = 0; i < flat.length; ) {
    const head = flat[i];
    const fields = fieldsOf(flat[i + 1]);
    i += 2;
    const attributes: Attrs = {};
    for (const f of fields) {
      if (f.kind === "const") attributes[f.name] = f.arg;
      else if (f.kind === "rule") attributes[f.name] = undefined;
      else if (f.kind === "record") {
        const { json, text } = decodeRecord(flat[i++]);
        attributes.record = json;
        if (text !== undefined && typeof attributes.path === "string" && !texts.has(attributes.path)) texts.set(attributes.path, text);
      } else attributes[f.name] = dec(flat[i++]);
    }
    if (stored(fields) > 0 && i > flat.length) throw new Error("the node list ends within a node");
    heads.push(head);
    nodeFields.push(fields);
    nodes.push({ key: typeof head === "string" ? head : "", attributes });
  }
  const statementIds = [...index.statements.keys()];
  const attrsByKey = new Map<string, Attrs>();
  nodes.forEach((n, i) => {
    const head = heads[i];
    if (typeof head === "number") {
      const id = statementIds[head];
      if (id === undefined) throw new Error(`statement ${head} of ${statementIds.length}`);
      n.key = `stmt:${id}`;
    }
    if (head !== null) attrsByKey.set(n.key, n.attributes);
  });
  const ctx = index.context(
    (path) => (typeof path === "string" ? texts.get(path) : undefined),
    (key) => (typeof key === "string" ? attrsByKey.get(key) : undefined),
  );
  const view = new Row(ctx);
  const finish = (a: Attrs, fields: Field[], key: string | undefined, source: string | undefined, target: string | undefined) => {
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
      const key = figureKey(n.attributes);
      if (key === undefined) throw new Error("a figure without what its key is computed from");
      n.key = key;
      attrsByKey.set(key, n.attributes);
    }
  });

  const keys = nodes.map((n) => n.key);
  const edgeList = data.edges as unknown[];
  const edges: { key: string; source: string; target: string; attributes: Attrs }[] = [];
  let s = 0;
  let t = 0;
  for (let i = 0; i < edgeList.length; ) {
    const ds = edgeList[i] as number;
    const dt = edgeList[i + 1] as number;
    const fields = fieldsOf(edgeList[i + 2]);
    i += 3;
    t = ds === 0 ? t + dt : dt;
    s += ds;
    const source = keys[s];
    const target = keys[t];
    if (source === undefined || target === undefined) throw new Error(`an edge to node ${source === undefined ? s : t} of ${keys.length}`);
    const attributes: Attrs = {};
    let key: string | undefined;
    for (const f of fields) {
      if (f.kind === "key") key = edgeList[i++] as string;
      else if (f.kind === "const") attributes[f.name] = f.arg;
      else if (f.kind === "rule") attributes[f.name] = undefined;
      else attributes[f.name] = dec(edgeList[i++]);
    }
    finish(attributes, fields, undefined, source, target);
    edges.push({ key: key ?? relKey(attributes.type as RelType, source, target), source, target, attributes });
  }
  const implied = typeof data.implied === "string" ? data.implied : "";
  const added = new Set<string>();
  const node = (k: string) => attrsByKey.get(k);
  const docs = documentsByPath(keys, node);
  for (const rule of IMPLIED_EDGES) {
    if (!implied.includes(rule.id)) continue;
    for (const { key, type, source, target } of impliedEdges(rule, keys, node, docs)) {
      if (!added.has(key)) (added.add(key), edges.push({ key, source, target, attributes: { type } }));
    }
  }
  return { options: data.options, attributes: dec(data.attributes) as KgGraphAttributes, nodes, edges: sortedByKey(edges) } as SerializedKgGraph;
}

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
