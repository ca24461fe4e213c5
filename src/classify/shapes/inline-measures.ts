/*
 * Shape "inline-measures": three or more measures listed inside one sentence after a turn to remedies —
 * 「要优化A、建立B、提升C」, 「亟待通过强化A、健全B」, 「从加强A，完善B等五个方面…」 — typical of
 * abstracts and conclusions. The elements must prescribe; the measure taken is the run that lists them
 * (from the first prescribing element to the last, up to a 「等…方面」 closer), one measure per run, since
 * readers quote such a sentence at varying grain (a 、 part, a clause, the whole list) and a run holds each
 * of them. A sentence that reports an achievement (取得成效, 实现了) is a practice, not a proposal. Runs
 * only in a report where no other shape found a measure.
 */
import type { Span } from "../../types.ts";
import { MIN_CLAUSE, type ClassifyContext } from "../context.ts";
import { POLARITY, polarityOf } from "../polarity.ts";
import type { Shape } from "./types.ts";
import { matchesOf } from "../../shared/regex.ts";
import { pushAll } from "../../util/arrays.ts";
import { addMeasureRun, isMeasureElement, measureElements, objectList, runParts, splitAtVerbJoiner } from "./measure-elements.ts";
import { prescribesAsElement, UMBRELLA_ELEMENT } from "./prescriptive-list.ts";

interface Enumeration {
  /** Runs of prescribing elements (a run ends at a 「等…，」 closer or the sentence end). */
  runs: Span[][];
  trigger: string;
  /** Read under a frame that declares the measures, so inside a claimed problem item too. */
  strong?: boolean;
  /** The frame declares each listed element a measure (「围绕A、B、C等提出对策」), whatever its words. */
  declared?: boolean;
  /** Each run is one measure, whole (the ；-parts of a declared list: 「建议：A、B，增强X；C、D，增强Y」). */
  whole?: boolean;
}

const MAX_ELEMENT = 40;
/** A 等 that closes a list (「…，D等」): not part of its last element. */
const CLOSING_ETC = /[,，]?\s*等\s*$/;

