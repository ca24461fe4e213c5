/*
 * Shape "paragraph-heads": measures given as the short first sentence of unnumbered paragraphs after a
 * sentence that announces them — 「为解决上述问题，需要采取以下措施。」 then 「加强X。正文…」,
 * 「完善Y。正文…」. Each paragraph's first sentence that prescribes is one measure; at least two such
 * paragraphs in a row must follow the announcement (POLARITY.measureLeadIn / measureAnnouncement).
 * Without an announcement, three or more heads in a row that open alike with a modal (「创建X要把准A。」…), or three or
 * more bare lines over a paragraph each that say what to make of their object (「把A考准」, POLARITY.baHeading).
 */
import type { Span } from "../../types.ts";
import { type ClassifyContext, MIN_CLAUSE } from "../context.ts";
import { POLARITY } from "../polarity.ts";
import type { Shape } from "./types.ts";
import { pushAll } from "../../util/arrays.ts";

/** Longest first sentence read as a paragraph's heading. */
const MAX_HEAD = 24;

interface Heads {
  lead: string;
  heads: Span[];
}

export const paragraphHeads: Shape<Heads> = {
  id: "paragraph-heads",
  description: "unnumbered paragraphs opening with a short prescription after a sentence announcing measures (需要采取以下措施。加强X。…), or three heads that open alike with a modal (创建X要把准A。…)",
  detect(ctx) {
    const out: Heads[] = [];
    let lead: string | null = null;
    let heads: Span[] = [];
    const flush = () => {
      if (lead !== null && heads.length >= 2) out.push({ lead, heads });
      lead = null;
      heads = [];
    };
    for (const { text, start } of ctx.textLinesIn(ctx.segment.span)) {
      if (!text) continue;
      const head = /^[^。:：!！?？]+(?=[。:：])/.exec(text)?.[0].trim() ?? "";
      // A 现状 section with no heading after it runs on over the measures; the announcement decides here.
      const free = !ctx.skipped(start) && !ctx.claimed(start) && ctx.sectionAt(start, ["practice"]) === null;
      if (lead !== null && free && head.length >= MIN_CLAUSE && head.length <= MAX_HEAD && opensWithPrescription(head)) {
        heads.push({ start, end: start + head.length });
        continue;
      }
      flush();
      // The announcing sentence ends its line: 「…，需要采取一系列措施。」, 「提出以下建议：」.
      if (!/[。:：]$/.test(text)) continue;
      const last = lastSentence(text);
      if (POLARITY.measureAnnouncement.test(last) || POLARITY.measureLeadIn.test(text)) lead = last.slice(-24);
    }
    flush();
    pushAll(out, alikeModalHeads(ctx));
    pushAll(out, bareHeadings(ctx));
    return out;
  },
  take(ctx, unit) {
    unit.heads.forEach((span, i) => {
      const detail = `paragraph ${i + 1}/${unit.heads.length} after "${unit.lead}"`;
      ctx.add({ kind: "measure", textSpan: span, span, rule: { id: "paragraph-heads", detail }, confidence: 0.6 });
    });
  },
};

/**
 * The line's last sentence, its end mark dropped: what /[^。]*[。:：]?$/ matches first in the line without its
 * final [。:：] — the text after the last 。 (a 。 left at the very end stays) — found in one pass, where
 * that regex retries from every offset before the last 。 (quadratic on a long line).
 */
export function lastSentence(text: string): string {
  const t = text.replace(/[。:：]\s*$/, "");
  const body = t.endsWith("。") ? t.slice(0, -1) : t;
  return t.slice(body.lastIndexOf("。") + 1);
}

/** Fewest paragraphs in a row whose heads open alike with a modal to be measures with no announcement. */
const MIN_PARALLEL_HEADS = 3;
/** Shortest shared opening of such heads (「创建党建品牌要把准」 …). */
const MIN_SHARED_OPENING = 4;
/** A modal in a head's shared opening. */
const HEAD_MODAL = /要|应|必须|需/;

