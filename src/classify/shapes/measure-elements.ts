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

/**
 * Whether one element is itself a measure: after its lead, an action verb and an object of substance.
 * `strict` (a 、 part, 「打造学习型、服务型支部」) admits only the verbs of `verb`, not the list-only ones.
 */
export function isMeasureElement(element: string, strict = false): boolean {
  const body = stripLead(element);
  if (measureBody(body, strict)) return true;
  // 「各支部要加强A」: a subject and its modal lead the verb.
  const subject = SUBJECT_MODAL.exec(body);
  return subject !== null && measureBody(stripLead(body.slice(subject[0].length)), strict);
}

function measureBody(body: string, strict: boolean): boolean {
  if (NOT_MEASURE.test(body) || GOAL.test(body.replace(/[\s。.]+$/, ""))) return false;
  const core = body.slice(ADVERB.exec(body)?.[0].length ?? 0);
  if (NOT_MEASURE.test(core)) return false;
  const verb = VERB.exec(core);
  if (verb) return chars(core.slice(verb[0].length)) >= MIN_OBJECT;
  // Any other verb that prescribes as a list element (the lexicons of shape prescriptive-list), with as much
  // substance as a two-character verb and its object.
  return !strict && chars(core) >= 2 + MIN_OBJECT && prescribesAsElement(core);
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
  // A 、 part that is no measure belongs to the phrase before it (「打造学习型、服务型支部」).
  const joined: Span[] = [];
  const flags: boolean[] = [];
  let lastPart = Infinity;
  for (const part of parts) {
    const ok = isMeasureElement(text.slice(part.span.start, part.span.end), part.sep === "、");
    const prev = joined[joined.length - 1];
    // A bare verb before 、 shares the object after it (「总结、提炼、推广A」): one element.
    const bareVerb = prev !== undefined && !flags[flags.length - 1] && lastPart <= 5;
    lastPart = chars(text.slice(part.span.start, part.span.end));
    if (prev && part.sep === "、" && (!ok || bareVerb)) {
      prev.end = part.span.end;
      // 「开辟线上、校内两类阵地」: the phrase is read again whole.
      flags[flags.length - 1] ||= isMeasureElement(text.slice(prev.start, prev.end));
      continue;
    }
    joined.push({ ...part.span });
    flags.push(ok);
  }
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
  return out;
}

/**
 * Add a run of measures found by `ruleId`: one measure per element (measureElements; `elements`, computed by the
 * caller, which decides whether the run may be split at all), or the whole run when `elements` is null.
 * An element's detail says which element of how many it is, then `of` and the run's detail.
 */
export function addMeasureRun(ctx: ClassifyContext, span: Span, elements: Span[] | null, ruleId: string, detail: string, of: string, confidence: number): void {
  if (!elements) {
    ctx.add({ kind: "measure", textSpan: span, span, rule: { id: ruleId, detail }, confidence });
    return;
  }
  elements.forEach((el, k) => {
    ctx.add({ kind: "measure", textSpan: el, span: el, rule: { id: ruleId, detail: `measure ${k + 1}/${elements.length} ${of}${detail}` }, confidence });
  });
}
