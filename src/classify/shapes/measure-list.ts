/*
 * Shape "measure-list": a sentence of an abstract, an introduction or a closing paragraph that names its
 * measures as a list inside a frame — 「须从A、B等方面加强…」, 「只有通过A、B、C等方面的努力，才能…」,
 * 「本文从A、B、C三个方面提出对策」, 「提出了A、B和C等对策建议」 — states one measure per listed element, each
 * with its own verbatim span (gold/NOTES.md: each element of an inline list is a statement). The measure
 * counterpart of problem-elements. A frame whose end only names aspects (等方面) counts when the rest of its
 * clause prescribes (加强, 入手, 提出…对策: not 展开探讨); when its elements are bare topics rather than
 * measures, each topic of four characters or more is one measure (「应在A、B、C等方面进行改革」), and a list of
 * shorter topics (「从制度、队伍、阵地三个方面加以改进」) gives one: the clause from the frame's lead to its end.
 * A frame after a negation (「未从A、B等方面制定措施」) states a shortfall, and a frame in a section of
 * practices, or one that reports work done (…了), proposes nothing. Frames and words in polarity.json
 * (`measureList`).
 */
import type { Span } from "../../types.ts";
import { pushAll } from "../../util/arrays.ts";
import { type ClassifyContext, collectNodes } from "../context.ts";
import raw from "../polarity.json" with { type: "json" };
import { POLARITY } from "../polarity.ts";
import { isMeasureElement, runParts, trimSpan } from "./measure-elements.ts";
import type { Shape } from "./types.ts";

const ML = raw.measureList;
const FRAMES = ML.frames.map((f) => ({ re: new RegExp(f.re, "g"), declares: f.declares, afterSignal: "afterSignal" in f && f.afterSignal === true, quoted: "quoted" in f && f.quoted === true }));
/** A signal word that makes a sentence propose (shape prescriptive-list's). */
const SIGNAL = new RegExp(raw.prescriptiveList.signal);
const ASPECT_REST = new RegExp(ML.aspectRest);
const NOT_MEASURE_REST = new RegExp(ML.notMeasureRest);
const NEGATED = new RegExp(ML.negated);
const JOINER = new RegExp(ML.joiner, "g");
const MIN_ELEMENT: number = ML.minChars;
const MAX_ELEMENT: number = ML.maxChars;
const MIN_SHARE: number = ML.minShare;

interface MeasureList {
  /** One span per measure: the elements, or the whole clause of a list of topics. */
  measures: Span[];
  detail: string;
}

export const measureList: Shape<MeasureList> = {
  id: "measure-list",
  description: "measures named as a list inside a frame: 须从A、B等方面加强…, 提出了A、B和C等对策建议",
  detect(ctx) {
    const out: MeasureList[] = [];
    for (const { text, start } of ctx.paragraphLines()) {
      // A list is split at 、, or is a run of quotations (「“A”“B”“C”」).
      if (!text || (text.indexOf("、") < 0 && !/[”"]\s*[“"]/.test(text)) || ctx.skipped(start)) continue;
      for (const sm of text.matchAll(/[^。；;!?！？]+/g)) {
        const at = start + (sm.index ?? 0);
        const found = listIn(ctx, sm[0], at);
        if (found) out.push(found);
      }
    }
    return out;
  },
  take(ctx, unit) {
    if (unit.measures.some((m) => ctx.statements.some((st) => st.textSpan.start < m.end && st.textSpan.end > m.start))) return;
    unit.measures.forEach((span, k) => {
      const detail = unit.measures.length > 1 ? `measure ${k + 1}/${unit.measures.length} of ${unit.detail}` : unit.detail;
      ctx.add({ kind: "measure", textSpan: span, span, rule: { id: "measure-list", detail }, confidence: 0.6 });
    });
  },
};

