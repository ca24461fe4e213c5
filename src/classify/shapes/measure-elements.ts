/*
 * Measure elements: a run of measures taken whole by shape inline-measures or prescriptive-list
 * (「要加强A，健全B，落实C」) states several measures, one per element, when each element is itself a
 * measure: after its lead (a connective, 一是, a subject and its modal), an action verb (加强, 健全, 落实 …,
 * `verb`) and an object of some substance (`minObject` characters). Elements that are goals, purposes,
 * means or fragments (实现…, 确保…, 为…, 以A为抓手, 把A作为B, 突出重点: `notMeasure`, or too short) are no
 * measures of their own: each joins the measure before it (a leading one, and a means or frame such as
 * 以A为抓手 / 结合实际 / 围绕B (`meansLead`), the measure after it), so every
 * element's quote stays one verbatim stretch of the source. When fewer than `minElements` elements are
 * measures, or they are less than `minShare` of the elements that are neither measures nor such goals,
 * purposes or means, the split is not clean and the run stays whole.
 * Words in polarity.json (`measureElements`).
 */
import type { Span } from "../../types.ts";
import type { ClassifyContext } from "../context.ts";
import raw from "../polarity.json" with { type: "json" };
import { POLARITY, polarityOf } from "../polarity.ts";
import { prescribesAsElement } from "./prescriptive-list.ts";

const ME = raw.measureElements;
const LEAD = new RegExp(ME.lead);
const ADVERB = new RegExp(ME.adverb);
const VERB = new RegExp(ME.verb);
const NOT_MEASURE = new RegExp(ME.notMeasure);
const MEANS_LEAD = new RegExp(ME.meansLead);
const GOAL = new RegExp(ME.goal);
const SUBJECT_MODAL = new RegExp(raw.prescriptiveList.subjectModal);
const MIN_OBJECT: number = ME.minObject;
const MIN_ELEMENTS: number = ME.minElements;
const MIN_SHARE: number = ME.minShare;
/** Shortest object of a verb in a 、 part (「加强管理、提高教育」: parallel four-character phrases). */
const MIN_PART_OBJECT: number = ME.minPartObject;
/** Fewest elements in a row that open alike (以A…，以B…，以C…) to be measures whatever their verbs. */
const MIN_PARALLEL: number = ME.minParallel;
const PARALLEL_OPENER = new RegExp(ME.parallelOpener);
const MEANS_THEN_VERB = new RegExp(ME.meansThenVerb);
const MAX_MEANS: number = ME.maxMeans;
/** Shortest ；-part (in characters) read as a measure of its own (「创新和提高；…」 is a fragment). */
const MIN_SEMICOLON_PART = 6;

const OPEN = "“「《（(【‘\"";
const CLOSE = "”」》）)】’";

/** The parts of a run, split at ， ； 、 (and , ;) outside quotations and brackets, and before 二是/三是… . */
export function runParts(text: string, run: Span): { span: Span; sep: string }[] {
  const parts: { span: Span; sep: string }[] = [];
  let depth = 0;
  let s = run.start;
  let sep = "";
  const push = (end: number): void => {
    let a = s;
    let b = end;
    while (a < b && /\s/.test(text[a]!)) a++;
    while (b > a && /\s/.test(text[b - 1]!)) b--;
    if (b > a) parts.push({ span: { start: a, end: b }, sep });
  };
  for (let i = run.start; i < run.end; i++) {
    const ch = text[i]!;
    if (OPEN.includes(ch) && ch !== '"') depth++;
    else if (CLOSE.includes(ch)) depth = Math.max(0, depth - 1);
    if (depth > 0) continue;
    if (/[,，;；、]/.test(ch)) {
      push(i);
      sep = ch;
      s = i + 1;
    } else if (i > s && /[二三四五六七八九十]/.test(ch) && text[i + 1] === "是" && i + 2 < run.end && /[\u4e00-\u9fff]/.test(text[i + 2]!)) {
      // 「一是加强A二是健全B」: the next 是-clause opens an element even without a mark before it.
      push(i);
      sep = "是";
      s = i;
    }
  }
  push(run.end);
  return parts;
}

/** An element without its lead (connective, 一是, subject and modal). */
function stripLead(element: string): string {
  const body = element.trim();
  return body.slice(LEAD.exec(body)?.[0].length ?? 0);
}

