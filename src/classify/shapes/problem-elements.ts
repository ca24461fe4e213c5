/*
 * Problem elements: a problem clause of prose that lists its problems inside itself — 「…存在A、B、C等问题」,
 * 「…引发A、B与C等问题」, 「…以A、B和C三大问题为导向」, 「…在A、B等方面有待完善」 — states one problem per
 * listed element, as the annotation reads such lists (gold/NOTES.md: 「存在A、B、C等问题」 gives A, B and C).
 * The list runs from the last lead word before its first 、 (存在, 引发, 因, 在, 以 …, `lead`) to the frame
 * that closes it (等…问题, 三大问题, 的问题, 等方面: `end`); it is split at 、 (runParts of measure-elements, so
 * quotations stay whole) and its last element once more at a joiner (和, 与, 及 …) when both sides fall short.
 * A label under four characters (「淡化、软化、空心化」) is too slight to stand alone: it joins the element before it.
 * A list of aspects (等方面) counts only when the rest of the clause falls short (「…等方面有待完善」). Each
 * element keeps its own verbatim span. Words in polarity.json (`problemElements`).
 */
import type { Span } from "../../types.ts";
import { isNegative, POLARITY } from "../polarity.ts";
import raw from "../polarity.json" with { type: "json" };
import { pushAll } from "../../util/arrays.ts";
import { runParts, trimSpan } from "./measure-elements.ts";

const PE = raw.problemElements;
const LEAD = new RegExp(PE.lead, "g");
/** Matched at each place after the first 、 (sticky: no copy of the rest of the clause per place). */
const END = new RegExp(PE.end.replace(/^\^/, ""), "y");
const ASPECTS = new RegExp(PE.aspects);
const MANIFESTATION = new RegExp(PE.manifestation);
const EXAMPLE = /^(?:比如|例如|诸如|如)$/;
const BARE_LIST = new RegExp(PE.bareList);
const JOINER = new RegExp(PE.joiner, "g");
/** Shortest listed element kept (characters). */
export const MIN_ELEMENT: number = PE.minChars;
const MAX_ELEMENT: number = PE.maxChars;

/** 「一方面（是）A，另一方面（是）B」: the two sides of a problem statement, one problem each. */
const SIDES = /^(一方面(?:是)?)([^;；]+?)[,，;；]\s*(另一方面(?:是)?|另外一方面(?:是)?)(.+)$/;

/** The two sides of a problem statement written 一方面…，另一方面…, or null. */
export function sidedProblems(text: string, span: Span): Span[] | null {
  const m = SIDES.exec(text.slice(span.start, span.end));
  if (!m) return null;
  const a = { start: span.start + m[1]!.length, end: span.start + m[1]!.length + m[2]!.length };
  const bStart = span.start + m[0].length - m[4]!.length;
  const b = { start: bStart, end: span.end };
  // Either side may describe (「另一方面是骨干教师任务繁重，…」): the frame itself says there are two.
  return isNegative(text.slice(a.start, a.end)) || isNegative(text.slice(b.start, b.end)) ? [trimSpan(text, a), trimSpan(text, b)] : null;
}

