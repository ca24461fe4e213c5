/*
 * Shape "prescriptive-list": measures written in prose as a list of verb-object elements, whatever frame
 * introduces them. One general test instead of one rule per frame (要/应/需/必须/建议/提出/这就要求/即坚持…):
 *
 *   1. the sentence carries a forward-looking signal (a modal, 建议, 提出, 要求, 路径…: `signal`) or lies in
 *      a measure section, and it is no account of work done, no significance, no authority's words;
 *   2. from the signal on, the sentence is split into its elements (at ， ； 、, quotations kept whole; a 、
 *      part that prescribes nothing belongs to the element before it);
 *   3. an element prescribes when, after its connective or subject-plus-modal (`lead`), it opens with a
 *      prescribing verb (the `prescription` lexicon, or `listVerbs`, verbs that prescribe only inside such a
 *      list) or with a list form (把/将A作为/纳入B, 以A为B: `listPrescription`, `elementForm`);
 *      (three or more elements that open alike after the signal, 以A…，以B…，以C…, prescribe whatever their verbs);
 *   4. the run goes from the element that holds the signal to the last prescribing element before a purpose
 *      clause (为…, 使…, 从而…) or the sentence end; it is taken when at least `minPrescribing` (2) of its
 *      elements prescribe and they are at least half of it.
 *
 * The run is one measure (quoted exactly, with its place), as in shape inline-measures: annotators quote
 * such lists at every grain, and a run holds each of them. Words in polarity.json (`prescriptiveList`).
 * Runs after every other shape but prose-problems, on text no other shape took.
 */
import type { Span } from "../../types.ts";
import type { ClassifyContext } from "../context.ts";
import { MIN_CLAUSE } from "../context.ts";
import { isNegative, POLARITY, polarityOf } from "../polarity.ts";
import raw from "../polarity.json" with { type: "json" };
import type { Shape } from "./types.ts";
import { firstAbove, pushAll } from "../../util/arrays.ts";
import { addMeasureRun, measureElements } from "./measure-elements.ts";
import { SEGMENT_SIGNALS, stripDecoration } from "../../segment/signals.ts";

/** Whether an offset lies on a line that opens with an article's front matter (摘要：…, 内容提要, 关键词). */
function inAbstract(ctx: ClassifyContext, at: number): boolean {
  const [line] = ctx.linesIn({ start: at, end: at + 1 });
  return line !== undefined && SEGMENT_SIGNALS.articleFront.test(stripDecoration(ctx.text.slice(line.start, line.end)));
}

const PL = raw.prescriptiveList;
const SIGNAL = new RegExp(PL.signal, "g");
/** The same, stateless, for a yes/no test. */
const HAS_SIGNAL = new RegExp(PL.signal);
const LEAD = new RegExp(PL.lead);
const SUBJECT_MODAL = new RegExp(PL.subjectModal);
const LIST_VERBS = new RegExp(PL.listVerbs);
const ELEMENT_FORM = new RegExp(PL.elementForm);
const NOT_ELEMENT = new RegExp(PL.notElement);
const PAST = new RegExp(PL.past);
const NOT_PROPOSAL = new RegExp(PL.notProposal);
/** An element that only announces the measures (「探索X的有效路径」). */
export const UMBRELLA_ELEMENT = new RegExp(PL.umbrellaElement);
const AUTHORITY = new RegExp(PL.authority);
const BACK_REFERENCE = new RegExp(PL.backReference);
const MIN_PRESCRIBING: number = PL.minPrescribing;
const MIN_PRESCRIBING_TO_SPLIT: number = raw.measureElements.minPrescribingToSplit;
const PARALLEL_HEADS = "parallel paragraph heads";
/** An element longer than this is a sentence of its own, not a list element. */
const MAX_ELEMENT = 48;

interface Run {
  span: Span;
  prescribing: number;
  elements: number;
  signal: string;
}

