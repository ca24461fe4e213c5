/*
 * Shape "prose-problems": problems stated in plain prose, with no list or section frame — an
 * introduction, an abstract, a 现状 paragraph or a survey finding whose clauses are negative
 * evaluations (「…阵地薄弱，骨干老化、本领不足，…」, 「说明…还需加强」). Each clause
 * that evaluates negatively is one problem; a clause that only continues it (甚至…) or states its
 * consequence (致使…) stays with it. Left out: the umbrella that only announces problems
 * (「存在一些问题」), causes (由于…), clauses that prescribe (要…, 不能…), clauses before a
 * contrast in a sentence that reports an achievement (「取得成效，但…」 keeps what follows 但),
 * questions, and text in practice, measure and cause sections. Runs after every framed shape, on
 * text none of them took.
 */
import type { OutlineNode, Span } from "../../types.ts";
import type { ClassifyContext } from "../context.ts";
import { collectNodes, MIN_CLAUSE } from "../context.ts";
import { classifyHeading } from "../../shared/section-headings.ts";
import { ENDS_MID_SENTENCE } from "../../shared/text.ts";
import { isNegative, POLARITY } from "../polarity.ts";
import { findLastIndex, pushAll } from "../../util/arrays.ts";
import { listedProblems, MIN_ELEMENT } from "./problem-elements.ts";
import type { Shape } from "./types.ts";

interface Paragraph {
  span: Span;
  /** Problem clauses found in the paragraph. */
  clauses: Span[];
  /** Each clause is one statement, its inline list not split (「存在A、B、C的现象」 named inside an item's body). */
  whole?: boolean;
}

/** Longest statement kept (a longer clause is a whole argument, not one problem). */
export const MAX_STATEMENT = 80;
/** Longest run of adjacent short shortfalls read as one problem (when the later ones carry the first one's subject on). */
const MAX_JOINED = 40;
/** Longest heading of a listed item read as a label over a description. */
const MAX_LABEL = 24;
/** Longest subject clause joined to the shortfall after it. */
const MAX_SUBJECT = 30;

export const proseProblems: Shape<Paragraph> = {
  id: "prose-problems",
  description: "prose sentences whose clauses are negative evaluations, outside lists and sections (introductions, abstracts, 现状 paragraphs)",
  detect: (ctx) => [...paragraphs(ctx), ...fusedSubHeadings(ctx), ...bodyFrames(ctx)],
  take(ctx, para) {
    para.clauses.forEach((clause, i) => {
      const detail = `clause ${i + 1}/${para.clauses.length} of a prose paragraph that evaluates negatively`;
      // 「…存在A、B、C等问题」: a clause that lists its problems states one per element (problem-elements).
      const elements = para.whole ? null : listedProblems(ctx.text, clause);
      if (!elements) {
        ctx.add({ kind: "problem", textSpan: clause, span: clause, rule: { id: "prose-problems", detail }, confidence: 0.5 });
        return;
      }
      elements.forEach((el, k) => {
        const rule = { id: "prose-problems", detail: `problem ${k + 1}/${elements.length} listed in ${detail}` };
        ctx.add({ kind: "problem", textSpan: el, span: el, rule, confidence: 0.5, minChars: MIN_ELEMENT });
      });
    });
  },
};

/**
 * Offset of the first problem clause the shape would read in the report as it stands (Infinity if none).
 * Paragraphs come in text order and each one's clauses lie inside it, so the first paragraph with a clause
 * holds the earliest: the rest of the report is not read.
 */
export function firstProseProblemClause(ctx: ClassifyContext): number {
  for (const para of paragraphs(ctx)) {
    let at = Infinity;
    for (const c of para.clauses) at = Math.min(at, c.start);
    return at;
  }
  return Infinity;
}

/** Longest line that proseSkipLine sets aside (a title, a keyword line, a site's download notice). */
const MAX_SKIPPED_LINE = 300;