/** The problems a clause lists inside itself, one span per element, or null when it lists none. */
export function listedProblems(text: string, clause: Span): Span[] | null {
  const s = text.slice(clause.start, clause.end);
  const first = s.indexOf("、");
  if (first < 0) return null;
  let from = -1;
  let lead = "";
  for (const m of s.slice(0, first).matchAll(LEAD)) {
    from = (m.index ?? 0) + m[0].length;
    lead = m[0];
    // 「如A、B、C等等」: an example list opening the clause starts there (「不在本地的…」 holds no second lead).
    if (m.index === 0 && EXAMPLE.test(m[0])) break;
  }
  // 「党员队伍老化、阵地不足的问题仍然比较突出」: no lead, the clause opens with its list (each element must fall short:
  // 「宗旨意识、服务意识淡薄的现象明显」 shares one predicate).
  const bare = from < 0 && BARE_LIST.test(s);
  if (bare) from = 0;
  if (from < 0 || from >= first) return null;
  // The frame that closes the list: the first one after the first 、.
  let to = -1;
  let end: RegExpExecArray | null = null;
  for (let p = first + 1; p < s.length && to < 0; p++) {
    END.lastIndex = p;
    end = END.exec(s);
    if (end) to = p;
  }
  if (to < 0 || !end) return null;
  const list = { start: clause.start + from, end: clause.start + to };
  const parts = runParts(text, list);
  // Split at 、 only: a list with other separators (，；) is prose, not a framed list.
  if (parts.some((p) => p.sep !== "" && p.sep !== "、")) return null;
  // A closing quote whose opening quote is inside the element stays (「外出党员与支部“失联”」).
  const elements = parts.map((p) => keepClosingQuote(text, trimSpan(text, p.span)));
  // 「…主要表现在A、B等方面」: the aspects a problem shows in are problems when the clause falls short (one of them
  // does, or what shows them: 「问题主要表现在…」); 「作用主要体现在A、B等方面」 lists aspects.
  const shows = MANIFESTATION.test(lead) && (isNegative(s.slice(0, from)) || elements.some((e) => isNegative(text.slice(e.start, e.end))));
  if (ASPECTS.test(end[0]) && !shows && !isNegative(s.slice(to + end[0].length))) return null;
  const last = elements.pop()!;
  pushAll(elements, splitAtJoiner(text, last));
  if (elements.length < 2 || elements.some((e) => e.end - e.start < MIN_ELEMENT || e.end - e.start > MAX_ELEMENT)) return null;
  if (bare && !elements.every((e) => isNegative(text.slice(e.start, e.end)))) return null;
  // Bare shortfalls without a subject (「X存在不够规范、不够科学的问题」) are facets of the subject before the list: one problem.
  if (elements.every((e) => POLARITY.inlineTail.test(text.slice(e.start, e.end)))) return null;
  // 「存在淡化、软化、空心化等问题」, 「A组织松散化、形式化以及B等问题」: an element under four characters that is no negated
  // predicate (「不规范、不严格」 are) is a label too slight to stand alone; it joins the element before it (the first one,
  // the element after it), so 「淡化、软化、空心化」 is one problem.
  const slight = elements.map((e) => hanCount(text.slice(e.start, e.end)) < MIN_STANDALONE && !NEGATED.test(text.slice(e.start, e.end)));
  for (let i = elements.length - 1; i >= 0 && elements.length > 1; i--) {
    if (!slight[i]) continue;
    if (i > 0) elements[i - 1]!.end = elements[i]!.end;
    else elements[1]!.start = elements[0]!.start;
    elements.splice(i, 1);
  }
  // 「…后继乏人的问题」: the last element keeps the noun its 的 ties it to.
  if (end[0].startsWith("的")) elements[elements.length - 1]!.end = clause.start + to + end[0].length;
  return elements;
}

/** Fewest characters of a listed element that stands as a problem of its own (a shorter label keeps its list whole). */
const MIN_STANDALONE = 4;
/** A short element that is a negated predicate (不规范, 未落实, 无保障): a problem of its own however short. */
const NEGATED = /^[“"]?[不未无没缺]/;

function hanCount(s: string): number {
  return s.match(/[\u3400-\u9fff]/g)?.length ?? 0;
}

/** An element whose closing quote trimSpan dropped while its opening quote is inside it gets it back. */
function keepClosingQuote(text: string, el: Span): Span {
  const t = text.slice(el.start, el.end);
  const open = (t.match(/“/g) ?? []).length;
  const close = (t.match(/”/g) ?? []).length;
  return open > close && text[el.end] === "”" ? { start: el.start, end: el.end + 1 } : el;
}

/** An element that names itself a problem (「作风问题」). */
const NAMED_PROBLEM_END = /(问题|现象)$/;

/** The last element split at a joiner (A和B) when both sides fall short or both name a problem; else the element whole. */
export function splitAtJoiner(text: string, el: Span): Span[] {
  const s = text.slice(el.start, el.end);
  for (const m of s.matchAll(JOINER)) {
    const at = m.index ?? 0;
    const a = { start: el.start, end: el.start + at };
    const b = trimSpan(text, { start: el.start + at + m[0].length, end: el.end });
    if (a.end - a.start < MIN_ELEMENT || b.end - b.start < MIN_ELEMENT) continue;
    const [sa, sb] = [text.slice(a.start, a.end), text.slice(b.start, b.end)];
    // 「…工作机制问题和作风问题」: two named problems side by side split as well as two shortfalls.
    if ((isNegative(sa) && isNegative(sb)) || (NAMED_PROBLEM_END.test(sa) && NAMED_PROBLEM_END.test(sb))) return [a, b];
  }
  return [el];
}
