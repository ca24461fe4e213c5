/*
 * Shape "closing-measures": measures in an unnumbered paragraph after the problems, opened by a
 * turn to remedies (「针对以上问题，…应…」, 「为此，…要…」, 「综上所述，…」). Each sentence or
 * clause that prescribes (要/应/加强/健全 …) is one measure; so is each 首先/其次 step inside it.
 */
import type { Span } from "../../types.ts";
import { type ClassifyContext, MIN_CLAUSE } from "../context.ts";
import { isNegative, POLARITY, polarityOf } from "../polarity.ts";
import { measuresMayStand } from "./polarity-list.ts";
import type { Shape } from "./types.ts";

export const closingMeasures: Shape<Span> = {
  id: "closing-measures",
  description: "an unnumbered closing paragraph after the problems that turns to remedies: 针对以上问题，…应…",
  detect(ctx) {
    const out: Span[] = [];
    let previous = "";
    for (const { text, start } of ctx.paragraphLines()) {
      const before = previous;
      if (text) previous = text;
      if (!text || ctx.skipped(start)) continue;
      // The cheap test first: few lines open with a turn to remedies. Nothing below changes the report, so
      // the order of the tests does not matter (measuresMayStand, whose first call fixes the first prose
      // problem for the report, has no caller after this shape).
      if (!POLARITY.closingMeasureLead.test(text)) continue;
      // The last item of a problem list runs on to the section's end; a closing turn there is still its own paragraph.
      const taken = ctx.statements.some((st) => st.textSpan.start < start + text.length && st.textSpan.end > start);
      if (taken || ctx.sectionAt(start, ["measure"]) !== null) continue;
      // Problems stated only in prose (read by prose-problems, which runs last) count when the paragraph before says a shortfall.
      const problemsBefore = measuresMayStand(ctx, start) || (ctx.firstProblem() === null && isNegative(before) && ctx.sectionAt(start, ["practice", "situation"]) === null);
      if (problemsBefore) out.push({ start, end: start + text.length });
    }
    return out;
  },
  take: (ctx, para) => takeClosing(ctx, para, "closing-measures", "a closing paragraph"),
};

/**
 * Shape "closing-turn": 「…等问题。为此，要…」 — an abstract or a paragraph that states the problems and
 * turns to remedies in a later sentence of the same line; the rest of the line from the turn
 * (POLARITY.closingMeasureTurn) is read as a closing paragraph. Runs after inline-measures, which reads
 * a list inside such a sentence (「对此，应从A、B、C等方面…」) more finely.
 */
export const closingTurn: Shape<Span> = {
  id: "closing-turn",
  description: "a turn to remedies inside a line, after the problems: …等问题。为此，要…",
  detect(ctx) {
    const out: Span[] = [];
    for (const { text, start } of ctx.paragraphLines()) {
      if (!text || ctx.skipped(start)) continue;
      const turn = midLineTurn(ctx, text, start);
      if (turn !== null) out.push({ start: turn, end: start + text.length });
    }
    return out;
  },
  take: (ctx, para) => takeClosing(ctx, para, "closing-turn", "a closing turn inside a line"),
};