/** The report's prose paragraphs with problem clauses, in text order. */
function* paragraphs(ctx: ClassifyContext): Generator<Paragraph, void, undefined> {
  // Outline items no shape took: their heading is read whole (「一是带动不够，…响应者少」), not split.
  const nodes = collectNodes(ctx.outline).filter((n) => !ctx.skipped(n.span.start));
  const lines = wrappedParagraphs(ctx, nodes);
  /** Whether a line of the report so far announces problems on a line of its own (「…面临以下问题：」). */
  let announced = false;
  for (const [k, line] of lines.entries()) {
    const from = Math.max(line.start, ctx.segment.span.start);
    const to = Math.min(line.end, ctx.segment.span.end);
    const raw = ctx.text.slice(from, to);
    const text = raw.trim();
    if (text.length < MIN_CLAUSE) continue;
    const start = from + raw.indexOf(text);
    const end = start + text.length;
    if (ctx.skipped(start) || ctx.sectionAt(start, ["practice", "measure", "cause"]) !== null) continue;
    // (A page that lost its line breaks holds its chrome and its text on one long line: that line is read.)
    if (text.length <= MAX_SKIPPED_LINE && POLARITY.proseSkipLine.test(text)) continue;
    if (/[:：]$/.test(text) && POLARITY.problemLeadIn.test(text)) announced = true;
    // A paragraph that ends by announcing the problems below (「…我们发现存在以下几方面问题：」) leads to them: the place
    // and the inquiry it describes first are no findings.
    if (POLARITY.problemListLeadIn.test(text)) continue;
    // A line without punctuation that no outline item opens is a title or a heading, not prose. After a line that
    // announces problems (「…面临以下问题：」), a bare heading over its paragraph that falls short is one of them
    // (「开展活动方面缺乏积极性」; a heading that only names the topic, 「组织建设方面」, hands over to its paragraph).
    if (!/[,，。;；:：、!！?？]/.test(text) && !nodes.some((n) => n.span.start >= from && n.span.start < to)) {
      if (announced && isBareProblemHeading(ctx, text, lines[k + 1])) yield { span: { start, end }, clauses: [{ start, end }], whole: true };
      continue;
    }
    // A section that gives the background, the significance or a review of research sets the scene, it does not find.
    if (contextSectionAt(ctx, nodes, start) || POLARITY.proseContextSection.test(headingLineBefore(ctx, line))) {
      // 「…面临不少课题。有的A，少数B；C等等。这些问题拖了X的后腿。」: a list the next sentence calls problems is a finding.
      const named = namedProblemSentence(ctx, { start, end }).filter((c) => ctx.sectionAt(c.start, ["practice", "measure", "cause"]) === null);
      if (named.length > 0) yield { span: { start, end }, clauses: named };
      continue;
    }
    // The body of a listed item whose heading says nothing short ("1. 覆盖面广：…") describes, it does not find.
    // Unless the body says it reports a finding (「调查显示…」, 「存在的问题是…」).
    if (describingItemAt(ctx, nodes, start) && !POLARITY.proseFindingLabel.test(text)) continue;
    const inLine = nodes.filter((n) => n.span.start >= from && n.span.start < to);
    const clauses: Span[] = [];
    let at = start;
    // After an item heading that states a problem (「一是名存实亡。部分…仅有一块牌子，…」), its body up to the next item
    // is the evidence for it, no further problem (as under a list of problems, where only the headings count).
    let evidence = false;
    for (let i = 0; i <= inLine.length; i++) {
      const node = inLine[i];
      const pieceEnd = node ? node.span.start : end;
      if (pieceEnd > at && !evidence) pushAll(clauses, problemClauses(ctx, { start: at, end: pieceEnd }));
      evidence = false;
      if (!node) break;
      const hs = ctx.itemText(node, "problem").span;
      const heading = ctx.text.slice(hs.start, hs.end);
      at = Math.max(hs.end, node.headingSpan.end);
      if (hs.end > to || classifyHeading(heading) !== null || ctx.overlapsClaimed(hs)) continue;
      // 「1、形式主义方面：」 over its own items names their topic; its items are the problems.
      if (node.children.length > 0 && heading.length <= MAX_TOPIC_HEADING && POLARITY.topicHeading.test(heading.replace(/[:：]\s*$/, ""))) continue;
      if (isProblemClause(heading) && !POLARITY.proseStatistic.test(heading) && hs.end - hs.start <= MAX_STATEMENT) {
        clauses.push(hs);
        evidence = SHORT_HEAD.test(heading);
      }
      // A run-on item too long to be one statement (「二是A不大，B薄弱，C小，难以D；」) is read clause by clause.
      else if (hs.end - hs.start > MAX_STATEMENT && isNegative(heading)) pushAll(clauses, problemClauses(ctx, hs));
    }
    // A page without line breaks is one line: a clause past a practice, measure or cause heading on it is no problem.
    const kept = clauses.filter((c) => ctx.sectionAt(c.start, ["practice", "measure", "cause"]) === null);
    if (kept.length > 0) yield { span: { start, end }, clauses: kept };
  }
}

/** An item heading short enough to be the name of a problem its body then shows (「名存实亡」, 「管理不规范」). */
const SHORT_HEAD = /^[^,，;；]{2,16}$/;