export const inlineMeasures: Shape<Enumeration> = {
  id: "inline-measures",
  description: "measures listed inside a sentence after 要/应/通过/从/提出: 要优化A、建立B、提升C",
  detect(ctx) {
    const out: Enumeration[] = [];
    // Prose lists of verbs are common in any report; they are the measures only where the report
    // states its measures no other way (abstracts, conclusions of short articles), or under a frame that
    // declares them the measures (POLARITY.strongMeasureFrame: 提出了以下建议：, 从…的角度，可以…).
    const measuresFound = ctx.statements.some((s) => s.kind === "measure");
    const { start, end } = ctx.segment.span;
    // A sentence broken by a hard wrap reads as one (the break as a space).
    const text = ctx.unwrapped({ start, end });
    // End of the sentence whose list was just taken: 「需要A，B，C。通过D与E，将F…」 goes on with the measures.
    let listEnd = -1;
    // End of a sentence that prescribes with a modal (「…必须与时俱进，…。如按照A设置B，依托C成立D，…」).
    let modalEnd = -1;
    for (const sm of sentencesOf(text)) {
      const sentence = sm.text;
      const at = start + sm.index;
      const follows = listEnd >= 0 && /^。\s*$/.test(ctx.text.slice(listEnd, at));
      const afterModal = modalEnd >= 0 && /^。\s*$/.test(ctx.text.slice(modalEnd, at));
      listEnd = -1;
      // 「但是也要看到，…还存在着较多的困难和问题需要解决。」 announces problems: the examples after it are no measures.
      modalEnd = POLARITY.modalSentence.test(sentence) && !POLARITY.modalStatesProblems.test(sentence) ? at + sentence.length : -1;
      // An authority's words quoted as the setting (「总书记指出，“…必须坚持…”」) prescribe nothing of the report's own.
      if (ctx.skipped(at) || ctx.inQuotedAuthority(at)) continue;
      // Examples that follow a sentence prescribing with a modal are the measures it means: one run.
      const example = follows || afterModal ? POLARITY.exampleList.exec(sentence) : null;
      if (example && sentence.split(/[,，;；]/).length >= 3 && !POLARITY.perfective.test(sentence) && !POLARITY.achievementInSentence.test(sentence) && !ctx.claimed(at)) {
        const from = at + (example.index ?? 0) + example[0].length;
        const rest = ctx.text.slice(from, at + sentence.length);
        const body = rest.replace(CLOSING_ETC, "").trimEnd();
        out.push({ runs: [[{ start: from, end: from + body.length }]], trigger: `${example[0].trim()} after a prescription` });
        continue;
      }
      const means = follows ? POLARITY.meansContinuation.exec(sentence) : null;
      if (means && !POLARITY.perfective.test(sentence) && !POLARITY.achievementInSentence.test(sentence) && !ctx.claimed(at)) {
        const from = at + (means.index ?? 0) + means[0].length;
        out.push({ runs: [[{ start: from, end: at + sentence.trimEnd().length }]], trigger: `${means[0].trim()} after a list of measures` });
        continue;
      }
      // 「…提出了以下建议：A；B。并鼓励C，如…」: a sentence joined by 并/同时 adds one more measure.
      const more = follows ? POLARITY.listContinuation.exec(sentence) : null;
      if (more && !POLARITY.perfective.test(sentence)) {
        const from = at + (more.index ?? 0) + more[0].length;
        const rest = ctx.text.slice(from, at + sentence.length);
        const body = rest.slice(0, /[,，]\s*(如|例如|比如)/.exec(rest)?.index ?? rest.length).trimEnd();
        if (polarityOf(body) === "prescription" && !ctx.statements.some((st) => st.textSpan.start < from + body.length && st.textSpan.end > from)) {
          out.push({ runs: [[{ start: from, end: from + body.length }]], trigger: `${more[0].trim()} after a list of measures`, strong: true });
          continue;
        }
      }
      // 「提出A，B，C三条路径」, 「提出了…框架：A，B，C」, 「提出…的建议，即A，B，C」, 「从A，B，C提出…对策」: the sentence declares its list the proposals,
      // even where it also names the problems (the problems before the frame stay theirs) or other measures were found.
      const proposal = ctx.claimed(at) && ctx.inStatementSection(at) ? null : proposalList(ctx, sentence, at);
      if (proposal) {
        out.push({ runs: proposal.parts.map((p) => [p]), trigger: "提出 frame", strong: true, whole: proposal.whole });
        listEnd = at + sentence.length;
        continue;
      }
      // A frame that declares its list the measures (below) holds even inside the body of a problem item or
      // section (「…等问题。…提出了以下建议：A；B」); the looser triggers read only unclaimed prose.
      const strongFrame = POLARITY.strongMeasureFrame.test(sentence);
      if (measuresFound && !strongFrame) continue;
      const open = !ctx.claimed(at) && !ctx.inStatementSection(at);
      const strong = !open;
      const inStatement = ctx.statements.some((st) => st.textSpan.start < at + sentence.length && st.textSpan.end > at);
      if (!open && (inStatement || !strongFrame)) continue;
      // 「从A的角度，可以B、C、D等，便于E」: what the report says one can do from that angle is one measure.
      const angle = POLARITY.angleFrame.exec(sentence);
      if (angle) {
        const from = at + (angle.index ?? 0) + angle[0].length;
        const rest = ctx.text.slice(from, at + sentence.length);
        if (POLARITY.perfective.test(rest)) continue;
        const stop = POLARITY.angleStop.exec(rest);
        const body = rest.slice(0, stop ? stop.index : rest.length).replace(CLOSING_ETC, "").trimEnd();
        if (body.length >= MIN_CLAUSE) out.push({ runs: [[{ start: from, end: from + body.length }]], trigger: angle[0].slice(-12), strong });
        continue;
      }
      // 「通过A，实现B；通过C，实现D；…」: each ；-part that opens with its means and says what it achieves is one measure.
      const semis = sentence.split(/[;；]/);
      if (semis.length >= 2 && semis.every((p) => POLARITY.meansPart.test(p)) && !POLARITY.perfective.test(sentence)) {
        const runs = semicolonParts(ctx.text, at, at + sentence.length);
        if (runs.length >= 2) {
          out.push({ runs, trigger: `通过…，实现…； (${runs.length} parts)`, declared: true, whole: true });
          continue;
        }
      }
      // 「笔者认为，应当A，…；应B，…；应C，…」: each ；-part that opens with a modal states one measure, its first clause
      // (what follows in the part says how).
      const modals = semis.length >= 3 ? semis.map((p) => POLARITY.modalPart.exec(p)) : [];
      if (modals.length >= 3 && modals.every((m) => m !== null) && !POLARITY.perfective.test(sentence)) {
        const runs: Span[][] = [];
        let offset = 0;
        for (const [k, part] of semis.entries()) {
          // The part's own measure starts at its modal (after a lead such as 笔者认为，).
          const m = modals[k]!;
          const lead = m[0].length - m.groups!.modal!.length;
          const clause = part.slice(lead).search(/[，,]/);
          const end = clause < 0 ? part.trimEnd().length : lead + clause;
          if (end - lead >= MIN_CLAUSE) runs.push([{ start: at + offset + lead, end: at + offset + end }]);
          offset += part.length + 1;
        }
        if (runs.length >= 3) {
          out.push({ runs, trigger: `应…；应…；应… (${runs.length} parts)`, declared: true, whole: true });
          continue;
        }
      }
      // 「从A，实现B；C，促进D；…等，给出了…对策」: each ；-part of the list the frame declares is one measure, whole.
      const parts = POLARITY.measureFrameParts.exec(sentence);
      if (parts?.groups?.items) {
        // The list starts after the last 从 / 围绕 before its first ；(「文章从A入手，…，同时从B，C；D…」).
        const items = parts.groups.items;
        const listAt = at + (parts.index ?? 0) + parts[0].indexOf(items);
        const runs = semicolonParts(ctx.text, listAt + lastFrameWord(items.slice(0, items.search(/[;；]/))), listAt + items.length);
        if (runs.length >= 3) {
          out.push({ runs, trigger: `从…；…等提出 (${runs.length} parts)`, declared: true, whole: true });
          continue;
        }
      }
      // 「从A、B、C等方面提出了…措施」: the frame says the list is the measures, whatever its verbs.
      const frame = POLARITY.measureFrame.exec(sentence);
      if (frame?.groups?.items) {
        // The list starts after the frame word (从, 围绕), the last one when the sentence names another angle first
        // (「文章从A、B分析，从C、D、E等方面探析了…途径」).
        const whole = frame.groups.items;
        const restart = lastFrameWord(whole);
        const items = whole.slice(restart);
        const count = items.split(/[、,，]/).length;
        if (count >= 3) {
          const lead = items.length - items.trimStart().length;
          const itemsAt = at + (frame.index ?? 0) + frame[0].indexOf(whole) + restart;
          out.push({ runs: [[{ start: itemsAt + lead, end: itemsAt + items.trimEnd().length }]], trigger: `从…方面提出 (${count} parts)`, declared: true });
          continue;
        }
      }
      // 「A、B、C和D则是推动X的有效措施」: the sentence declares the list before it the measures.
      const declared = POLARITY.measureDeclaredAfter.exec(sentence);
      if (declared?.groups?.items) {
        const items = declared.groups.items;
        // 「A、B和C」: 和 parts two elements only before a second prescription (「以适当形式和方式扩大X」 is one).
        const parts = items.split(/[、,，]/).flatMap((p) => {
          const j = p.search(/和(?=[\u4e00-\u9fff]{4})/);
          return j > 0 && prescribes(p.slice(j + 1)) ? [p.slice(0, j), p.slice(j + 1)] : [p];
        }).filter((p) => p.trim().length >= 2);
        if (parts.length >= 3 && parts.filter((p) => prescribes(p)).length >= 0.6 * parts.length) {
          // (After a lead such as 研究认为，, which is no part of the list.)
          const from = at + declared.index + declared[0].indexOf(items) + items.length - items.trimStart().length;
          out.push({ runs: [[{ start: from, end: from + items.trim().length }]], trigger: `…是…措施 (${parts.length} parts)`, strong });
          continue;
        }
      }
      // 「提出以A、B、C三大要素…」: the count closes the list of measures (noun pairs, no verbs).
      const counted = POLARITY.measureCountFrame.exec(sentence);
      if (counted?.groups?.items && counted.groups.items.split(/[、,，]/).length >= 3) {
        const from = at + (counted.index ?? 0) + counted[0].indexOf(counted.groups.items);
        out.push({ runs: [[{ start: from, end: from + counted.groups.items.length }]], trigger: `提出以…要素 (${counted.groups.items.split(/[、,，]/).length} parts)`, strong });
        continue;
      }
      // 「提出了以下意见和建议：A；B；C」: each ；-part after the colon is one measure.
      const colon = POLARITY.measureColonLeadIn.exec(sentence);
      if (colon && !POLARITY.achievementInSentence.test(sentence.slice(0, colon.index))) {
        const runs = semicolonParts(ctx.text, at + (colon.index ?? 0) + colon[0].length, at + sentence.length);
        if (runs.length >= 2) {
          out.push({ runs, trigger: colon[0], strong, whole: true });
          listEnd = at + sentence.length;
          continue;
        }
      }
      if (POLARITY.achievementInSentence.test(sentence) || POLARITY.notProposal.test(sentence)) continue;
      // A list in a section of practices (主要做法) reports what was done, whatever its frame (「党委提出要A，B，C」).
      if (ctx.sectionAt(at, ["practice"]) !== null) continue;
      // An account of the inquiry (「4月21日…调研组…」) reports what was done; it proposes nothing.
      if (POLARITY.activityReport.test(sentence)) continue;
      for (const tm of matchesOf(POLARITY.measureEnumerationTrigger, sentence)) {
        const from = (tm.index ?? 0) + tm[0].length;
        // A modal inside an open quotation (「报告指出：“…必须坚持A，坚持B」) is the quoted text's, not the report's.
        const before = sentence.slice(0, tm.index ?? 0);
        if ((before.match(/[“「]/g)?.length ?? 0) > (before.match(/[”」]/g)?.length ?? 0)) continue;
        // Nor is a cue inside a document's name (「《…的建议》强调」), or what a higher document or congress proposed
        // (「党的二十大报告就…提出“…”」, 「印发了《…意见》，对…提出了更高的要求」): the setting, not the report's measures.
        if ((before.match(/《/g)?.length ?? 0) > (before.match(/》/g)?.length ?? 0)) continue;
        // (So is the modal of 「…文件提出要A，B」, right after the authority's 提出.)
        if ((/^(提出|建议)/.test(tm[0]) || /(提出|要求)$/.test(before)) && POLARITY.authorityProposal.test(before)) continue;
        // A list that reports work done (「聚焦A，整合B，走出了一条…」) is a practice, whatever its verbs.
        if (POLARITY.perfective.test(sentence.slice(from))) continue;
        // So is a modal after an authority's words (「总书记…指出，要…」), quoted without marks.
        if (POLARITY.authoritySpeech.test(before)) continue;
        // A modal inside a list of problems (「发现了一些薄弱环节，如A；B等需要进一步充实；…」) says what falls short.
        const problemLead = POLARITY.umbrellaListLead.exec(sentence);
        if (problemLead && problemLead.index < (tm.index ?? 0)) continue;
        // A bare 通过 (「通过A、B、C等措施，推动…」, the closer declares the means) proposes nothing in a
        // section that reports what was done or how things stand.
        if (tm[0] === "通过" && ctx.sectionAt(at, ["practice", "situation"]) !== null) continue;
        // 「提出了建设X必须做到A、B、C等」: the list starts after the modal inside its first element, not at 提出.
        if (/^(提出|建议)/.test(tm[0]) && /^[^、,，;；]{2,40}?(必须|应当|应该|需要)/.test(sentence.slice(from))) continue;
        // 「要A，B，C」: the element right after a modal prescribes whatever its verb.
        const modal = /(要|应当?|需要?|必须|只有通过)$/.test(tm[0]) && !/^(以下|如下|从|在)/.test(sentence.slice(from));
        // "要把握A、B等方面，注重C、D等方面": each run closed by 等… is a list of its own.
        const runs: Span[][] = [];
        let runStart = at + from;
        const rest = sentence.slice(from);
        const closers = [...rest.matchAll(/等[^、,，]{0,12}[,，]/g)].map((c) => at + from + (c.index ?? 0) + c[0].length);
        // 「只有通过A、B和C，才能…」: what follows 才能 is the purpose, no part of the list.
        const purpose = /[,，]\s*(?:才能|才可能|才会|方能)/.exec(rest);
        const runsEnd = purpose ? at + from + purpose.index : at + sentence.length;
        for (const runEnd of [...closers.filter((c) => c < runsEnd), runsEnd]) {
          const run = splitPrescriptions(ctx.text, runStart, runEnd, modal && runStart === at + from);
          if (run.length) runs.push(run);
          runStart = runEnd;
        }
        if (runs.reduce((n, r) => n + r.length, 0) >= 3) {
          out.push({ runs, trigger: tm[0], strong });
          listEnd = at + sentence.length;
          break;
        }
      }
      // 「…不足。这就需要X做好Y，使得Z」: one measure, when no list was read in the sentence.
      const single = listEnd < 0 ? POLARITY.singleMeasureCue.exec(sentence) : null;
      if (single) {
        const from = at + (single.index ?? 0) + single[0].length;
        const rest = ctx.text.slice(from, at + sentence.length);
        const body = rest.slice(0, POLARITY.singleMeasureStop.exec(rest)?.index ?? rest.length).trimEnd();
        if (body.length >= MIN_CLAUSE && body.length <= MAX_ELEMENT) out.push({ runs: [[{ start: from, end: from + body.length }]], trigger: single[0], strong });
      }
    }
    return out;
  },
  take(ctx, unit) {
    unit.runs.forEach((run, i) => {
      const first = run[0]!;
      const last = run[run.length - 1]!;
      if (unit.strong ? ctx.statements.some((st) => st.textSpan.start <= first.start && st.textSpan.end > first.start) : ctx.claimed(first.start)) return;
      const span = { start: first.start, end: last.end };
      const detail = `run ${i + 1}/${unit.runs.length} of ${run.length} elements after "${unit.trigger}"`;
      // One measure per element where each element is a measure of its own (measure-elements.ts), else the run.
      const elements = unit.whole ? null : (measureElements(ctx.text, span) ?? (unit.declared ? declaredElements(ctx.text, span) : null));
      addMeasureRun(ctx, span, elements, "inline-measures", detail, "of ", 0.6);
    });
  },
};