/** Whether an element is a goal, a purpose, a means or a frame: no measure, but part of the one beside it. */
function joinsNeighbour(element: string): boolean {
  const body = stripLead(element);
  const core = body.slice(ADVERB.exec(body)?.[0].length ?? 0);
  return [body, core].some((b) => NOT_MEASURE.test(b) || GOAL.test(b.replace(/[\s。.]+$/, "")) || MEANS_LEAD.test(b));
}

/** A span (a part of runParts, say) without the quotation marks and spaces around it. */
export function trimSpan(text: string, span: Span): Span {
  let { start, end } = span;
  while (start < end && /[\s“”"「」‘’]/.test(text[start]!)) start++;
  while (end > start && /[\s“”"「」‘’]/.test(text[end - 1]!)) end--;
  return { start, end };
}

/**
 * Whether one element is itself a measure: after its lead, an action verb and an object of substance.
 * `part` (a 、 part of a list, 「加强管理、提高教育」, 「优化A、提升B能力」): a shorter object will do, and a goal
 * standing side by side with a measure is an element too; a part that opens with no verb (「打造学习型、服务型支部」)
 * still belongs to the phrase before it.
 */
export function isMeasureElement(element: string, part = false): boolean {
  // A 、 part of four characters that opens like a prescription of the general lexicon (「精准培育」, 「严格考评」), not
  // with a verb that prescribes only as a list element (「服务凝聚」 in 「发挥A、服务凝聚作用」 names a function).
  const whole = element.trim();
  if (part && chars(whole) === 2 + MIN_PART_OBJECT && polarityOf(whole) === "prescription" && !NOT_MEASURE.test(whole)) return true;
  const body = stripLead(element);
  if (measureBody(body, part)) return true;
  // 「各支部要加强A」: a subject and its modal lead the verb.
  const subject = SUBJECT_MODAL.exec(body);
  return subject !== null && measureBody(stripLead(body.slice(subject[0].length)), part);
}

function measureBody(body: string, part: boolean): boolean {
  // A goal after a comma joins its measure (「加强A，提升B水平」); a goal side by side with a measure in a 、 list
  // (「优化A、提升B能力」) is an element of that list like the others.
  // 「把党建做强、把服务做细」: a 把 phrase that says what to make of its object is a measure, a 、 part or not.
  const core = body.slice(ADVERB.exec(body)?.[0].length ?? 0);
  if (POLARITY.baResult.test(core)) return true;
  if (NOT_MEASURE.test(body) || (!part && GOAL.test(body.replace(/[\s。.]+$/, "")))) return false;
  if (NOT_MEASURE.test(core)) return false;
  const verb = VERB.exec(core) ?? verbAfterMeans(core);
  // In a 、 list a four-character verb is a phrase of its own (「选优配强、精准培育」).
  if (verb) return chars(core.slice(verb[0].length)) >= (part ? MIN_PART_OBJECT : MIN_OBJECT) || (part && chars(core) === 4 && verb[0].length === 4);
  // Any other verb that prescribes as a list element (the lexicons of shape prescriptive-list), with as much
  // substance as a two-character verb and its object; not in a 、 part (「服务凝聚」 of 「发挥A、服务凝聚作用」).
  if (part) return false;
  return chars(core) >= 2 + MIN_OBJECT && prescribesAsElement(core);
}

/**
 * 「按照A设置B」, 「依托A成立B」, 「结合A创新B」: a means followed by its own action verb is a measure; the verb found after
 * the means phrase (`meansThenVerb`, at most `maxMeans` characters), as VERB.exec would give it, or null.
 */
function verbAfterMeans(core: string): RegExpExecArray | null {
  const lead = MEANS_THEN_VERB.exec(core);
  if (!lead) return null;
  for (let i = lead[0].length + 2; i <= Math.min(core.length - 2, lead[0].length + MAX_MEANS); i++) {
    const v = VERB.exec(core.slice(i));
    if (v) return v;
  }
  return null;
}

/** Chinese characters of a string (punctuation, spaces and pinyin glosses such as (zhí) left out). */
function chars(s: string): number {
  return s.match(/\p{Script=Han}/gu)?.length ?? 0;
}

/**
 * The measures of a run, one span per measure element (other elements joined to a neighbour), or null
 * when the run should stay one measure.
 */
export function measureElements(text: string, run: Span): Span[] | null {
  const parts = runParts(text, run);
  if (parts.length < MIN_ELEMENTS) return null;
  // 「A，B；C，D；E」: the ；-parts are the measures, each whole: its comma clauses elaborate it (「解放思想，更新观念，
  // 消除A；以B为重点，建立C」, 「突出A，提升B；…」).
  const bySemicolon = semicolonParts(text, parts);
  if (bySemicolon) return bySemicolon;
  // A ；-part too short to be a measure (「创新和提高；X需要进一步调整」): the run is no clean list; it stays whole.
  if (parts.some((p) => /[;；]/.test(p.sep))) return null;
  // A 、 part that is no measure belongs to the phrase before it (「打造学习型、服务型支部」).
  const joined: Span[] = [];
  const flags: boolean[] = [];
  let lastPart = Infinity;
  parts.forEach((part, i) => {
    // A member of a 、 list: the parts after a 、, and the one before the first 、.
    const ok = isMeasureElement(text.slice(part.span.start, part.span.end), part.sep === "、" || parts[i + 1]?.sep === "、");
    const prev = joined[joined.length - 1];
    // A bare verb before 、 shares the object after it (「总结、提炼、推广A」): one element.
    const bareVerb = prev !== undefined && !flags[flags.length - 1] && lastPart <= 5;
    lastPart = chars(text.slice(part.span.start, part.span.end));
    if (prev && part.sep === "、" && (!ok || bareVerb)) {
      prev.end = part.span.end;
      // 「开辟线上、校内两类阵地」: the phrase is read again whole.
      flags[flags.length - 1] ||= isMeasureElement(text.slice(prev.start, prev.end));
      return;
    }
    joined.push({ ...part.span });
    flags.push(ok);
  });
  // 「以A引领B，以C引领D，以E引领F」: elements in a row that open alike are parallel measures, whatever their verbs.
  markParallel(text, joined, flags);
  markSharedObject(text, joined, flags);
  // Goals, purposes and means are known to join a neighbour; other elements that are no measures (a
  // verb the lexicons do not know, a fragment) make the split unclean when there are many of them.
  const measures = flags.filter(Boolean).length;
  const unknown = joined.filter((span, i) => !flags[i] && !joinsNeighbour(text.slice(span.start, span.end))).length;
  if (measures < MIN_ELEMENTS || measures < MIN_SHARE * (measures + unknown)) return null;
  // Each element that is no measure joins the measure before it; a means or frame, and those before the
  // first measure, join the measure after it (a means at the very end joins the one before).
  const out: Span[] = [];
  let pending: number | null = null;
  joined.forEach((span, i) => {
    if (flags[i]) {
      out.push({ start: pending ?? span.start, end: span.end });
      pending = null;
    } else if (out.length > 0 && (pending !== null || !MEANS_LEAD.test(stripLead(text.slice(span.start, span.end))) || !flags.slice(i + 1).some(Boolean))) {
      if (pending === null) out[out.length - 1]!.end = span.end;
    } else pending ??= span.start;
  });
  return out.flatMap((span) => splitAtVerbJoiner(text, span));
}

/** 「丰富活动载体和完善考核办法」: a 和/及/以及 between two measure elements, each with its own verb, parts them. */
export function splitAtVerbJoiner(text: string, span: Span): Span[] {
  const body = text.slice(span.start, span.end);
  for (const j of body.matchAll(/(?:以及|和|及)(?=[\u4e00-\u9fff]{4})/g)) {
    const cut = span.start + j.index!;
    const left = text.slice(span.start, cut);
    const right = text.slice(cut + j[0].length, span.end);
    if (/[,，]/.test(left) || !isMeasureElement(left) || !isMeasureElement(right)) continue;
    return [{ start: span.start, end: cut }, ...splitAtVerbJoiner(text, { start: cut + j[0].length, end: span.end })];
  }
  return [span];
}

/** The ；-parts of a run (each at least a clause), when it has two or more; null otherwise. */
function semicolonParts(text: string, parts: { span: Span; sep: string }[]): Span[] | null {
  const groups: Span[] = [];
  for (const part of parts) {
    const last = groups[groups.length - 1];
    if (last && !/[;；]/.test(part.sep)) last.end = part.span.end;
    else groups.push({ ...part.span });
  }
  if (groups.length < 2 || groups.some((g) => chars(text.slice(g.start, g.end)) < MIN_SEMICOLON_PART)) return null;
  return groups;
}

/** Shortest object opening shared by a row of elements (「提升X的A力，增强X的B力，强化X的C力」). */
const MIN_SHARED_OBJECT = 4;

/**
 * Mark as measures the elements of each row of `minParallel` or more whose two-character verbs take objects that open
 * alike (「提升党建引领治理的组织力，增强党建引领治理的辐射力，调适党建与治理的耦合度」): parallel measures on one object, though
 * each alone reads as a goal (提升…力) or opens with a verb the lexicons do not know.
 */
function markSharedObject(text: string, elements: Span[], flags: boolean[]): void {
  const object = (e: Span) => stripLead(text.slice(e.start, e.end)).slice(2);
  let i = 0;
  while (i < elements.length) {
    const o = object(elements[i]!).slice(0, MIN_SHARED_OBJECT);
    let j = i + 1;
    while (chars(o) === MIN_SHARED_OBJECT && j < elements.length && object(elements[j]!).startsWith(o)) j++;
    if (j - i >= MIN_PARALLEL) for (let k = i; k < j; k++) flags[k] ||= chars(object(elements[k]!)) >= MIN_OBJECT + 2;
    i = j - i >= MIN_PARALLEL ? j : i + 1;
  }
}

/** Mark as measures the elements of each row of `minParallel` or more that open with the same word (以, 在, 把 …). */
function markParallel(text: string, elements: Span[], flags: boolean[]): void {
  const opener = (e: Span) => PARALLEL_OPENER.exec(stripLead(text.slice(e.start, e.end)))?.[0] ?? null;
  let i = 0;
  while (i < elements.length) {
    const o = opener(elements[i]!);
    let j = i + 1;
    while (o !== null && j < elements.length && opener(elements[j]!) === o) j++;
    if (o !== null && j - i >= MIN_PARALLEL) for (let k = i; k < j; k++) flags[k] = chars(text.slice(elements[k]!.start, elements[k]!.end)) >= 2 + MIN_OBJECT;
    i = o !== null ? j : i + 1;
  }
}

/**
 * Add a run of measures found by `ruleId`: one measure per element (measureElements; `elements`, computed by the
 * caller, which decides whether the run may be split at all), or the whole run when `elements` is null.
 * An element's detail says which element of how many it is, then `of` and the run's detail.
 */
export function addMeasureRun(ctx: ClassifyContext, span: Span, elements: Span[] | null, ruleId: string, detail: string, of: string, confidence: number): void {
  if (!elements) addMeasure(ctx, span, ruleId, detail, confidence);
  else elements.forEach((el, k) => addMeasure(ctx, el, ruleId, `measure ${k + 1}/${elements.length} ${of}${detail}`, confidence));
}

/** One measure, or one per object when it is one verb over a list of objects (objectList). */
function addMeasure(ctx: ClassifyContext, span: Span, ruleId: string, detail: string, confidence: number): void {
  const objects = objectList(ctx.text, span);
  if (objects) ctx.addParts(objects, span, { kind: "measure", rule: { id: ruleId, detail: `${detail} > list of objects` }, confidence }, "object");
  else ctx.add({ kind: "measure", textSpan: span, span, rule: { id: ruleId, detail }, confidence });
}

/** Fewest objects of one verb read as measures of their own (「完善A机制、B机制和C机制」). */
const MIN_OBJECTS = 3;
/** The length of the phrases of a formula (「推动发展、服务群众、凝聚人心」): four characters each. */
const FORMULA_PHRASE = 4;

/**
 * 「健全谈心机制、帮扶机制、预警机制和激励机制」, 「加强阵地建设、队伍建设和作风建设」, 「发挥推动发展、服务群众、凝聚人心的作用」:
 * one verb over a 、-list of three or more objects that share their last word (机制, 建设) or are four-character phrases
 * each states one measure per object (gold/NOTES.md: an element of an inline list is a statement). The first object
 * keeps what comes before it (the verb), the last what comes after it, unless that opens as a measure of its own after a
 * comma (then one more measure); null when the measure holds no such list.
 * Modifiers listed before one noun (「构建覆盖度高、管理规范、信息互通的体制」) share no last word and are no list.
 */
export function objectList(text: string, span: Span): Span[] | null {
  const parts = runParts(text, span);
  // The list: a row of parts joined by 、 (at most one row: a measure with two lists is not read).
  let first = -1;
  let last = -1;
  for (let i = 1; i < parts.length; i++) {
    if (parts[i]!.sep !== "、") continue;
    if (first < 0) first = i - 1;
    else if (last !== i - 1) return null;
    last = i;
  }
  if (first < 0) return null;
  const spans = parts.slice(first, last + 1).map((p) => ({ ...p.span }));
  // The last object joined by 和/及/与 to the one before it (「队伍建设和作风建设」).
  const tail = spans[spans.length - 1]!;
  // (The joiner is the one after an object: 「参与原则和创新原则」 joins at 和, not inside 参与.)
  const firstHead = text.slice(spans[0]!.start, spans[0]!.end).trim().slice(-2);
  const tailRaw = text.slice(tail.start, tail.end);
  const joiner = [...tailRaw.matchAll(/(?:以及|和|及|与)(?=[\u4e00-\u9fff])/g)].find((j) => {
    const b = tailRaw.slice(0, j.index).trim();
    return b.endsWith(firstHead) || chars(b) === FORMULA_PHRASE;
  }) ?? null;
  const middle = spans.slice(1, -1).map((s) => text.slice(s.start, s.end).trim());
  const head = commonHead([text.slice(spans[0]!.start, spans[0]!.end).trim(), ...middle, ...(joiner ? [text.slice(tail.start, tail.start + joiner.index!).trim()] : [])]);
  // A formula of four-character phrases counts when it modifies the noun after it (「推动发展、服务群众、凝聚人心的作用」): a bare
  // row of them (「参与社区治理、防汛救灾、文明创建」) names fields, not measures.
  const tailText = text.slice(tail.start, tail.end).trim();
  const formula = middle.length > 0 && middle.every((m) => chars(m) === FORMULA_PHRASE && m.length === FORMULA_PHRASE) && [tailText, tailText.slice(joiner ? joiner.index! + joiner[0].length : 0)].some((t) => /^[\u4e00-\u9fff]{4}[^、,，;；]*?的/.test(t));
  if (!head && !formula) return null;
  if (joiner) {
    const cut = tail.start + joiner.index!;
    const before = text.slice(tail.start, cut).trim();
    if (head ? before.endsWith(head) : chars(before) === FORMULA_PHRASE) spans.splice(spans.length - 1, 1, { start: tail.start, end: cut }, { start: cut + joiner[0].length, end: tail.end });
  }
  if (spans.length < MIN_OBJECTS) return null;
  // The first object ends with the head word too (「完善党员教育培训机制」), or is a phrase of the formula.
  const firstText = text.slice(spans[0]!.start, spans[0]!.end);
  if (head ? !firstText.trimEnd().endsWith(head) : chars(firstText) < FORMULA_PHRASE) return null;
  // The last object holds the head word or opens with a phrase of the formula (「促进和谐的重要作用」).
  const lastText = text.slice(spans[spans.length - 1]!.start, spans[spans.length - 1]!.end);
  if (head && !lastText.includes(head)) return null;
  // Every object is a phrase of some substance, none a measure element with its own verb (those are split already).
  if (spans.some((s) => chars(text.slice(s.start, s.end)) < FORMULA_PHRASE)) return null;
  spans[0]!.start = span.start;
  // What follows the last object after a comma is a measure of its own when it opens as one (「…和D的衔接，充分发挥E」);
  // else it stays with the last object (「…和D机制，力求…」).
  const lastObject = spans[spans.length - 1]!;
  const after = parts.slice(last + 1);
  // (A list of means, 「通过A、B和C的融合，推进D」, leads to its purpose: that stays with it.)
  const means = /通过/.test(text.slice(span.start, spans[0]!.end));
  if (after.length > 0 && !means && isMeasureElement(text.slice(after[0]!.span.start, after[0]!.span.end))) {
    lastObject.end = parts[last]!.span.end;
    spans.push({ start: after[0]!.span.start, end: span.end });
  } else lastObject.end = span.end;
  return spans.map((s) => trimSpan(text, s));
}

/** The last word (two characters) that every phrase ends with, or null. */
function commonHead(phrases: string[]): string | null {
  if (phrases.length < 2) return null;
  const head = phrases[0]!.slice(-2);
  return chars(head) === 2 && phrases.every((p) => p.endsWith(head)) ? head : null;
}