/** The measures a sentence lists inside a frame (the first frame that holds), or null. */
function listIn(ctx: ClassifyContext, sentence: string, at: number): MeasureList | null {
  // An authority's words are the setting, and a list in a section of practices reports work done.
  if (ctx.inQuotedAuthority(at) || ctx.sectionAt(at, ["practice"]) !== null) return null;
  if (POLARITY.authoritySpeech.test(sentence)) return null;
  for (const frame of FRAMES) {
    frame.re.lastIndex = 0;
    for (const m of sentence.matchAll(frame.re)) {
      const g = m.groups!;
      const from = (m.index ?? 0) + g.lead!.length;
      const to = from + g.items!.length;
      // A run of quoted slogans (「通过“A”“B”“C”加以解决」) needs no 、: its quotations are its elements.
      if (g.items!.indexOf("、") < 0 && !frame.quoted) continue;
      // Inside a measure already taken (an item and its body) the list is that measure's detail; a problem
      // taken from the same sentence (「存在A、B等问题，提出了C、D等对策」) leaves the frame free.
      const frameAt = at + (m.index ?? 0);
      if (ctx.statements.some((st) => (st.kind === "measure" && frameAt >= st.span.start && frameAt < st.span.end) || (st.textSpan.start < at + to && st.textSpan.end > frameAt))) continue;
      // 「…应A，通过B、C、D，确保…」: a formula after 通过 proposes only where the sentence has proposed before it.
      if (frame.afterSignal && !SIGNAL.test(sentence.slice(0, m.index ?? 0))) continue;
      // 「未从A、B等方面制定措施」: a shortfall, not a proposal.
      if (NEGATED.test(sentence.slice(0, m.index ?? 0))) continue;
      const clauseEnd = (() => {
        const rest = sentence.slice(to + g.end!.length);
        const stop = rest.search(/[,，]/);
        return to + g.end!.length + (stop < 0 ? rest.length : stop);
      })();
      const rest = sentence.slice(to + g.end!.length);
      if (NOT_MEASURE_REST.test(rest)) continue;
      // Work done (「从A、B等方面加强了…」) is a practice; 提出了 only reports the proposal.
      if (POLARITY.perfective.test(sentence.slice(m.index ?? 0).replace(/提出了/g, "提出"))) continue;
      if (!frame.declares && !ASPECT_REST.test(rest)) continue;
      const elements = frame.quoted ? quotedElements(ctx.text, { start: at + from, end: at + to }) : listElements(ctx.text, { start: at + from, end: at + to }, frame.declares);
      const trigger = `"${g.lead}…${g.end}"`;
      if (elements) return { measures: elements, detail: `a list of ${elements.length} measures in the frame ${trigger}` };
      // A list of topics under a frame that prescribes (「应在A、B、C等方面进行改革」): each topic of four
      // characters or more is one measure (gold/NOTES.md: an element of an inline list is a statement); shorter
      // topics (「从制度、队伍、阵地三个方面加以改进」) name no measure alone: the clause is one measure.
      if (!frame.declares) {
        // 「需要从A、B等多个方面协同发力。」 ending its paragraph right before a list taken as measures (lead-in-list)
        // announces those measures; it is none itself.
        if (announcesTakenList(ctx, at + sentence.length)) return null;
        const topics = topicElements(ctx.text, { start: at + from, end: at + to });
        if (topics) return { measures: topics, detail: `a list of ${topics.length} topics in the frame ${trigger}` };
        const lead = g.lead!.replace(/^(?:本文|文章|论文|研究|笔者|报告|课题组|我们|据此|为此|最后|进而|并|在此基础上[,，]?)(?:尝试|试图|拟|主要|分别|进一步)?/, "");
        const start = at + from - lead.length;
        return { measures: [{ start, end: at + clauseEnd }], detail: `a list of topics in the frame ${trigger}, one measure` };
      }
      return null;
    }
  }
  return null;
}

/**
 * The elements of a framed list (split at 、, the last one again at a joiner), when at least `minShare` of them
 * are measure elements (a verb and its object), or whatever they are when the frame's end declares them the
 * measures (`declared`: 「提出了A、B和C等对策建议」); a short element that is none joins the one before it
 * (「打造学习型、服务型支部」). Null for a list of topics under a frame that only names aspects.
 */