/** Longest item heading read as the bare name of its items' topic (「形式主义方面」). */
const MAX_TOPIC_HEADING = 24;

/** Longest unnumbered line read as a heading over the paragraph that follows it (here, and in section-cue). */
export const MAX_BARE_HEADING = 30;

/** A short bare line that falls short and heads a longer paragraph of prose (the next line). */
function isBareProblemHeading(ctx: ClassifyContext, text: string, next: Span | undefined): boolean {
  if (text.length > MAX_BARE_HEADING || next === undefined || POLARITY.topicHeading.test(text) || classifyHeading(text) !== null) return false;
  const body = ctx.text.slice(next.start, next.end).trim();
  return body.length > 2 * text.length && /[,，。;；]/.test(body) && isProblemClause(text);
}

/** Longest sub-heading whose enumerator was lost inside a problem item's body. */
const MAX_SUB_HEADING = 24;

/**
 * A sub-heading that lost its enumerator inside the body of a problem item: a short sentence made only of
 * 、-joined shortfalls, followed by the explanation of its cause (「…效果不明显。A不高、B偏低。由于…」).
 */
function fusedSubHeadings(ctx: ClassifyContext): Paragraph[] {
  const out: Paragraph[] = [];
  for (const st of ctx.statements) {
    if (st.kind !== "problem" || st.span.end <= st.textSpan.end) continue;
    const from = st.textSpan.end;
    const body = ctx.text.slice(from, st.span.end);
    const clauses: Span[] = [];
    for (const m of body.matchAll(POLARITY.fusedSubHeading)) {
      const head = m[1]!;
      const at = from + (m.index ?? 0) + m[0].indexOf(head);
      const span = { start: at, end: at + head.length };
      if (head.length > MAX_SUB_HEADING || ctx.sectionAt(at, ["practice", "measure", "cause"]) !== null) continue;
      if (!head.split("、").every((part) => isProblemClause(part))) continue;
      if (ctx.statements.some((o) => o.textSpan.start < span.end && span.start < o.textSpan.end)) continue;
      clauses.push(span);
    }
    if (clauses.length > 0) out.push({ span: { start: from, end: st.span.end }, clauses });
  }
  return out;
}

/**
 * A further problem named inside the body of a problem item by its frame (「有的…含糊其辞，存在层层转发、照抄照搬的现象。」,
 * 「…，存在重部署轻落实的问题。」, `bodyProblemFrame`): the body elaborates its heading, but a clause that says 存在X的现象
 * names one more. Quoted from 存在 to the frame's noun, as one statement.
 */
function bodyFrames(ctx: ClassifyContext): Paragraph[] {
  const out: Paragraph[] = [];
  for (const st of [...ctx.statements]) {
    if (st.kind !== "problem" || st.span.end <= st.textSpan.end) continue;
    const from = st.textSpan.end;
    const body = ctx.text.slice(from, st.span.end);
    const clauses: Span[] = [];
    for (const m of body.matchAll(POLARITY.bodyProblemFrame)) {
      const at = from + (m.index ?? 0);
      const span = { start: at, end: at + m[0].length };
      // 「2. 考察把关不严 … 存在考察把关不严、材料不全等问题」 restates its heading, and a frame in the body's first
      // sentence (「（四）作风建设仍有短板。少数干部服务意识不强，存在推诿扯皮现象。」) shows how the heading's problem
      // shows: no further problem. Only a frame after the body's first sentence or ；-part names one more.
      if (sharesRun(m[0], st.normText, RESTATED)) continue;
      if (!/[。；;！!？?]/.test(body.slice(0, m.index).replace(/^[\s。；;！!？?:：,，]+/, ""))) continue;
      if (ctx.skipped(at) || ctx.inQuotedAuthority(at) || ctx.sectionAt(at, ["practice", "measure", "cause"]) !== null) continue;
      if (ctx.statements.some((o) => o.textSpan.start < span.end && span.start < o.textSpan.end)) continue;
      clauses.push(span);
    }
    if (clauses.length > 0) out.push({ span: { start: from, end: st.span.end }, clauses, whole: true });
  }
  return out;
}

/** Characters in a row a framed clause shares with its item's heading when it only restates it. */
const RESTATED = 4;

/** Whether two texts share a run of n characters. */
function sharesRun(a: string, b: string, n: number): boolean {
  for (let i = 0; i + n <= a.length; i++) if (b.includes(a.slice(i, i + n))) return true;
  return false;
}

/** Shortest line read as cut by a hard wrap (a PDF's line width) when it ends without a sentence end. */
const MIN_WRAPPED = 15;

