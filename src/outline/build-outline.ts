/*
 * Build a report's outline tree from its markers. The marker kinds' nesting order is learnt from the
 * report itself (a stack of open kinds), and the numbering faults real reports have are tolerated:
 * a list that switches marker style mid-way ("1、 2、 (三) (五)") stays one list, lost digits ("、")
 * are numbered by position, skipped and repeated numbers are kept as written.
 */
import type { OutlineNode, Span } from "../types.ts";
import { SEGMENT_SIGNALS } from "../segment/signals.ts";
import { isInlineKind, type Marker } from "./markers.ts";

/** Marker kinds that open sections: never children of an inline sub-point. */
const SECTION_LEVEL = new Set<Marker["kind"]>(["cn-dun", "cn-paren", "none"]);
/** Inline step markers that one list may mix (首先 … 二是 …). */
const STEP_KINDS = new Set<Marker["kind"]>(["cn-shi", "ordinal-word"]);
/** Decimal sub-headings (2.1, 2.1.1): below every section-level marker. */
const DECIMAL = new Set<Marker["kind"]>(["arabic-decimal", "arabic-decimal-sub"]);

/** Longest heading kept when the first sentence runs on. */
const MAX_HEADING = 160;

/**
 * Build the outline of the report spanning `span` from its markers (sorted by offset).
 * @example const roots = buildOutline(text, markers, { start: 0, end: text.length });
 */
export function buildOutline(text: string, markers: Marker[], span: Span, wraps?: ReadonlySet<number>): OutlineNode[] {
  const roots: OutlineNode[] = [];
  const stack: OutlineNode[] = [];
  const flat: OutlineNode[] = [];
  for (let i = 0; i < markers.length; i++) {
    const m = markers[i]!;
    const next = markers[i + 1];
    const level = restartsUnderHeading(text, stack, m) ? stack.length : midListSection(roots, stack, m) ? 0 : placeMarker(stack, m);
    stack.length = level;
    const parent = stack[level - 1];
    const node: OutlineNode = {
      markerKind: m.kind,
      marker: m.text,
      ordinal: m.ordinal ?? inferOrdinal(parent ? parent.children : roots, m),
      depth: level,
      span: { start: m.start, end: span.end },
      headingSpan: headingSpan(text, m.end, next ? next.start : span.end, wraps),
      line: m.line,
      children: [],
    };
    (parent ? parent.children : roots).push(node);
    stack.push(node);
    flat.push(node);
  }
  closeSpans(flat, span.end);
  return roots;
}

/** Stack depth at which the marker's node goes (its parent is stack[level - 1]). */
function placeMarker(stack: OutlineNode[], m: Marker): number {
  // 1. The same kind is open: a sibling of that node.
  for (let i = stack.length - 1; i >= 0; i--) {
    if (stack[i]!.markerKind === m.kind) return i;
    // 1b. Decimal sub-headings nest by their parts: 「2.1.2」 goes under the open 「2.1」, whatever its last number.
    if (m.kind === "arabic-decimal-sub" && stack[i]!.markerKind === "arabic-decimal") return i + 1;
  }
  // 2. A structural marker continuing the numbering of the nearest open structural item in another
  //    style ("2、" then "（三）"): a sibling with a changed style.
  if (!isInlineKind(m.kind) && m.ordinal !== null && m.ordinal > 1) {
    for (let i = stack.length - 1; i >= 0; i--) {
      const n = stack[i]!;
      if (isInlineKind(n.markerKind)) continue;
      if (n.ordinal !== null && m.ordinal - n.ordinal >= 1 && m.ordinal - n.ordinal <= 2) return i;
      break;
    }
  }
  // 2b. 「首先是…。二是…。三是…」: ordinal words and 一是-markers mixed in one list; the next number is a sibling.
  if (STEP_KINDS.has(m.kind) && m.ordinal !== null && m.ordinal > 1) {
    const top = stack[stack.length - 1];
    if (top && STEP_KINDS.has(top.markerKind) && top.markerKind !== m.kind && top.ordinal === m.ordinal - 1) return stack.length - 1;
  }
  // 3. Otherwise a new, deeper list; but a section-level marker (一、 (一) or a bare section title)
  //    never sits under an inline sub-point (一是 …) nor under a decimal sub-heading (1.1 背景): it closes
  //    the items of those kinds open above it.
  if (SECTION_LEVEL.has(m.kind)) {
    let level = stack.length;
    while (level > 0 && (isInlineKind(stack[level - 1]!.markerKind) || DECIMAL.has(stack[level - 1]!.markerKind))) level--;
    return level;
  }
  return stack.length;
}

/** Numbered list kinds a page may open inside (its excerpt starts at 「3.」). */
const SUB_LIST = new Set<Marker["kind"]>(["arabic-dun", "arabic-paren"]);

/**
 * A page that opens inside a numbered list (「3.…」 「4.…」, page 3 of 3) and then reaches a section (「四、…的建议」):
 * the section is no item of the list it follows, it stands at the top beside it (as segment reads such excerpts).
 */
function midListSection(roots: readonly OutlineNode[], stack: readonly OutlineNode[], m: Marker): boolean {
  const first = roots[0];
  return m.kind === "cn-dun" && m.atLineStart && first !== undefined && SUB_LIST.has(first.markerKind) && (first.ordinal ?? 1) > 1
    && stack.length > 0 && stack.every((n) => n.markerKind !== "cn-dun");
}

/** Marker kinds whose restarted list may nest under a bare heading of the same kind. */
const RESTART_KINDS = new Set<Marker["kind"]>(["cn-dun", "cn-paren"]);