/**
 * Paragraphs in a row whose short first sentences open alike and prescribe with a modal (「创建X要把准A。…」,
 * 「创建X要把准B。…」, 「创建X要把准C。…」): the heads are the measures, with no sentence announcing them. The shared
 * opening is the evidence, whatever the verb after it (把准 is in no lexicon); prescriptive-list's parallel heads read
 * heads that each prescribe by their own verb instead, later, after inline-measures has read the bodies.
 */
function alikeModalHeads(ctx: ClassifyContext): Heads[] {
  const out: Heads[] = [];
  let run: { span: Span; head: string }[] = [];
  const flush = () => {
    if (run.length >= MIN_PARALLEL_HEADS) {
      const opening = sharedOpening(run.map((r) => r.head));
      if (opening.length >= MIN_SHARED_OPENING && HEAD_MODAL.test(opening)) out.push({ lead: `${opening}…`, heads: run.map((r) => r.span) });
    }
    run = [];
  };
  for (const { text, start } of ctx.textLinesIn(ctx.segment.span)) {
    if (!text) continue;
    const head = /^[^。:：!！?？]+(?=[。:：])/.exec(text)?.[0] ?? "";
    const lead = head.length - head.trimStart().length;
    const free = unannounced(ctx, start);
    const candidate = free && head.trim().length >= MIN_CLAUSE && head.trim().length <= MAX_HEAD && !/[,，;；]/.test(head);
    if (candidate && (run.length === 0 || sharedOpening([run[0]!.head, head.trim()]).length >= MIN_SHARED_OPENING)) {
      run.push({ span: { start: start + lead, end: start + head.length }, head: head.trim() });
      continue;
    }
    flush();
    if (candidate) run.push({ span: { start: start + lead, end: start + head.length }, head: head.trim() });
  }
  flush();
  return out;
}

/** Longest bare line read as a measure heading over its paragraph. */
const MAX_BARE_HEAD = 20;

/**
 * Three or more bare lines in a row (no punctuation, each over a paragraph of its own) that each prescribe with a 把
 * phrase (「把A考准」, 「把B考透」, 「把C用活」): measure headings whose numbering was never there.
 */
function bareHeadings(ctx: ClassifyContext): Heads[] {
  const out: Heads[] = [];
  let run: Span[] = [];
  let body = false;
  const flush = () => {
    if (run.length >= MIN_PARALLEL_HEADS) out.push({ lead: "bare 把… headings", heads: run });
    run = [];
  };
  for (const { text, start } of ctx.textLinesIn(ctx.segment.span)) {
    if (!text) continue;
    const head = text.trim();
    const free = unannounced(ctx, start);
    if (free && head.length <= MAX_BARE_HEAD && POLARITY.baHeading.test(head)) {
      // Each heading stands over a paragraph: two headings in a row are a list, not headings.
      if (run.length > 0 && !body) flush();
      const at = start + text.indexOf(head);
      run.push({ start: at, end: at + head.length });
      body = false;
      continue;
    }
    if (run.length > 0 && head.length > MAX_BARE_HEAD && /[。，,]/.test(head)) body = true;
    else if (run.length > 0 && !body) flush();
  }
  flush();
  return out;
}

/** Whether a line may hold a head no sentence announced: not set aside or taken, in no section of other statements. */
function unannounced(ctx: ClassifyContext, start: number): boolean {
  return !ctx.skipped(start) && !ctx.claimed(start) && ctx.sectionAt(start, ["practice", "situation", "problem", "cause"]) === null;
}

/** The longest opening the texts share. */
function sharedOpening(texts: string[]): string {
  let n = 0;
  const first = texts[0] ?? "";
  while (n < first.length && texts.every((t) => t[n] === first[n])) n++;
  return first.slice(0, n);
}

/** A head prescribes by its opening verb, even when it names what it remedies (「盘活闲置阵地」). */
function opensWithPrescription(head: string): boolean {
  return POLARITY.prescription.test(head.trim());
}