/**
 * The report's lines, with the lines of a paragraph that a hard wrap broke mid-sentence (text copied from a
 * PDF: 「…组织填写调」 then 「查问卷…」) joined back into one: a line of at least MIN_WRAPPED characters that ends
 * without a sentence end joins the next line, unless that one is blank or opens an outline item, or the line is an
 * item's heading and the page shows no hard wrap there.
 */
function wrappedParagraphs(ctx: ClassifyContext, nodes: OutlineNode[]): Span[] {
  const out: Span[] = [];
  const starts = new Set(nodes.map((n) => n.span.start));
  let open: Span | null = null;
  for (const { line, text, start } of ctx.textLinesIn(ctx.segment.span)) {
    // A line of the page's own (a running header at a page break) ends the paragraph before it; it joins none.
    if (text.length > 0 && ctx.skipped(start)) {
      if (open) out.push(open);
      open = null;
      continue;
    }
    const opensItem = text.length > 0 && starts.has(start);
    if (open && text.length >= MIN_CLAUSE && !opensItem) open.end = line.end;
    else {
      if (open) out.push(open);
      open = { start: line.start, end: line.end };
    }
    // A title ends without a sentence end too: only a line of prose (with a comma or a stop) runs on.
    const prose = open.start < line.start || /[，,、。；;：:]/.test(text);
    // An item's heading (「(二)难点2：集体收入“空转”，办事缺底气」 over its body) runs on only over a break that is a
    // hard wrap of a page with a line width (src/outline/hard-wrap.ts): else it is a heading, not a cut sentence.
    const wrapped = prose && text.length >= MIN_WRAPPED && ENDS_MID_SENTENCE.test(text) && (!opensItem || ctx.wraps.has(line.end));
    if (!wrapped || text.length === 0) {
      out.push(open);
      open = null;
    }
  }
  if (open) out.push(open);
  return out;
}

/** The innermost outline node whose body (after its heading) holds an offset; null when none does. */
function innermostBody(nodes: readonly OutlineNode[], offset: number): OutlineNode | null {
  let inner: OutlineNode | null = null;
  for (const n of nodes) {
    if (n.headingSpan.end <= offset && offset < n.span.end && (!inner || n.span.start >= inner.span.start)) inner = n;
  }
  return inner;
}

/** Whether an offset lies in the body of a listed item (not a section) whose heading does not fall short. */
function describingItemAt(ctx: ClassifyContext, nodes: OutlineNode[], offset: number): boolean {
  const inner = innermostBody(nodes, offset);
  if (!inner || inner.markerKind === "none") return false;
  const heading = ctx.heading(inner);
  if (classifyHeading(heading) !== null || isNegative(heading)) return false;
  // A label ("覆盖面广") heads a description; a whole sentence ("如文档侵犯您的权益，请联系客服…") heads nothing.
  if (heading.length > MAX_LABEL || /[,，]/.test(heading)) return false;
  if (findsAlready(ctx, inner)) return false;
  const siblings = nodes.filter((n) => n.depth === inner.depth && n.markerKind === inner.markerKind && n.span.end > 0);
  return siblings.length >= 2;
}

/**
 * Whether an offset lies under a heading that opens a context section (研究背景, 重要意义, 文献综述: `proseContextSection`),
 * unless the listed item around it finds already.
 */
function contextSectionAt(ctx: ClassifyContext, nodes: OutlineNode[], offset: number): boolean {
  if (!nodes.some((n) => n.headingSpan.end <= offset && offset < n.span.end && POLARITY.proseContextSection.test(ctx.heading(n)))) return false;
  const inner = innermostBody(nodes, offset);
  return !(inner && inner.markerKind !== "none" && findsAlready(ctx, inner));
}

/**
 * Whether another shape found a problem in an item's body already (「2.现实的呼唤。目前，少数…意识不强、…不到位。…」):
 * the body finds, it does not describe or set the scene.
 */
function findsAlready(ctx: ClassifyContext, item: OutlineNode): boolean {
  const body = { start: item.headingSpan.end, end: item.span.end };
  return ctx.statements.some((s) => s.kind === "problem" && s.textSpan.start >= body.start && s.textSpan.end <= body.end);
}

/**
 * The problem clauses of the sentences a back-reference names (「A；B；C等等。这些问题拖了X的后腿。」): in a paragraph
 * that sets the scene, the sentence right before one opening with `problemBackReference`.
 */