function listElements(text: string, list: Span, declared: boolean): Span[] | null {
  const spans = listParts(text, list, declared);
  if (!spans) return null;
  const flags = spans.map((s) => isMeasureElement(text.slice(s.start, s.end), true));
  const measures = flags.filter(Boolean).length;
  if (spans.length < 2 || (!declared && (measures < 2 || measures < MIN_SHARE * spans.length))) return null;
  const out: Span[] = [];
  spans.forEach((s, i) => {
    const prev = out[out.length - 1];
    if (prev && !flags[i] && s.end - s.start < MIN_ELEMENT) prev.end = s.end;
    else out.push({ ...s });
  });
  if (out.some((e) => e.end - e.start < MIN_ELEMENT || e.end - e.start > MAX_ELEMENT)) return null;
  return out;
}

/** The parts of a list split at 、 only (null when it has other separators), the last one again at a joiner. */
function listParts(text: string, list: Span, declared: boolean): Span[] | null {
  const parts = runParts(text, list);
  if (parts.some((p) => p.sep !== "" && p.sep !== "、")) return null;
  const spans = parts.map((p) => trimSpan(text, p.span));
  const last = spans.pop();
  if (!last) return null;
  pushAll(spans, splitAtJoiner(text, last, declared));
  return spans;
}

/**
 * The topics of a framed list (split at 、, the last one again at a joiner), when there are at least two and
 * each is a topic of its own (four characters or more, not over the longest element); null otherwise.
 */
function topicElements(text: string, list: Span): Span[] | null {
  const spans = listParts(text, list, true);
  if (!spans || spans.length < 2 || spans.some((e) => e.end - e.start < MIN_ELEMENT || e.end - e.start > MAX_ELEMENT)) return null;
  return spans;
}

/**
 * The last element split at a joiner (A和B) when both sides are long enough to be elements and the side after it
 * opens with its own verb (「丰富活动载体和保障工作经费」), or both are topics of a frame that declares them the
 * measures (「结构优化和经费保障等对策」); not 「选拔与培养」, nor 「创新服务和管理手段」 (one verb, two objects).
 */
function splitAtJoiner(text: string, el: Span, declared: boolean): Span[] {
  const s = text.slice(el.start, el.end);
  for (const m of s.matchAll(JOINER)) {
    const cut = m.index ?? 0;
    const a = trimSpan(text, { start: el.start, end: el.start + cut });
    const b = trimSpan(text, { start: el.start + cut + m[0].length, end: el.end });
    if (a.end - a.start < MIN_ELEMENT || b.end - b.start < MIN_ELEMENT) continue;
    const verbA = isMeasureElement(text.slice(a.start, a.end), true);
    const verbB = isMeasureElement(text.slice(b.start, b.end), true);
    // 「创新服务和管理手段」: the verb's second object, not a measure of its own.
    if (verbB || (declared && !verbA)) return [a, b];
  }
  return [el];
}

/** The quotations of a run of quoted slogans (「“党建+A”“党建+B”“党建+C”」), each one element, quotation marks left out. */
function quotedElements(text: string, list: Span): Span[] | null {
  const out: Span[] = [];
  for (const m of text.slice(list.start, list.end).matchAll(/[“"]([^“”"]+)[”"]/g)) {
    const start = list.start + (m.index ?? 0) + 1;
    out.push(trimSpan(text, { start, end: start + m[1]!.length }));
  }
  return out.length >= 3 && out.every((e) => e.end - e.start >= MIN_ELEMENT - 1 && e.end - e.start <= MAX_ELEMENT) ? out : null;
}

/** Whether the text right after `end` (past the sentence's full stop and blank space) opens a list item taken as a measure. */
function announcesTakenList(ctx: ClassifyContext, end: number): boolean {
  const next = /^[。.]?\s*/.exec(ctx.text.slice(end, end + 8))![0].length + end;
  return collectNodes(ctx.outline).some((n) => n.span.start >= next && n.span.start <= next + 4 && ctx.statements.some((st) => st.kind === "measure" && st.span.start >= n.span.start && st.span.end <= n.span.end));
}