export const prescriptiveList: Shape<Run> = {
  id: "prescriptive-list",
  description: "a prose list of prescribing verb-object elements after a forward-looking signal: 应A，加强B，完善C",
  detect(ctx) {
    const out: Run[] = [];
    const { start, end } = ctx.segment.span;
    // A sentence broken by a hard wrap reads as one (the break as a space).
    const text = ctx.unwrapped({ start, end });
    const heads = parallelHeads(ctx);
    pushAll(out, heads);
    // A paragraph whose head was taken (「坚持X。农商银行应A，B。」) explains that head in the rest of its line, as an item's
    // text explains its heading: the rest proposes nothing of its own, unless a sentence of it turns to the problems it
    // targets (「针对A等问题，要B，C。」: remedies of their own).
    const headBodies = headLineRests(ctx.text, heads, end);
    const headStarts = new Set(heads.map((h) => h.span.start));
    let previous = "";
    for (const sm of text.matchAll(/[^。!?！？\n]+/g)) {
      const at = start + (sm.index ?? 0);
      const sentence = sm[0];
      // 「…全会提出了“…”的要求。这就要求我们A，B」: a sentence that refers back to an authority's words restates them.
      const restates = BACK_REFERENCE.test(sentence) && (AUTHORITY.test(previous) || POLARITY.authoritySpeech.test(previous));
      previous = sentence;
      if (restates || headStarts.has(at) || (inHeadBody(headBodies, at) && !/^\s*针对/.test(sentence))) continue;
      // 「…存在的问题：如A还需进一步落实；B尚需加强；…」: a sentence that announces its problems lists findings, not measures.
      if (POLARITY.umbrellaListLead.test(sentence)) continue;
      const run = runIn(ctx, sentence, at);
      if (run) out.push(run);
    }
    return out;
  },
  take(ctx, run) {
    if (ctx.overlapsClaimed(run.span)) return;
    const detail = `${run.prescribing} of ${run.elements} elements prescribe, after "${run.signal}"`;
    // One measure per element where each element is a measure of its own (measure-elements.ts), else the run;
    // a paragraph's parallel head (「把握A，提高B。」) is read as one heading, and a run of two prescribing
    // elements is too weak a list to split (measureElements.minPrescribingToSplit).
    // A run of ；-parts (「…要A；…要B；…要C」) is a list however few of its elements prescribe by their verbs.
    const semicolons = /[;；]/.test(ctx.text.slice(run.span.start, run.span.end));
    // A weak run still splits when its elements are a 、 list of that many measures (「通过强化A、加速B、锻造C来…」).
    let elements = run.signal === PARALLEL_HEADS ? null : measureElements(ctx.text, run.span);
    if (elements && run.prescribing < MIN_PRESCRIBING_TO_SPLIT && !semicolons && !(elements.length >= MIN_PRESCRIBING_TO_SPLIT && commaFree(ctx.text, elements))) elements = null;
    addMeasureRun(ctx, run.span, elements, "prescriptive-list", detail, "of a run: ", 0.55);
  },
};

/** The rest of each head's line after it, in text order, the line ends found in one pass over the text. */
function headLineRests(text: string, heads: readonly Run[], end: number): Span[] {
  const out: Span[] = [];
  let newline = -1;
  for (const h of [...heads].sort((a, b) => a.span.start - b.span.start)) {
    if (newline < h.span.end) {
      const k = text.indexOf("\n", h.span.end);
      newline = k < 0 || k > end ? end : k;
    }
    out.push({ start: h.span.end, end: newline });
  }
  return out;
}

/** Whether `at` lies in one of the spans (in order, not overlapping but for shared line ends): a binary search. */
function inHeadBody(bodies: readonly Span[], at: number): boolean {
  const k = firstAbove(bodies, at, (b) => b.start) - 1;
  return k >= 0 && at < bodies[k]!.end;
}

/** Whether the elements are parts of one 、 list (no comma between any two of them). */
function commaFree(text: string, elements: Span[]): boolean {
  return elements.every((e, i) => i === 0 || !/[,，]/.test(text.slice(elements[i - 1]!.end, e.start)));
}