function namedProblemSentence(ctx: ClassifyContext, para: Span): Span[] {
  const text = ctx.text.slice(para.start, para.end);
  const sentences = [...text.matchAll(/[^。！!？?]+[。！!？?]?/g)];
  const out: Span[] = [];
  for (let i = 1; i < sentences.length; i++) {
    if (!POLARITY.problemBackReference.test(sentences[i]![0].trim())) continue;
    const prev = sentences[i - 1]!;
    const from = para.start + (prev.index ?? 0);
    pushAll(out, problemClauses(ctx, { start: from, end: from + prev[0].length }));
  }
  return out;
}

/** The line before a paragraph (blank lines skipped) when it is a bare heading ("1.1 背景介绍"), else "". */
function headingLineBefore(ctx: ClassifyContext, line: { start: number }): string {
  let at = line.start - 1;
  while (at > ctx.segment.span.start && /\s/.test(ctx.text[at - 1] ?? "")) at--;
  const from = ctx.text.lastIndexOf("\n", at - 1) + 1;
  const prev = ctx.text.slice(Math.max(from, ctx.segment.span.start), at).trim();
  return prev.length <= MAX_LABEL + 6 && !/[,，。;；:：!！?？]/.test(prev) ? prev : "";
}

/** The problem clauses of one paragraph, sentence by sentence. */
export function problemClauses(ctx: ClassifyContext, para: Span, umbrellaList = true): Span[] {
  const out: Span[] = [];
  const text = ctx.text.slice(para.start, para.end);
  // "仍存在一些薄弱环节，重点集中在：A需要进一步融合；B有待提高。": after an umbrella that says where the
  // problems lie, each item up to the sentence end is a problem, even one phrased as a wish.
  const lead = umbrellaList ? POLARITY.umbrellaListLead.exec(text) : null;
  if (lead) {
    const listStart = para.start + lead.index + lead[0].length;
    const stop = ctx.text.slice(listStart, para.end).search(/[。！!]/);
    const listEnd = stop < 0 ? para.end : listStart + stop;
    pushAll(out, problemClauses(ctx, { start: para.start, end: para.start + lead.index + lead[0].length }, false));
    pushAll(out, umbrellaListItems(ctx, { start: listStart, end: listEnd }));
    if (listEnd + 1 < para.end) pushAll(out, problemClauses(ctx, { start: listEnd + 1, end: para.end }));
    return out;
  }
  // An ellipsis (……) ends a quoted sentence as well.
  for (const sm of text.matchAll(/(?:[^。！？!?；;…]|…(?!…))+(?:[。！？!?；;]|……)?/g)) {
    const sentence = sm[0];
    const at = para.start + (sm.index ?? 0);
    if (/[？?]$/.test(sentence)) continue; // a question asks, it does not find
    // A definition (所谓…，指的是…), a supposition (若…，就…) or an open research question (…有待进一步挖掘)
    // states no finding anywhere in the sentence.
    if (POLARITY.proseNotFinding.test(unwrap(sentence).trim())) continue;
    // 「问题1：…。成因：…。」: a sentence labelled as a cause gives why, not what falls short.
    if (POLARITY.proseCauseSentence.test(unwrap(sentence))) continue;
    // 「…等等。在今后的工作中，党委将…」, 「为此，…」: the rest of the paragraph turns to remedies.
    if (POLARITY.closingMeasureTurn.test(unwrap(sentence).trim())) break;
    // "…的原因：一、…": the rest of the paragraph gives causes.
    const turn = POLARITY.proseCauseTurn.exec(sentence);
    if (turn) {
      const cut = sentence.slice(0, turn.index).search(/[^,，]*$/);
      pushAll(out, sentenceProblems(ctx, { start: at, end: at + Math.max(0, cut - 1) }));
      break;
    }
    pushAll(out, sentenceProblems(ctx, { start: at, end: at + sentence.replace(/(?:[。！？!?；;]|……)$/, "").length }));
  }
  return out;
}