/** Longest bare heading a restarted list may nest under. */
const MAX_BARE_HEADING = 40;

/**
 * A list restarting at 1 in the style of the heading right above it (「三、…的对策」 then 一、 二、 三、, or （三）
 * then （一）): the heading is numbered past the first, has no text of its own and no items yet, so the
 * restarted list is its items, not new sections beside it.
 */
function restartsUnderHeading(text: string, stack: OutlineNode[], m: Marker): boolean {
  const open = stack[stack.length - 1];
  // Section-level numbering only (一、 （一）): 「2. (二)…」 then 「1. 1.…」 is a nested table of contents.
  if (!open || open.markerKind !== m.kind || !RESTART_KINDS.has(m.kind) || !m.atLineStart) return false;
  if (m.ordinal !== 1 || open.ordinal === null || open.ordinal < 2 || open.children.length > 0) return false;
  const [heading = "", ...rest] = text.slice(open.headingSpan.start, m.start).trim().split(/\s*\n\s*/);
  if (heading.length > MAX_BARE_HEADING || /[。！？!?；;]/.test(heading)) return false;
  // At most a short lead-in between (「针对上述问题，建议如下：」, 「…提出以下几点建议。」), as segment allows.
  return rest.length <= MAX_LEAD_LINES && rest.every((l) => l.length <= MAX_LEAD_IN && (/[:：]$/.test(l) || SEGMENT_SIGNALS.listLeadIn.test(l)));
}

/** Lead-in lines a restarted list may have under its heading, and their longest length (as in segment). */
const MAX_LEAD_LINES = 2;
const MAX_LEAD_IN = 120;

function inferOrdinal(siblings: OutlineNode[], m: Marker): number | null {
  const prev = siblings[siblings.length - 1];
  if (!prev || prev.markerKind !== m.kind) return 1;
  return prev.ordinal === null ? null : prev.ordinal + 1;
}

/** Each node ends where the next node at the same or a shallower depth begins. */
function closeSpans(flat: OutlineNode[], end: number) {
  for (let i = 0; i < flat.length; i++) {
    const node = flat[i]!;
    node.span.end = end;
    for (let j = i + 1; j < flat.length; j++) {
      if (flat[j]!.depth <= node.depth) {
        node.span.end = flat[j]!.span.start;
        break;
      }
    }
  }
}

/**
 * The heading or first clause after a marker: up to the first sentence end outside quotation marks,
 * the line end or the next marker, without the closing punctuation. A line break in `wraps` (a hard wrap:
 * hard-wrap.ts) does not end it; the one space that stands for a lost line break after a short phrase does.
 */
export function headingSpan(text: string, from: number, limit: number, wraps?: ReadonlySet<number>): Span {
  let start = from;
  while (start < limit && /[\s,，:：、*#>]/.test(text[start] ?? "")) start++;
  let quoteDepth = 0;
  let end = start;
  for (; end < limit; end++) {
    const ch = text[end]!;
    if (ch === "\n") {
      if (wraps?.has(end)) continue;
      break;
    }
    if (ch === "“" || ch === "「" || ch === "《") quoteDepth++;
    else if ((ch === "”" || ch === "」" || ch === "》") && quoteDepth > 0) quoteDepth--;
    else if (quoteDepth === 0 && /[。！!？?；;]/.test(ch)) break;
    else if (quoteDepth === 0 && /[:：]/.test(ch) && end - start >= 2 && /\S/.test(text[end + 1] ?? "")) break;
  }
  if (end - start > MAX_HEADING) end = cutAtComma(text, start, start + MAX_HEADING);
  // A heading fused with its paragraph by a space where its line break was lost (「后备力量储备不足 全县…，…」): the
  // heading ends at the space when what precedes it is a short phrase and a longer clause follows.
  // (On a page whose lines a PDF broke, 「…的关 系…」, spaces stand inside words too: then none is read so.)
  const fused = FUSED_BY_SPACE.exec(text.slice(start, end));
  if (fused && end - start - fused[0].length >= MIN_FUSED_BODY && hanSpaceRuns(text, start, limit) === 1) end = start + fused[1]!.length;
  while (end > start && /[\s,，:：、。；;*#]/.test(text[end - 1] ?? "")) end--;
  return { start, end };
}

/** How many runs of spaces stand between two Chinese characters in [from, to), up to the line's end. */
function hanSpaceRuns(text: string, from: number, to: number): number {
  const lineEnd = text.indexOf("\n", from);
  const slice = text.slice(from, lineEnd >= 0 && lineEnd < to ? lineEnd : to);
  return slice.match(/(?<=[\u4e00-\u9fff])[ \u3000]+(?=[\u4e00-\u9fff])/g)?.length ?? 0;
}

/** A short phrase of Chinese (no punctuation) and the space after it, before more Chinese. */
const FUSED_BY_SPACE = /^([\u4e00-\u9fff“”"]{4,16})[ \u3000]+(?=[\u4e00-\u9fff])/;
/** Shortest clause after such a space for the phrase to be read as a heading fused with its paragraph. */
const MIN_FUSED_BODY = 6;

function cutAtComma(text: string, start: number, end: number): number {
  const slice = text.slice(start, end);
  const i = Math.max(slice.lastIndexOf(","), slice.lastIndexOf("，"));
  return i > 40 ? start + i : end;
}

/** All nodes of an outline in document order. */
export function flattenOutline(roots: OutlineNode[]): OutlineNode[] {
  const out: OutlineNode[] = [];
  const walk = (nodes: OutlineNode[]) => {
    for (const n of nodes) {
      out.push(n);
      walk(n.children);
    }
  };
  walk(roots);
  return out;
}
