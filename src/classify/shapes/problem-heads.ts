/*
 * Shape "problem-heads": problems given as the short first sentence of unnumbered paragraphs, each followed
 * by its evidence on the same line — 「书记年龄偏大，后备力量不足。全乡二十个村中…」, 「活动经费紧张，场地陈旧。多数村…」 —
 * the problem counterpart of paragraph-heads (a heading that lost its line break, or an author who heads each
 * paragraph so). Two or more such paragraphs in a row, outside any section of statements or practices: each
 * head is the problem (one a clause: 「A，B」 states two), the body elaborates it and gives no statement of its
 * own (the annotation conventions: one item at the level where each states one thing). A last line that is a
 * head alone (the page ends there), or a head whose evidence the end of a cut-off page breaks, closes the run.
 */
import type { Span } from "../../types.ts";
import { type ClassifyContext, collectNodes, MIN_CLAUSE } from "../context.ts";
import { isNegative, polarityOf } from "../polarity.ts";
import { namesProblem } from "./prose-problems.ts";
import type { Shape } from "./types.ts";

/** Longest first sentence read as a paragraph's head. */
const MAX_HEAD = 24;
/** Shortest body after the head (evidence, not a second short sentence). */
const MIN_BODY = 20;

interface Head {
  head: Span;
  para: Span;
}

export const problemHeads: Shape<Head[]> = {
  id: "problem-heads",
  description: "unnumbered paragraphs each opening with a short negative sentence before its evidence: 书记年龄偏大，后备力量不足。…",
  detect(ctx) {
    const out: Head[][] = [];
    let run: Head[] = [];
    const flush = () => {
      if (run.length >= 2) out.push(run);
      run = [];
    };
    const lines = ctx.paragraphLines().filter((l) => l.text);
    // Lines that an outline item opens (「一、…」, 「（一）…」) are numbered headings, read by the outline's shapes.
    const numbered = new Set(collectNodes(ctx.outline).map((n) => n.line));
    for (let i = 0; i < lines.length; i++) {
      const { text, start } = lines[i]!;
      // On the last line of a page cut off mid-sentence, the head stands whatever is left of its evidence.
      const last = ctx.segment.truncated && start + text.length >= ctx.segment.span.end - 1;
      const found = headOf(ctx, text, start, last && run.length >= 2 ? 1 : MIN_BODY);
      const next = lines[i + 1];
      if (found) run.push(found);
      // A head on a line of its own over its evidence (a heading whose numbering was lost: 「管理方法开始“老化”⏎一些单位…」).
      else if (next && next.text.length >= MIN_BODY && !numbered.has(lines[i]!.line.number) && bareHead(ctx, text, start) && !bareHead(ctx, next.text, next.start)) {
        run.push({ head: { start, end: start + text.length }, para: { start, end: next.start + next.text.length } });
        i++;
      }
      // A head alone on the report's last line (the page ends): one more of the run.
      else if (run.length >= 2 && start + text.length >= ctx.segment.span.end - 1 && bareHead(ctx, text, start)) run.push({ head: { start, end: start + text.length }, para: { start, end: start + text.length } });
      else flush();
    }
    flush();
    return out;
  },
  take(ctx, run) {
    run.forEach(({ head, para }, i) => {
      const detail = `paragraph ${i + 1}/${run.length} opening with a short shortfall`;
      const parts = clauses(ctx, head);
      ctx.addParts(parts, para, { kind: "problem", rule: { id: "problem-heads", detail }, confidence: 0.6 }, "clause");
    });
  },
};

function free(ctx: ClassifyContext, start: number): boolean {
  if (ctx.skipped(start) || ctx.sectionAt(start, ["measure", "cause", "practice"]) !== null) return false;
  if (!ctx.claimed(start) && ctx.sectionAt(start, ["problem"]) === null) return true;
  // The body of a problem item already taken (「1.从A看，B不明显」 over paragraphs that each open with a problem of
  // their own): the heads are its sub-problems. The rest of a problem section is read by section-cue.
  return ctx.statements.some((st) => st.kind === "problem" && st.textSpan.end <= start && start < st.span.end && st.span.start < start)
    && !ctx.statements.some((st) => st.textSpan.start <= start && start < st.textSpan.end);
}

/** The paragraph's head when its first sentence is short and falls short, and evidence follows it. */
function headOf(ctx: ClassifyContext, text: string, start: number, minBody = MIN_BODY): Head | null {
  if (!free(ctx, start)) return null;
  const m = /^[^。:：!！?？;；]+(?=。)/.exec(text);
  if (!m) return null;
  const head = m[0].trim();
  if (head.length < MIN_CLAUSE || head.length > MAX_HEAD || text.length - m[0].length - 1 < minBody) return null;
  if (!shortfall(head)) return null;
  return { head: { start, end: start + m[0].trimEnd().length }, para: { start, end: start + text.length } };
}

/** A line that is a head only (no sentence end, short, falling short). */
function bareHead(ctx: ClassifyContext, text: string, start: number): boolean {
  return free(ctx, start) && text.length <= MAX_HEAD && !/[。:：!！?？;；]/.test(text) && shortfall(text);
}

/** Every clause of the head falls short (「A，B」: both), or names its problem by a frame (「“A、B”现象仍然存在」). */
function shortfall(head: string): boolean {
  const parts = head.split(/[,，]/).map((p) => p.trim()).filter(Boolean);
  return parts.length <= 3 && parts.every((p) => (isNegative(p) && polarityOf(p) === "negative") || namesProblem(p));
}

/** The head's clauses, one problem each. */
function clauses(ctx: ClassifyContext, head: Span): Span[] {
  const out: Span[] = [];
  for (const m of ctx.text.slice(head.start, head.end).matchAll(/[^,，]+/g)) {
    const a = head.start + (m.index ?? 0);
    const lead = m[0].length - m[0].trimStart().length;
    out.push({ start: a + lead, end: a + m[0].trimEnd().length });
  }
  return out;
}