/** The `;`-separated items after an umbrella list lead: each one that falls short or wishes for more (subject first). */
function umbrellaListItems(ctx: ClassifyContext, list: Span): Span[] {
  const out: Span[] = [];
  const text = ctx.text.slice(list.start, list.end);
  for (const m of text.matchAll(/[^;；]+/g)) {
    const raw = m[0];
    // 「从结构上看，A」: the aspect an item opens with is no part of its problem.
    const aspect = POLARITY.aspectLead.exec(raw.trim());
    const body = raw.trim().slice(aspect ? aspect[0].length : 0);
    const a = list.start + (m.index ?? 0) + raw.indexOf(body);
    const span = { start: a, end: a + body.length };
    const s = unwrap(body);
    if (s.length < MIN_CLAUSE || s.length > MAX_STATEMENT || ctx.overlapsClaimed(span) || ctx.skipped(span.start)) continue;
    // An item of comma clauses with a subject each (「…集中表现为：A不严，B脱节，C流于形式。」) states one problem a clause.
    const clauses = /[,，]/.test(s) && isProblemClause(s) ? sentenceProblems(ctx, span) : [];
    if (clauses.length > 1) pushAll(out, clauses);
    // A wish that opens with its modal ("需要进一步加强X") prescribes; a subject first ("X需要进一步加强") tells what falls short.
    else if (isProblemClause(s) || isWish(s)) out.push(span);
    // 「A等需要进一步加强，B应更广泛一些」: an item of comma clauses none of which falls short leads with its wish.
    else if (/[,，]/.test(s)) {
      const comma = body.search(/[,，]/);
      if (isWish(unwrap(body.slice(0, comma)))) out.push({ start: a, end: a + comma });
    }
  }
  return out;
}

/** A wish with its subject first (「X需要进一步加强」): what falls short, unless it opens with its modal (「需要进一步加强X」 prescribes). */
function isWish(s: string): boolean {
  return POLARITY.wishProblem.test(s) && !POLARITY.modalPrescription.test(s);
}

/** The shortfalls given as the reasons of an umbrella (the clauses from the one opening with 由于 to the umbrella). */
function umbrellaReasons(ctx: ClassifyContext, before: readonly Span[]): Span[] {
  const at = before.findIndex((c) => /^\s*由于/.test(ctx.text.slice(c.start, c.end)));
  if (at < 0) return [];
  const out: Span[] = [];
  for (const c of before.slice(at)) {
    const raw = ctx.text.slice(c.start, c.end);
    const lead = /^\s*(?:由于)?\s*/.exec(raw)![0].length;
    const span = { start: c.start + lead, end: c.end };
    const said = unwrap(ctx.text.slice(span.start, span.end));
    if (said.length >= MIN_CLAUSE && said.length <= MAX_STATEMENT && isProblemClause(said) && !ctx.overlapsClaimed(span)) out.push(span);
  }
  return out;
}