/** The run of prescribing elements of one sentence, or null. */
function runIn(ctx: ClassifyContext, sentence: string, at: number): Run | null {
  if (ctx.skipped(at)) return null;
  // A sentence a statement was taken from is read no further, except for parallel list forms (below) before
  // the taken part (「以A为目标完善B，…，以E为重点提升F，解决G、H」: G and H were taken as problems).
  const claimed = ctx.overlapsClaimed({ start: at, end: at + sentence.length });
  // Practices, situations, problems and causes are described, not proposed.
  if (ctx.sectionAt(at, ["practice", "situation", "problem", "cause"]) !== null) return null;
  // 「要搞好新形势下的X，必须A，B」 in the introduction of a report with sections, before any problem, states the
  // principles it writes under, not its proposals (an abstract, 摘要：…, still proposes).
  const first = ctx.firstProblem();
  if (ctx.sections.length > 0 && !ctx.sections.some((s) => s.span.start <= at) && (first === null || first > at) && !inAbstract(ctx, at)) return null;
  if (ctx.inQuotedAuthority(at)) return null;
  if (POLARITY.activityReport.test(sentence) || PAST.test(sentence) || NOT_PROPOSAL.test(sentence)) return null;
  const starts: { from: number; signal: string }[] = [];
  // 「针对A、B等问题，要C，D」: the problems taken end just before the signal (a closer and a comma between); the run
  // after it is still read.
  const takenUpTo = claimed ? ctx.statements.reduce((m, st) => (st.span.start < at + sentence.length && at < st.span.end ? Math.max(m, st.span.end) : m), at) - at : 0;
  for (const m of sentence.matchAll(SIGNAL)) {
    // (「…等三项问题，因此，石化企业需要A，B」: a turn word and a subject may stand between.)
    if (claimed && ((m.index ?? 0) < takenUpTo || !/^[^,，。;；]{0,8}[,，]\s*(?:(?:因此|为此|所以|对此)[,，]\s*[^,，。;；]{0,12})?$/.test(sentence.slice(takenUpTo, m.index ?? 0)))) continue;
    const before = sentence.slice(0, m.index ?? 0);
    // The authority's words (「总书记…强调，要…」, 「十九大报告明确提出…」) are not the report's proposal.
    if (POLARITY.authoritySpeech.test(before) || AUTHORITY.test(before + m[0])) return null;
    // Nor is a modal inside an open quotation.
    if ((before.match(/[“「]/g)?.length ?? 0) > (before.match(/[”」]/g)?.length ?? 0)) continue;
    starts.push({ from: (m.index ?? 0) + m[0].length, signal: m[0] });
  }
  if (!claimed && ctx.sectionAt(at, ["measure"]) !== null) starts.push({ from: 0, signal: "measure section" });
  // 「以A为目标完善B，以C为基础提升D，以E为重点健全F」: three list forms in a row propose with no signal word.
  if (starts.length === 0) {
    const parallel = parallelForms(sentence);
    if (parallel !== null) starts.push({ from: parallel, signal: PARALLEL_FORMS });
  }
  for (const { from, signal } of starts) {
    const run = runFrom(sentence, at, from, signal);
    if (run) return run;
  }
  return null;
}

/** The signal of a run that opens with parallel list forms (以A为B…) and no signal word. */
const PARALLEL_FORMS = "parallel 以…为 forms";

/**
 * Offset of the first of three or more elements in a row that each open with a list form 以A为B (`elementForm`)
 * followed by a verb of their own, or null.
 */
function parallelForms(sentence: string): number | null {
  if (sentence.indexOf("以") < 0) return null;
  const elements = elementsOf(sentence, 0);
  let row = 0;
  for (let i = 0; i < elements.length; i++) {
    const body = sentence.slice(elements[i]!.start, elements[i]!.end).trim();
    const form = /^以/.test(body) ? ELEMENT_FORM.exec(body) : null;
    row = form && body.length - form[0].length >= 4 ? row + 1 : 0;
    if (row === 3) return elements[i - 2]!.start;
  }
  return null;
}