/** Fewest parts of a declared list read one measure each. */
const MIN_DECLARED = 3;

/** The 、/，-parts of a list a frame declares the measures (「学习教育常态化、共建机制构建、支部文化丰富」), or null. */
function declaredElements(text: string, run: Span): Span[] | null {
  const parts = runParts(text, run).map((p) => p.span);
  return parts.length >= MIN_DECLARED && parts.every((p) => p.end - p.start >= MIN_CLAUSE && p.end - p.start <= MAX_ELEMENT) ? parts : null;
}

/**
 * Sentences of a segment (at 。!?), each followed by its later ；-parts that open with a modal of their
 * own: 「中学要A，B，C，使X；要进一步D，E，F；要进一步G，H」 states three lists. The whole sentence is read
 * first (「要A；要结合B，打造C；要加强D」 is one list of short parts); a later part is read on its own
 * too, and adds its list where the sentence's run stopped before it (at a purpose clause 使…): a part
 * inside a run already taken adds nothing. A sentence with a colon lead-in (「提出以下建议：A；要B」) is
 * not cut (semicolonParts reads its ；-parts), nor one that reports an authority's words.
 */
function sentencesOf(text: string): { text: string; index: number }[] {
  const out: { text: string; index: number }[] = [];
  // The parts come after every sentence, so that what a sentence tells the next one (a list just taken,
  // a modal) is not lost to a part in between.
  const parts: { text: string; index: number }[] = [];
  for (const sm of text.matchAll(/[^。!?！？\n]+/g)) {
    const sentence = sm[0];
    const index = sm.index ?? 0;
    out.push({ text: sentence, index });
    // An authority's words (「总书记强调，要A；要B」) stay whole: the modal guard reads the sentence's start.
    if (POLARITY.measureColonLeadIn.test(sentence) || POLARITY.authoritySpeech.test(sentence)) continue;
    const cuts = [...sentence.matchAll(MODAL_PART)].map((m) => (m.index ?? 0) + 1);
    cuts.forEach((cut, i) => parts.push({ text: sentence.slice(cut, cuts[i + 1] ?? sentence.length), index: index + cut }));
  }
  return [...out, ...parts];
}