/** Each prescribing sentence or clause of a closing paragraph is one measure. */
function takeClosing(ctx: ClassifyContext, para: Span, id: string, where: string) {
  let index = 0;
  for (const clause of sentences(ctx.text, para)) {
    // The turn itself ("针对以上问题，") and an ordinal word are no part of the measure.
    let s = clause.start;
    // 「二是坚持…」: the step's own marker is no part of the measure either.
    const step = /^([一二三四五六七八九十]是|(首先|其次|再次|最后)是)/.exec(ctx.text.slice(s, clause.end));
    if (step) s += step[0].length;
    const head = ctx.text.slice(s, clause.end);
    const turn = /^(针对|为此|对此|因此|鉴于|为解决|要解决|综上所述|综上|总之|首先|其次|再次|最后|第[一二三四五六七八九十]|在?(?:今后|以后|下一步)的?工作中|下一步(?=[,，])|以上|上述|(?:调研组|课题组|调查组|笔者|我们)(?:认为|建议))[^,，。]{0,24}?[,，]/.exec(head);
    if (turn && !/^(要|应|必须)/.test(head)) s += turn[0].length;
    // 「…，田书记强调，各企业要…」: who speaks is no part of the measure.
    const speaker = /^[^,，。]{1,12}(?:强调|指出|要求|表示)[,，:：]/.exec(ctx.text.slice(s, clause.end));
    if (speaker) s += speaker[0].length;
    // "社区党委应建立…": the measure starts at the modal verb after its subject (not at the 要 of 只要, 主要, 重要).
    const modal = /^[^,，。]{0,16}?(?<![只主重])(?=(应当?|要|必须|需要?|建议)[\u4e00-\u9fff])/.exec(ctx.text.slice(s, clause.end));
    if (modal && modal[0].length > 0 && !/^(要|应|必须|需|建议)/.test(ctx.text.slice(s, clause.end))) s += modal[0].length;
    // 「我们将着手A」, 「党委将继续B」: a planned action is a measure from its verb on.
    const planned = POLARITY.plannedAction.exec(ctx.text.slice(s, clause.end));
    if (planned) s += planned[0].length;
    // 「将着手建立A」: the measure is what is set about.
    if (planned && ctx.text.startsWith("着手", s) && POLARITY.prescription.test(ctx.text.slice(s + 2, clause.end))) s += 2;
    // 「同时也使A难度更大，这就需要B」: what the cue says is needed is the measure.
    const cue = planned ? null : POLARITY.singleMeasureCue.exec(ctx.text.slice(s, clause.end));
    if (cue) s += (cue.index ?? 0) + cue[0].length;
    const body = ctx.text.slice(s, clause.end);
    // A clause opening with a modal or a prescribing verb prescribes even when it names what it remedies
    // (「应选派干部到薄弱村」, 「建议在人口较少的地方…」).
    if (body.length < MIN_CLAUSE || (!planned && !cue && polarityOf(body) !== "prescription" && !POLARITY.modalPrescription.test(body) && !POLARITY.prescription.test(body.trim()))) continue;
    // 「我们要提出以下对策和建议」 announces the measures; it is none of them.
    if (POLARITY.measureAnnouncement.test(body)) continue;
    // 「我们认为可从下列几方面改进X：」 promises the list that follows; it is none of its items.
    if (POLARITY.measurePromise.test(body)) continue;
    // 「需立足现有问题，进行全方位分析」 announces an analysis; it proposes nothing.
    if (POLARITY.analysisClause.test(body)) continue;
    // 「…，对于推动A、满足B都有着重要的意义」 states a significance; it proposes nothing.
    if (POLARITY.notProposal.test(body)) continue;
    index++;
    // 「院党委将着手建立A，明确B，提升C」: three or more actions side by side, each opening with its verb, are one measure each.
    const actions = listedActions(ctx.text, { start: s, end: clause.end });
    // On a page cut off mid-sentence, the last action runs into the cut: it says nothing whole.
    if (actions.length > 0 && ctx.segment.truncated && ctx.text.slice(actions[actions.length - 1]!.end, ctx.segment.span.end).trim() === "") actions.pop();
    if (actions.length > 0) {
      actions.forEach((a, k) => ctx.add({ kind: "measure", textSpan: a, span: para, rule: { id, detail: `sentence ${index} of ${where} > action ${k + 1}/${actions.length}` }, confidence: 0.6 }));
      continue;
    }
    ctx.add({ kind: "measure", textSpan: { start: s, end: clause.end }, span: para, rule: { id, detail: `sentence ${index} of ${where}` }, confidence: 0.6 });
  }
}

/** Fewest comma parts read as a list of actions (two are an action and its purpose as often as two actions). */
const MIN_ACTIONS = 3;

/**
 * The comma parts of a measure clause when each opens with a prescribing verb and at least MIN_ACTIONS of them are
 * no frame (「采取有效措施」); [] otherwise.
 */
function listedActions(text: string, span: Span): Span[] {
  const out: Span[] = [];
  for (const m of text.slice(span.start, span.end).matchAll(/[^,，]+/g)) {
    const lead = m[0].length - m[0].trimStart().length;
    const part = m[0].trim();
    if (part.length < MIN_CLAUSE || !POLARITY.prescription.test(part)) return [];
    // 「应该采取有效措施，」 frames the actions after it; it is none of them.
    if (POLARITY.measureAnnouncement.test(part)) continue;
    const a = span.start + (m.index ?? 0) + lead;
    out.push({ start: a, end: a + part.length });
  }
  return out.length >= MIN_ACTIONS ? out : [];
}

/**
 * Offset of a turn to remedies (POLARITY.closingMeasureTurn) opening a sentence inside a line, when no
 * statement was taken from the line after it and the problems come first (a found problem before it,
 * or a turn that names them: 「针对上述问题」); null otherwise.
 */
function midLineTurn(ctx: ClassifyContext, text: string, start: number): number | null {
  for (const m of text.matchAll(/[。;；!！]\s*/g)) {
    const at = (m.index ?? 0) + m[0].length;
    const from = start + at;
    const rest = text.slice(at);
    // 「…等问题。因此，需要A，B」 in a problem section's paragraph turns to remedies as well.
    const turn = POLARITY.closingMeasureTurn.exec(rest) ?? (ctx.sectionAt(from, ["problem"]) !== null ? POLARITY.problemSectionTurn.exec(rest) : null);
    if (!turn) continue;
    if (ctx.claimed(from) || ctx.statements.some((st) => st.textSpan.end > from && st.textSpan.start < start + text.length)) return null;
    if (ctx.sectionAt(from, ["practice", "situation"]) !== null) return null;
    // The problems come first: found already, named by the turn, or stated earlier on the line.
    const first = ctx.firstProblem();
    if ((first !== null && first < from) || /问题|不足|困难|短板|矛盾/.test(turn[0]) || isNegative(text.slice(0, at))) return from;
  }
  return null;
}

/** Sentences of a paragraph (at 。 ； and before 其次/最后 steps). */
function sentences(text: string, span: Span): Span[] {
  const out: Span[] = [];
  const re = /(?:[^。;；!?！？,，]|[,，](?!\s*(?:并|同时|还要|也要|另外)))+/g;
  const slice = text.slice(span.start, span.end);
  for (const m of slice.matchAll(re)) {
    const a = span.start + (m.index ?? 0);
    const lead = m[0].length - m[0].trimStart().length;
    const b = a + m[0].trimEnd().length;
    if (b - a - lead >= MIN_CLAUSE) out.push({ start: a + lead, end: b });
  }
  return out;
}