/** The run of a sentence read from one signal on, or null. */
function runFrom(sentence: string, at: number, from: number, signal: string): Run | null {
  // What the sentence says from its signal on: an achievement or a significance is no proposal.
  const proposal = sentence.slice(from);
  if (POLARITY.achievementInSentence.test(proposal) || POLARITY.notProposal.test(proposal)) return null;
  // 着力 is no modal: 「这项探索…着力构建A、B，…切实保证了C」 tells what a practice did, its result after it.
  if (/^着力/.test(signal) && POLARITY.perfective.test(proposal)) return null;
  const elements = elementsOf(sentence, from);
  // 「要解决这个问题，必须A，B，C」: a first element that only names the problems to solve is the purpose of the
  // run that a later signal opens.
  if (elements[0] && POLARITY.solveThem.test(sentence.slice(elements[0].start, elements[0].end).trim())) return null;
  // 「…组织生活需加强，…」: a signal before a bare verb is a wish about something, not a list.
  const head = elements[0] ? sentence.slice(elements[0].start, elements[0].end).replace(LEAD, "") : "";
  if (head.length < MIN_CLAUSE || isNegative(head)) return null;
  // In a measure section with no signal, the list must open with a prescription itself.
  if (from === 0 && !prescribesAsElement(head)) return null;
  // 「应以A思维B，以C思维D，以E思维F」: three or more elements that open as the first one does prescribe whatever
  // their verbs (the parallelism is the evidence, as in inline-measures).
  const opener = POLARITY.parallelOpener.exec(head.trim())?.[0];
  let parallel = 0;
  if (opener) while (parallel < elements.length && sentence.slice(elements[parallel]!.start, elements[parallel]!.end).trim().startsWith(opener)) parallel++;
  if (parallel < 3) parallel = 0;
  // A run opened by parallel list forms alone is those forms (「…，解决A、B等问题」 after them is their purpose).
  if (signal === PARALLEL_FORMS) elements.length = Math.min(elements.length, parallel);
  let prescribing = 0;
  let lastPrescribing = -1;
  const flags: boolean[] = [];
  for (let i = 0; i < elements.length; i++) {
    const el = elements[i]!;
    const body = sentence.slice(el.start, el.end);
    // A purpose clause ends the list (「…，为X提供保障」), as does what was done or a shortfall.
    if (i > 0 && (POLARITY.purposeLead.test(body.trim()) || POLARITY.perfective.test(body) || isNegative(body))) break;
    if (el.end - el.start > MAX_ELEMENT) break;
    const p = i < parallel || prescribesAsElement(body);
    flags.push(p);
    if (p) {
      prescribing++;
      lastPrescribing = i;
    }
  }
  if (prescribing < MIN_PRESCRIBING) return null;
  // The element that holds the signal opens the run (「应抓住A，进一步B，深入C」: 抓住A is prescribed by 应).
  const counted = flags.slice(0, lastPrescribing + 1);
  const share = (counted.filter(Boolean).length + (counted[0] ? 0 : 1)) / counted.length;
  if (share < 0.5) return null;
  const span = { start: at + elements[0]!.start, end: at + elements[lastPrescribing]!.end };
  if (span.end - span.start < MIN_CLAUSE) return null;
  return { span, prescribing, elements: counted.length, signal };
}

/** Whether one list element prescribes: after its lead (connective, subject and modal), a verb or a list form. */
export function prescribesAsElement(element: string): boolean {
  const body = element.trim().replace(LEAD, "").trim();
  if (body.length < MIN_CLAUSE || NOT_ELEMENT.test(body) || UMBRELLA_ELEMENT.test(body)) return false;
  if (prescribesBody(body)) return true;
  // 「各级党组织应加大A」: the subject and its modal lead the verb.
  const subject = SUBJECT_MODAL.exec(body);
  return subject !== null && prescribesBody(body.slice(subject[0].length));
}

function prescribesBody(body: string): boolean {
  if (body.length < 2 || NOT_ELEMENT.test(body)) return false;
  return polarityOf(body) === "prescription" || POLARITY.listPrescription.test(body) || LIST_VERBS.test(body) || ELEMENT_FORM.test(body);
}