/** A ；-part that opens with its own modal (「；要进一步…」, 「；应…」). */
const MODAL_PART = /[;；](?=\s*(?:要|应当?|需要|必须)[\u4e00-\u9fff]{2})/g;

/** ；-marks after a modal that make a run of prescriptions (three ；-parts). */
const MIN_SEMICOLONS = 2;

/** Elements of a run of prescriptions (split at 、 ， ,), or none when most do not prescribe. */
function splitPrescriptions(text: string, from: number, to: number, modalLed = false): Span[] {
  // A quoted formula inside the sentence ("“控制总量、优化结构…”") is cited, not proposed: blank it out.
  let body = text.slice(from, to).replace(/[,，]\s*$/, "").replace(/“[^”]*、[^”]*(”|$)/g, (m) => " ".repeat(m.length));
  // The tail that names the list ("等五个方面进一步加强…", "4点出发") is no element.
  // A numeral alone names no list: 「推进“五化”工程」 keeps its 五, 「把A作为一项具体工作落到实处」 its 一项.
  const tail = /[\d一二三四五六七八九十几多]+(?:个|点|项)?(?:方面|维度|举措|措施|对策|路径)[^、,，]*$|[\d一二三四五六七八九十几多]+点(?:出发|入手|着手)[^、,，]*$|等[^、,，]*$/.exec(body);
  if (tail) body = body.slice(0, tail.index);
  // A quoted slogan ("控制总量、优化结构…") is a formula being cited, not the report's proposal.
  if (/[“"「]\s*$/.test(text.slice(Math.max(0, from - 2), from)) || /^\s*[“"「]/.test(body)) return [];
  const out: Span[] = [];
  // 「加强对A和对B」: 和对 joins two objects of one verb, each a measure of its own.
  for (const m of body.matchAll(/(?:[^、,，;；\s和]|和(?!对))+(?:\s+(?:[^、,，;；\s和]|和(?!对))+)*/g)) {
    let raw = m[0];
    // "高校党组织要高度重视…": the subject before the modal verb is no part of the measure.
    const subject = /^[^,，]{2,16}?(?=(要|应当?|需要|必须)[\u4e00-\u9fff]{4})/.exec(raw);
    if (subject && polarityOf(raw) !== "prescription") raw = " ".repeat(subject[0].length) + raw.slice(subject[0].length);
    // A connective before the verb ("注重在加强…", "从加强…") is no part of the measure.
    const lead = raw.length - raw.trimStart().length + (/^\s*(注重在|着力在|在|从(?!而)|通过|要|应|如|比如|例如)(?=[\u4e00-\u9fff]{4})/.exec(raw)?.[0].trimStart().length ?? 0);
    const s = from + (m.index ?? 0) + lead;
    const e = from + (m.index ?? 0) + raw.trimEnd().length;
    if (e - s <= 0) continue;
    // "建成学习型、服务型支部" (own words): a 、 part that does not prescribe belongs to the phrase before it.
    const sep = body.slice(0, m.index ?? 0).trimEnd().slice(-1);
    const prev = out[out.length - 1];
    if (prev && sep === "、" && !prescribes(text.slice(s, e))) {
      prev.end = e;
      continue;
    }
    // 「提高A和完善B」: a 和 between two measures, each with its own verb, joins two elements.
    pushAll(out, splitAtVerbJoiner(text, { start: s, end: e }));
  }
  // An element too long to be one measure is no element, unless it is one verb over a list of objects (objectList).
  if (out.length < 2 || out.some((e) => e.end - e.start > MAX_ELEMENT && !objectList(text, e))) return [];
  // 「加强A，培养B，是推动C的关键」: the list is the subject of a copula, a statement of significance.
  if (out.some((e) => /^是(?!否)/.test(text.slice(e.start, e.end).trim()))) return [];
  // A purpose clause ("为打赢…", "从而…") ends the list.
  const purpose = out.findIndex((e) => POLARITY.purposeLead.test(text.slice(e.start, e.end)));
  if (purpose >= 0) out.length = purpose;
  // 「应A，B；C，D；E；F」: right after a modal, a run of three or more ；-parts is a list of prescriptions whatever their
  // verbs (measure-elements.ts reads one measure per ；-part).
  const semicolons = out.slice(1).filter((e, i) => /[;；]/.test(text.slice(out[i]!.end, e.start))).length;
  // (Not after a colon, 「也要正视存在的问题：如A；B；C」, nor a run of shortfalls: those list problems.)
  const shortfalls = out.filter((e) => polarityOf(text.slice(e.start, e.end)) === "negative").length;
  if (modalLed && semicolons >= MIN_SEMICOLONS && !/[:：]/.test(body) && shortfalls * 2 < out.length) return out.filter((e) => e.end - e.start >= MIN_CLAUSE);
  // After a modal, elements that open alike (「要以A促B，以C促D，以E促F」) prescribe whatever their verbs;
  // a preamble before the first prescription ("以…为契机，从加强…") is no element.
  const first = out[0] ? text.slice(out[0].start, out[0].end).trim() : "";
  let opener = modalLed ? POLARITY.parallelOpener.exec(first)?.[0] : undefined;
  // Parallelism is the evidence: two more elements open as the first one does.
  if (opener !== undefined && out.filter((e) => text.slice(e.start, e.end).trim().startsWith(opener!)).length < 3) opener = undefined;
  // Right after the modal, a goal (「应实现从A到B的转变」, 「要做到A」) is what the modal prescribes.
  const goal = modalLed && out[0] !== undefined && GOAL_AFTER_MODAL.test(first) ? out[0] : undefined;
  const prescribing = (e: Span) => e === goal || prescribes(text.slice(e.start, e.end)) || (opener !== undefined && text.slice(e.start, e.end).trim().startsWith(opener));
  // 「要解决这个问题，必须A，B，C」: an element that only names the problems to solve is the list's purpose.
  while (out.length && (!prescribing(out[0]!) || POLARITY.solveThem.test(text.slice(out[0]!.start, out[0]!.end).trim()))) out.shift();
  const prescriptive = out.filter(prescribing).length;
  if (out.length < 2 || prescriptive < 0.6 * out.length) return [];
  return out.filter((e) => e.end - e.start >= MIN_CLAUSE);
}