/** Problem clauses of one sentence (split at commas and colons). */
function sentenceProblems(ctx: ClassifyContext, sentence: Span): Span[] {
  const text = ctx.text.slice(sentence.start, sentence.end);
  const clauses: { span: Span; leadIn: boolean }[] = [];
  for (const m of text.matchAll(/[^,，:：]+[:：]?/g)) {
    const leadIn = /[:：]$/.test(m[0]);
    const body = m[0].replace(/[:：]$/, "");
    const lead = body.length - body.trimStart().length;
    const a = sentence.start + (m.index ?? 0) + lead;
    // 「…，E等等，因此…」: the list's closing 等等 is no part of its last problem (a clause listing with 、 keeps it:
    // problem-elements reads 「如A、B、C等等」 by it).
    const trimmed = body.trimEnd();
    const b = sentence.start + (m.index ?? 0) + (trimmed.includes("、") ? trimmed : trimmed.replace(/等等$/, "")).length;
    if (b > a) clauses.push({ span: { start: a, end: b }, leadIn });
  }
  // 「重教学科研，轻党建」: a 重…，轻… pair is one slogan, never two clauses.
  for (let i = clauses.length - 2; i >= 0; i--) {
    const [x, y] = [clauses[i]!, clauses[i + 1]!];
    if (!x.leadIn && SLOGAN_HEAD.test(ctx.text.slice(x.span.start, x.span.end)) && ctx.text.startsWith("轻", y.span.start)) {
      clauses.splice(i, 2, { span: { start: x.span.start, end: y.span.end }, leadIn: y.leadIn });
    }
  }
  // A sentence that reports an achievement keeps only what follows its contrast word (但, 然而, 却 …).
  let first = 0;
  const contrast = clauses.findIndex((c) => POLARITY.proseContrast.test(unwrap(ctx.text.slice(c.span.start, c.span.end))));
  // "…存在管理弱化，缺乏基础，同时不能…": a 同时 after shortfalls adds one more, it does not turn from an achievement
  // (nor from a consequence: 「这种情况导致…无法…，同时…」 keeps its old reading).
  const before = contrast > 0 ? unwrap(ctx.text.slice(sentence.start, clauses[contrast]!.span.start)) : "";
  const adds = contrast > 0 && POLARITY.proseAddition.test(unwrap(ctx.text.slice(clauses[contrast]!.span.start, clauses[contrast]!.span.end)))
    && isNegative(before) && !POLARITY.achievementInSentence.test(before) && !POLARITY.proseAttach.test(before.trim());
  if (contrast >= 0 && !adds) first = contrast;
  else if (POLARITY.achievementInSentence.test(unwrap(text)) && !isNegative(unwrap(text).replace(POLARITY.achievementInSentence, ""))) return [];
  // An announcement of problems ("各支部进展不一，短板尚多，集中在…") sums up what
  // leads to it: only the clauses after it can name a problem.
  const umbrella = findLastIndex(clauses, (c) => isAnnouncement(unwrap(ctx.text.slice(c.span.start, c.span.end))));
  // 「由于A不健全，B比较薄弱，…仍有不少问题」: the umbrella names no problem, so the shortfalls it gives as
  // its reasons are the problems the sentence states.
  const reasons = umbrella > first ? umbrellaReasons(ctx, clauses.slice(first, umbrella).map((c) => c.span)) : [];
  if (umbrella >= first) first = umbrella + 1;
  const out: Span[] = [...reasons];
  let open: Span | null = null;
  /** A subject clause waiting for its predicate ("一些…单位，尚未建立…"). */
  let subject: Span | null = null;
  const extend = (c: Span) => {
    if (!open || c.end - open.start > MAX_STATEMENT) return false;
    open.end = c.end;
    return true;
  };
  for (let i = first; i < clauses.length; i++) {
    const { span, leadIn } = clauses[i]!;
    const c = { ...span };
    // (A 重…，轻… slogan is read as one phrase: its comma joins, it does not separate.)
    const whole = unwrap(ctx.text.slice(c.start, c.end)).replace(SLOGAN_COMMA, "$1、");
    // 「主要表现在A、B等意识不同程度弱化」: the clause is judged by what follows its lead (dropped below as well).
    const shows = SHOWS_IN.exec(whole);
    const s = shows && whole.length - shows[0].length >= MIN_CLAUSE ? whole.slice(shows[0].length) : whole;
    const pending = subject;
    subject = null;
    // A lead-in ("不少党员谈到：", "仍有差距：") announces what follows; a survey figure is no verdict.
    if (leadIn || ctx.overlapsClaimed(c) || ctx.skipped(c.start) || ctx.inQuotedAuthority(c.start) || POLARITY.proseStatistic.test(s)) {
      open = null;
      continue;
    }
    // 「分析基层医务人员入党意愿下降的原因」: the problem whose causes are analysed is named as its object.
    const object = POLARITY.causeObject.exec(s);
    if (object && isNegative(object.groups!.what!)) {
      const at = c.start + ctx.text.slice(c.start, c.end).indexOf(object.groups!.what!);
      if (at >= c.start) {
        out.push({ start: at, end: at + object.groups!.what!.length });
        open = null;
        continue;
      }
    }
    const next = clauses[i + 1];
    const nextText = next ? unwrap(ctx.text.slice(next.span.start, next.span.end)) : "";
    const nextIsTail = next !== undefined && !next.leadIn && isProblemClause(nextText) && POLARITY.proseTail.test(nextText);
    // "甚至边缘化", "致使…难以…": a continuation or a consequence stays with the problem before it;
    // with none before it, a consequence that is itself a shortfall stands alone.
    const attach = POLARITY.proseAttach.exec(s);
    if (attach) {
      if (extend(c)) continue;
      open = null;
      if (!isProblemClause(s.slice(attach[0].length))) continue;
      c.start += attach[0].length;
    } else if (open && POLARITY.proseTail.test(s) && isNegative(s) && extend(c)) {
      // A subjectless shortfall ("缺乏创新", "不能及时跟进…") continues the problem before it.
      continue;
    } else if (!isProblemClause(s)) {
      // An elaboration ("活动形式单一，多为集中宣讲，缺乏互动") joins the problem before it when a
      // subjectless shortfall follows; a bare subject ("一些…单位，尚未建立") opens the problem after it.
      if (nextIsTail && open && extend(c)) continue;
      if (nextIsTail && !open && s.length <= MAX_SUBJECT && !POLARITY.proseNotProblem.test(s)) subject = c;
      // 「对于发挥带头作用，做群众工作比较淡漠」: a topic frame opens the problem after it.
      else if (TOPIC_FRAME.test(s) && next !== undefined && !next.leadIn && isProblemClause(nextText)) subject = c;
      open = null;
      continue;
    }
    if (pending) c.start = pending.start;
    // Drop a lead-in inside the clause ("存在的问题是活动形式单一", "说明个别支部…").
    for (let k = 0; k < 2; k++) {
      const frame = POLARITY.proseLead.exec(ctx.text.slice(c.start, c.end));
      if (frame && c.end - c.start - frame[0].length >= MIN_CLAUSE) c.start += frame[0].length;
    }
    // A clause broken off by the end of the page ("…往往是碎片化、") says nothing whole.
    const cutOff = ctx.segment.truncated && /[、和及与]$/.test(ctx.text.slice(c.start, Math.min(ctx.segment.span.end, c.end + 1)).trim());
    if (cutOff || c.end - c.start > MAX_STATEMENT || c.end - c.start < MIN_CLAUSE) {
      open = null;
      continue;
    }
    // Short shortfalls side by side, each with its subject ("设施陈旧，经费紧张"), are problems of their own;
    // one joins the shortfall before it only when it carries that one's subject on (其…, 对…, 无视…) or the
    // run describes one group (有的A低，B旧), unless it names a subject of its own (一些…, 有的…).
    const joinable = open && out[out.length - 1] === open && ctx.text.slice(open.end, c.start).trim().length <= 1;
    const cText = unwrap(ctx.text.slice(c.start, c.end));
    const carried = joinable && (POLARITY.proseSameSubject.test(cText) || POLARITY.proseGroupRun.test(unwrap(ctx.text.slice(open!.start, open!.end))));
    if (carried && c.end - open!.start <= MAX_JOINED && !POLARITY.proseSubject.test(cText)) {
      open!.end = c.end;
      continue;
    }
    // A quotation the clause split at its commas (「即“A弱，B弱，C弱”」) leaves an unpaired mark at an edge: it is no part of the clause.
    const said = ctx.text.slice(c.start, c.end);
    if (said.startsWith("“") && !said.includes("”")) c.start += 1;
    if (said.endsWith("”") && !said.includes("“")) c.end -= 1;
    out.push(c);
    open = c;
  }
  return out;
}