/**
 * Elements of a sentence from an offset: split at ， ； 、 outside quotations and brackets; a 、 part that
 * does not prescribe joins the element before it (「进一步总结、提炼、推广A」 is one element).
 * Offsets are relative to the sentence, leading spaces and the lead of the first element excluded.
 */
function elementsOf(sentence: string, from: number): Span[] {
  const parts: { span: Span; sep: string }[] = [];
  let depth = 0;
  let s = from;
  let sep = "";
  for (let i = from; i <= sentence.length; i++) {
    const ch = sentence[i] ?? "";
    if ("“「《（(【".includes(ch) && ch !== "") depth++;
    else if ("”」》）)】".includes(ch) && ch !== "") depth = Math.max(0, depth - 1);
    const cut = i === sentence.length || (depth === 0 && /[,，;；、]/.test(ch));
    if (!cut) continue;
    if (i > s) parts.push({ span: { start: s, end: i }, sep });
    sep = ch;
    s = i + 1;
  }
  const out: Span[] = [];
  for (const part of parts) {
    const body = sentence.slice(part.span.start, part.span.end);
    const prev = out[out.length - 1];
    if (prev && part.sep === "、" && !prescribesAsElement(body)) {
      prev.end = part.span.end;
      continue;
    }
    // 「建议：A；B」: the colon after the signal is no part of the first element.
    const lead = body.length - body.replace(/^[\s:：]+/, "").length;
    out.push({ start: part.span.start + lead, end: part.span.start + body.trimEnd().length });
  }
  return out.filter((e) => e.end > e.start);
}

/** Longest paragraph head of one phrase read as a measure heading (「健全“A+B”责任体系」). */
const MAX_SINGLE_HEAD = 20;

/**
 * Paragraphs that open with a prescriptive list (「把握A这个重点，提高B。正文…」) in two or more consecutive
 * paragraphs: the parallel heads are the signal that no heading or announcement gives. Every element of each
 * head prescribes (two or more), and the bodies propose (a modal or another signal in at least half of them)
 * rather than report (no perfective verb or achievement in a head). Heads of one prescribing phrase each
 * (「健全A体系。针对B等问题，要…」) count only in a row of three or more whose every body proposes.
 */
function parallelHeads(ctx: ClassifyContext): Run[] {
  const out: Run[] = [];
  let group: { run: Run; proposes: boolean; single: boolean }[] = [];
  const flush = () => {
    // Heads of one prescribing phrase each (「健全A体系。针对B等问题，要…」) are measure headings with no cue word
    // only in a row of three or more whose every body proposes.
    const singles = group.some((g) => g.single);
    const enough = singles ? group.length >= 3 && group.every((g) => g.proposes) : group.length >= 2 && group.filter((g) => g.proposes).length * 2 >= group.length;
    if (enough) pushAll(out, group.map((g) => g.run));
    group = [];
  };
  for (const { text, start } of ctx.textLinesIn(ctx.segment.span)) {
    if (!text) continue;
    const head = /^[^。!！?？]+(?=。)/.exec(text)?.[0] ?? "";
    const free = head.length > 0 && !ctx.skipped(start) && !ctx.overlapsClaimed({ start, end: start + head.length })
      && ctx.sectionAt(start, ["practice", "situation", "problem", "cause"]) === null;
    const elements = free && head.length <= 2 * MAX_ELEMENT ? elementsOf(head, 0) : [];
    const single = elements.length === 1 && head.length <= MAX_SINGLE_HEAD;
    const all = (elements.length >= MIN_PRESCRIBING || single) && elements.every((e) => prescribesAsElement(head.slice(e.start, e.end)))
      && !POLARITY.perfective.test(head) && !POLARITY.achievementInSentence.test(head);
    if (!all) {
      flush();
      continue;
    }
    const body = text.slice(head.length + 1);
    const proposes = HAS_SIGNAL.test(body);
    group.push({ run: { span: { start, end: start + head.length }, prescribing: elements.length, elements: elements.length, signal: PARALLEL_HEADS }, proposes, single });
  }
  flush();
  return out;
}