/**
 * The parts of a list that a 提出 frame declares the proposals (POLARITY.proposalFrame), or null: split at ， (at 、 when
 * the list has no comma), three parts or more, each a phrase of its own length, none a shortfall and none inside a
 * statement already taken; in a frame not closed by a count (「三条路径」) or a colon, half the parts or more must prescribe.
 */
function proposalList(ctx: ClassifyContext, sentence: string, at: number): { parts: Span[]; whole: boolean } | null {
  for (const [k, re] of POLARITY.proposalFrame.entries()) {
    const m = re.exec(sentence);
    const idx = m?.indices?.groups?.items;
    if (!m?.groups?.items || !idx) continue;
    // 「提出了要“A，B，C”的对策建议」: the modal and the quotation marks around the whole list are no part of it.
    const wrapped = /^(\s*(?:要|应)?[“"])([^“”"]+)[”"]\s*$/.exec(m.groups.items);
    const items = wrapped ? wrapped[2]! : m.groups.items;
    const inner = wrapped ? wrapped[1]!.length : 0;
    // A list of work done (「…，形成了A、B」) is a practice, whatever the frame's 提出了; a list naming the problems to
    // solve (「提出了解决A、B等问题的对策」) is no list of proposals.
    if (POLARITY.perfective.test(items) || POLARITY.achievementInSentence.test(items) || PROBLEM_NOUN.test(items)) continue;
    // 「从A、B等方面提出…」 is the frame measureFrame reads (one run).
    if (k === 1 && /方面/.test(items)) continue;
    // 「提出…的建议：A、B，增强X；C、D，增强Y；…」: each ；-part is one proposal, whole.
    const bySemicolon = /[;；]/.test(items);
    const byComma = items.split(/[,，]/).length >= 3;
    const parts: Span[] = [];
    let offset = 0;
    for (const raw of items.split(bySemicolon ? /([;；])/ : byComma ? /([,，])/ : /([、,，])/)) {
      const start = offset;
      offset += raw.length;
      if (/^[、,，;；]$/.test(raw)) continue;
      const lead = raw.length - raw.trimStart().length;
      const body = raw.trim().replace(/等$/, "");
      if (!body) continue;
      parts.push({ start: at + idx[0] + inner + start + lead, end: at + idx[0] + inner + start + lead + body.length });
    }
    if (parts.length < 3) continue;
    const texts = parts.map((p) => ctx.text.slice(p.start, p.end));
    if (texts.some((t) => t.length < MIN_CLAUSE || t.length > MAX_ELEMENT || polarityOf(t) === "negative")) continue;
    const counted = k === 2 || /[两二三四五六七八九十\d]+(?:大|个|项|条|点)/.test(sentence.slice(idx[1], m.index + m[0].length));
    if (!counted && texts.filter((t) => prescribes(t) || isMeasureElement(t)).length < 0.5 * texts.length) continue;
    if (parts.some((p) => ctx.statements.some((st) => st.textSpan.start < p.end && st.textSpan.end > p.start))) continue;
    return { parts, whole: bySemicolon };
  }
  return null;
}

/** The goal verbs that prescribe as the first element right after a modal (「应实现…转变」, 「要做到…」), never with 了. */
const GOAL_AFTER_MODAL = /^(?:实现|做到|达到|形成)(?!了)/;

/** Words that make a list one of problems (to solve), not of proposals. */
const PROBLEM_NOUN = /问题|不足|困境|难题|短板|矛盾|弊端/;

/** An element prescribes by its lexicon verb, or by a list-only form such as 「把A写入B」 (the list element test of shape prescriptive-list). */
function prescribes(element: string): boolean {
  if (UMBRELLA_ELEMENT.test(element.trim())) return false;
  return polarityOf(element) === "prescription" || POLARITY.listPrescription.test(element.trim()) || prescribesAsElement(element);
}

/** Offset just after the last frame word (从, 围绕) inside a frame's list, or 0 when there is none. */
function lastFrameWord(items: string): number {
  let at = 0;
  for (const w of ["从", "围绕"]) {
    const k = items.lastIndexOf(w);
    if (k >= 0) at = Math.max(at, k + w.length);
  }
  return at;
}

/**
 * The ；-separated parts of [from, to) (after a colon lead-in that announces measures, or of a list a frame declares),
 * each one run of one element, a closing 等 left out.
 */
function semicolonParts(text: string, from: number, to: number): Span[][] {
  const out: Span[][] = [];
  const body = text.slice(from, to);
  for (const m of body.matchAll(/[^;；]+/g)) {
    const raw = m[0].replace(/等\s*$/, "");
    const lead = raw.length - raw.trimStart().length;
    const s = from + (m.index ?? 0) + lead;
    const e = from + (m.index ?? 0) + raw.trimEnd().length;
    if (e - s >= MIN_CLAUSE) out.push([{ start: s, end: e }]);
  }
  return out;
}