/** Where a clause says its problem shows (「主要表现在」), before what shows. */
const SHOWS_IN = /^(主要|具体|集中|突出)?(表现|体现)(在|为)[:：]?/;

/** A clause that only names the topic the next clause evaluates (「对于X」, 「在X方面」). */
const TOPIC_FRAME = /^(对于|对|关于)[^,，]{2,20}$|^在[^,，]{2,16}(方面|上)$/;

/** The first half of a 重…，轻… slogan, and the comma that joins its halves. */
const SLOGAN_HEAD = /^重[^,，]{1,10}$/;
const SLOGAN_COMMA = /^(重[^,，]{1,10})[,，](?=轻)/;

/** Whether a clause names its problem by a frame (`namedProblem`: 「存在“上紧下松”现象」), not as a cause or a prescription. */
export function namesProblem(s: string): boolean {
  return POLARITY.namedProblem.test(s) && !POLARITY.proseNotProblem.test(s);
}

/** Whether a clause evaluates negatively and is not an umbrella, a cause or a prescription. */
export function isProblemClause(s: string): boolean {
  const t = s.trim();
  if (POLARITY.proseVerdict.test(t)) return true;
  // 「农村留守党员教育问题日渐凸显」, 「存在“上紧下松”现象」: a frame names the problem without a shortfall word.
  if (namesProblem(t)) return true;
  if (!isNegative(t)) return false;
  if (POLARITY.proseNotProblem.test(t)) return false;
  // The umbrella that only announces problems ("也还有一些问题", "还有差距") names none.
  return !isUmbrella(t);
}

/** A clause that only announces problems: negative through its generic problem nouns alone ("仍存在一些问题和短板"). */
function isUmbrella(s: string): boolean {
  return isNegative(s) && !isNegative(s.replace(POLARITY.genericProblemNoun, (m) => " ".repeat(m.length)));
}

/**
 * A clause that announces problems: an umbrella ("仍存在一些问题和短板", "存在问题较多", `umbrellaAnnouncement`) or a
 * forward announcement of what follows (`forwardAnnouncement`).
 */
function isAnnouncement(s: string): boolean {
  // 「…难以坚持，其原因有下列几点」 announces the items after it, whatever shortfall it names.
  if (POLARITY.forwardAnnouncement.test(s)) return true;
  // The cheap literal test first: most clauses announce nothing.
  return POLARITY.umbrellaAnnouncement.test(s) && isUmbrella(s);
}

/** Text as a reader sees it across a hard wrap: the line breaks inside a joined paragraph removed. */
function unwrap(text: string): string {
  return text.includes("\n") ? text.replace(/\s*\n\s*/g, "") : text;
}
