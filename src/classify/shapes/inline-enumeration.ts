/*
 * Shape "inline-enumeration": problems listed inside a sentence — 「存在A、B、C等问题」,
 * 「…问题，比如A、B等」, 「即A，B」 — in an introduction, a findings summary or a lead-in. Each
 * element is one problem. Text already taken by another shape (an item and its body) is left alone,
 * and so is a sentence that prescribes a remedy (「解决A、B等问题」).
 */
import type { Span } from "../../types.ts";
import { MIN_CLAUSE } from "../context.ts";
import { isNegative, POLARITY } from "../polarity.ts";
import type { Shape } from "./types.ts";
import { matchesOf } from "../../shared/regex.ts";
import { MIN_ELEMENT, splitAtJoiner } from "./problem-elements.ts";

interface Enumeration {
  whole: Span;
  elements: Span[];
  /** The elements are quotations (「“A”“B”“C”」): each is kept however short (「“质量低”」). */
  quoted?: boolean;
}

/**
 * A stretch of prose between sentence and clause marks, within one line (a title over 「二、…」 is no part of the
 * clause below it; a hard wrap's break is read as a space); a short quoted label (“两张皮”) stays inside it.
 */
const CLAUSE = /(?:[^。;；!?！？,，:：“”"\n]|“[^“”。,，;；\n]{1,8}”)+/g;

/** Longest element kept (a longer one is a clause of prose, not a listed problem). */
const MAX_ELEMENT = 48;

export const inlineEnumeration: Shape<Enumeration> = {
  id: "inline-enumeration",
  description: "problems listed inside a sentence: 存在A、B、C等问题; …问题，比如A、B等",
  detect(ctx) {
    const out: Enumeration[] = [];
    const { start, end } = ctx.segment.span;
    const text = ctx.text.slice(start, end);
    const none = !ctx.statements.some((st) => st.kind === "problem");
    const fallback = none ? POLARITY.inlineEnumerationFallback : [];
    // In a report that states no problem otherwise (an abstract), the problems a remedy names are its problems.
    const remedy = none ? POLARITY.remedyObjectFallback : [];
    const patterns = [...POLARITY.inlineEnumeration, ...remedy, ...fallback, ...POLARITY.inlineEnumerationNamed, ...POLARITY.inlineAspectEnumeration];
    const namedFrom = patterns.length - POLARITY.inlineAspectEnumeration.length - POLARITY.inlineEnumerationNamed.length;
    // Lists of quotations first (「存在“A”“B，C”“D”等普遍问题，E…等情况」): a looser frame reading on from inside them
    // would cut them apart.
    const isNamed = (index: number) => index >= namedFrom && index < namedFrom + POLARITY.inlineEnumerationNamed.length;
    const order = [...patterns.keys()].sort((a, b) => Number(isNamed(b)) - Number(isNamed(a)) || a - b);
    for (const index of order) {
      const re = patterns[index]!;
      // The first frame names its elements problems itself (「存在A、B等问题」), and so do the lists of named problems
      // (「存在“A”、“B”问题」, 「包括A问题、B问题和C问题」) and 「从A、B以及C三个方面阐述了…问题」; the others need
      // elements that read as shortfalls.
      const framed = index === 0 || index >= namedFrom;
      const remedyObject = index >= POLARITY.inlineEnumeration.length && index < POLARITY.inlineEnumeration.length + remedy.length;
      for (const m of matchesOf(re, text)) {
        let items = m.groups?.items;
        if (!items || m.index === undefined) continue;
        let at = start + m.index + m[0].indexOf(items);
        // 「“A、B”、“C”及“D”的现象十分普遍」: a list of quotations only; each quotation is one element, whatever it holds.
        // (So is what a remedy names in quotations: 「以期解决“A”“B”“C”的困境」.)
        const quoted = index >= namedFrom || remedyObject ? quotedOnly(items, at) : null;
        if (quoted) {
          const whole = { start: start + m.index, end: start + m.index + m[0].length };
          const free = !out.some((e) => whole.start < e.whole.end && e.whole.start < whole.end) && !ctx.claimed(at) && !ctx.skipped(at) && !ctx.inStatementSection(at);
          if (free && !statesNoFinding(ctx.text, start, whole.end)) out.push({ whole, elements: quoted, quoted: true });
          continue;
        }
        // "面临着新形势，…面临的诸如A、B等短板": the list starts after the last frame word that opens a clause.
        // Unless the clause right before it already falls short (「面临着A重视不够，存在B的倾向，C等新问题」): then the
        // frame word opens one more element of the list. (After 「…的特点，具体来说，其存在A、B」 the list restarts.)
        const restart = [...items.matchAll(POLARITY.inlineRestart)].pop();
        // (「…存在突出问题，尤其体现在A、B等方面」: where the problems show is never one more element.)
        const shows = restart !== undefined && /(体现|表现)(在|为)/.test(restart[0]);
        const listedBefore = !shows && restart?.index !== undefined && /^[,，]/.test(restart[0]) && isNegative(items.slice(0, restart.index).split(/[,，]/).pop() ?? "");
        if (restart?.index !== undefined && !listedBefore && items.length - restart.index - restart[0].length >= 6) {
          at += restart.index + restart[0].length;
          items = items.slice(restart.index + restart[0].length);
        }
        const listEnd = at + items.length;
        if (out.some((e) => at < e.whole.end && e.whole.start < listEnd)) continue;
        if (ctx.claimed(at) || ctx.skipped(at) || ctx.inStatementSection(at) || ctx.inQuotedAuthority(at)) continue;
        if (statesNoFinding(ctx.text, start, start + m.index + m[0].length)) continue;
        const before = ctx.text.slice(Math.max(start, at - 30), at);
        // "针对X存在A、B等问题，提出…": what 针对 frames with 存在 is what the report found.
        const found = POLARITY.findingAfterRemedy.test(before);
        if (!remedyObject && !found && POLARITY.negatedContext.test(before.replace(/[^。;；]*[。;；]/g, ""))) continue;
        // "从A、B等方面提出了解决问题的对策": the frame names remedies, not problems.
        if (/(解决|提出|对策|建议|措施)/.test(m[0].slice(m[0].indexOf(items) + items.length))) continue;
        // A looser frame's list runs to the sentence end: its closing 「等方面」 is no part of its last element.
        const close = /等[^、,，。]{0,10}?(问题|不足|现象|方面|短板|困难|弱项)\s*$/.exec(items);
        if (close) items = items.slice(0, close.index);
        // 「…面临着几方面的难处：——A，B。」: a dash opens the first of the problems the sentence announces, stated whole
        // (its commas part the problem's own clauses, as in a heading); what follows the sentence explains it.
        const dash = /^\s*[—－-]{1,2}\s*/.exec(items);
        if (dash && !framed) {
          const body = items.slice(dash[0].length).trimEnd();
          const from = at + dash[0].length;
          if (body.length >= MIN_CLAUSE && body.length <= MAX_ELEMENT) out.push({ whole: { start: start + m.index, end: start + m.index + m[0].length }, elements: [{ start: from, end: from + body.length }] });
          continue;
        }
        let elements = splitElements(ctx.text, { start: at, end: at + items.length }, framed);
        // A remedy that names again what a list above found ("解决A、B等问题") adds nothing.
        if (remedyObject) elements = elements.filter((e) => !repeatsFound(ctx.text, out, e));
        // (splitElements found two elements at least; a remedy's list may lose some that repeat the findings.)
        if (elements.length < (remedyObject ? 2 : 1)) continue;
        out.push({ whole: { start: start + m.index, end: start + m.index + m[0].length }, elements });
      }
    }
    // Any run of three or more 、-separated shortfalls in prose ("分析了A不到位、B不严格、C有差距").
    for (const m of matchesOf(CLAUSE, ctx.unwrapped({ start, end }))) {
      // Three parts or more: two 、 at least (counted without splitting every clause of the report).
      const first = m[0].indexOf("、");
      if (first < 0 || m[0].indexOf("、", first + 1) < 0) continue;
      const at = start + (m.index ?? 0);
      if (out.some((e) => at < e.whole.end && e.whole.start < at + m[0].length)) continue;
      if (ctx.claimed(at) || ctx.skipped(at) || ctx.inStatementSection(at) || ctx.inQuotedAuthority(at)) continue;
      if (statesNoFinding(ctx.text, start, at + m[0].length)) continue;
      const run = runOfShortfalls(ctx.text, { start: at, end: at + m[0].length });
      if (run) out.push(run);
    }
    return out;
  },
  take(ctx, unit) {
    const shown = ctx.text.slice(unit.whole.start, unit.whole.end).slice(-12);
    // 「…、A不到位和B不规范等问题」: the last element splits at its joiner when both sides fall short.
    const last = unit.elements[unit.elements.length - 1];
    const elements = last ? [...unit.elements.slice(0, -1), ...splitAtJoiner(ctx.text, last)] : unit.elements;
    elements.forEach((el, i) => {
      const detail = `element ${i + 1}/${elements.length} of "…${shown}"`;
      ctx.add({ kind: "problem", textSpan: el, span: el, rule: { id: "inline-enumeration", detail }, confidence: 0.6, ...(unit.quoted ? { minChars: MIN_ELEMENT } : {}) });
    });
  },
};

/** The quotations of a list made of quotations only (「“A”、“B”及“C”」), each one element without its marks; null otherwise. */
function quotedOnly(items: string, at: number): Span[] | null {
  if (!/^[“"][^“”"]+[”"](?:(?:[、,，]|及|和|以及|与)?[“"][^“”"]+[”"])+$/.test(items.trim())) return null;
  const lead = items.length - items.trimStart().length;
  return [...items.trim().matchAll(/[“"]([^“”"]+)[”"]/g)].map((q) => {
    const from = at + lead + (q.index ?? 0) + 1;
    return { start: from, end: from + q[1]!.length };
  });
}

/**
 * Whether the sentence up to `end` states no finding of the report's own: a literature review (现有研究存在A、B等不足),
 * a definition, a supposition or a cause (`proseNotFinding`, the test prose-problems applies to its sentences).
 */
function statesNoFinding(text: string, from: number, end: number): boolean {
  const head = text.slice(from, end);
  const cut = Math.max(head.lastIndexOf("。"), head.lastIndexOf("！"), head.lastIndexOf("？"), head.lastIndexOf("\n\n"));
  const sentence = head.slice(cut + 1).replace(/\s*\n\s*/g, "").trim();
  return POLARITY.proseNotFinding.test(sentence);
}

/** Whether an element says again (contains or is contained in) an element already found. */
function repeatsFound(text: string, found: Enumeration[], el: Span): boolean {
  const t = text.slice(el.start, el.end);
  return found.some((u) => u.elements.some((f) => { const g = text.slice(f.start, f.end); return g.includes(t) || t.includes(g); }));
}

/** Longest element of a bare 、 run. */
const MAX_RUN_ELEMENT = 30;

/** A clause whose 、-separated parts are mostly shortfalls; the first part loses its lead-in verb phrase. */
function runOfShortfalls(text: string, span: Span): Enumeration | null {
  const clause = text.slice(span.start, span.end);
  const parts: Span[] = [];
  let s = span.start;
  for (const piece of clause.split("、")) {
    parts.push({ start: s, end: s + piece.length });
    s += piece.length + 1;
  }
  // The first part carries the lead ("分析了", "存在"): keep what follows the last such verb.
  const first = parts[0]!;
  // 「切实解决A、B、C等问题」 names what a remedy answers, not what the report finds.
  if (/(解决|克服|破解|改变|扭转|针对|防止|避免|杜绝|消除|补齐|弥补|纠正|整改|化解|改善|缓解)/.test(text.slice(Math.max(0, first.start - 12), first.end))) return null;
  // 「A弱化、虚化等现象已得到纠正」: the run was put right (POLARITY.resolvedAfter); it is no finding.
  if (clause.includes("得到") && !isNegative(clause)) return null;
  const lead = /^.*?(存在(?:着)?|分析了|发现|表现为|反映出|暴露出|面临(?:着)?|出现(?:了)?|包括|在于|由于|比如|例如|诸如|譬如)/.exec(text.slice(first.start, first.end));
  if (lead) first.start += lead[0].length;
  // The list ends at 等 ("…等问题", "…等方面"): a part closed by 等…问题 is the last one, whatever follows it
  // ("A、B、C等问题高度重视、积极探索").
  const closing = parts.findIndex((p, k) => k > 0 && POLARITY.listEnd.test(text.slice(p.start, p.end)));
  if (closing > 0) parts.splice(closing + 1);
  const last = parts[parts.length - 1]!;
  const etc = text.slice(last.start, last.end).indexOf("等");
  if (etc > 0) last.end = last.start + etc;
  const trimmed = parts.map((p) => {
    let a = p.start;
    let b = p.end;
    while (a < b && /[\s“”"「」和及]/.test(text[a] ?? "")) a++;
    while (b > a && /[\s“”"「」]/.test(text[b - 1] ?? "")) b--;
    return { start: a, end: b };
  });
  if (trimmed.some((p) => p.end - p.start < 2 || p.end - p.start > MAX_RUN_ELEMENT)) return null;
  // Counts of problems ("4项短板、2项弱项") announce how many there are; they name none.
  if (trimmed.some((p) => POLARITY.countUmbrella.test(text.slice(p.start, p.end)))) return null;
  const negatives = trimmed.filter((p) => isNegative(text.slice(p.start, p.end))).length;
  if (negatives * 3 < trimmed.length * 2 || negatives < 2) return null;
  if (trimmed.some((p) => p.end - p.start < MIN_CLAUSE)) {
    // A list closed by 等…问题 names its elements problems however short (problem-elements reads it); parts too
    // short to stand alone in a bare run share the first part's subject (「基层党组织弱化、虚化、边缘化」): one problem.
    if (closing > 0 || etc > 0) return null;
    return { whole: span, elements: [{ start: trimmed[0]!.start, end: trimmed[trimmed.length - 1]!.end }] };
  }
  return { whole: span, elements: trimmed };
}

/** Whether an offset lies inside a “…” quotation that opens and closes within the span. */
function quotedRanges(text: string, span: Span): (offset: number) => boolean {
  const ranges: Span[] = [];
  for (let i = text.indexOf("“", span.start); i >= 0 && i < span.end; i = text.indexOf("“", i + 1)) {
    const close = text.indexOf("”", i + 1);
    const reopen = text.indexOf("“", i + 1);
    if (close < 0 || close >= span.end || (reopen >= 0 && reopen < close)) continue;
    ranges.push({ start: i + 1, end: close });
  }
  return (offset) => ranges.some((r) => offset >= r.start && offset < r.end);
}

/**
 * The commas of a list outside quotations, each with whether a subjectless shortfall follows it (「A比较薄弱，不够完善」:
 * that comma continues the element before it, `inlineTail`).
 */
function listCommas(text: string, span: Span, insideQuote: (i: number) => boolean): Map<number, boolean> {
  const commas = new Map<number, boolean>();
  for (let i = span.start; i < span.end; i++) {
    const ch = text[i];
    if ((ch === "," || ch === "，") && !insideQuote(i)) commas.set(i, POLARITY.inlineTail.test(text.slice(i + 1, span.end)));
  }
  return commas;
}

/** Split an enumeration at 、 ， ; keep elements that read as shortfalls or short noun phrases. */
function splitElements(text: string, span: Span, framed: boolean): Span[] {
  const out: Span[] = [];
  /** Starts of elements that are a quoted label (“原子化”). */
  const quoted = new Set<number>();
  /** Elements a subjectless tail joined (they were listed, so they count towards the two a list needs). */
  let joined = 0;
  let s = span.start;
  // A quotation closed inside the list is one slogan (「“开会重要，落实次要”现象」): no mark inside it splits.
  const insideQuote = quotedRanges(text, span);
  // A list whose elements are parted by commas (「A，B、C，D、E等问题」) keeps a 、 inside an element: it pairs two
  // sides of one problem (「重发展、轻党建的倾向」, 「责任意识淡薄、奉献精神欠缺」).
  const commas = listCommas(text, span, insideQuote);
  const byComma = [...commas.values()].filter((tail) => !tail).length >= 2;
  for (let i = span.start; i <= span.end; i++) {
    const ch = text[i];
    if (i < span.end && insideQuote(i)) continue;
    // "机制不健全且党员…": 且 joins two listed problems.
    const joiner = ch === "且" && i - s >= 4 && span.end - i > 4;
    // Quoted labels side by side ("“经验不足”“水平不足”") are two elements; quoted names inside one element
    // ("班子的“领头羊”“主心骨”作用发挥不够") are not.
    // Nor are quoted labels that qualify the noun after them (「“业务精”“政治强”的人才储备不足」): the run of labels
    // must end the element.
    const quotes = ch === "“" && text[i - 1] === "”" && i > s && /^[\s、,，]*“/.test(text.slice(s, i)) && labelsEndElement(text, s, span.end);
    // "A比较薄弱，不够完善": a subjectless shortfall after a comma continues the element before it.
    const tail = i > s && commas.get(i) === true;
    if (tail) joined++;
    // "A、B以及C": 以及 joins the last element.
    const also = ch === "以" && text[i + 1] === "及" && i - s >= 4 && span.end - i > 5;
    if (i === span.end || (ch === "、" && !byComma) || ((ch === "," || ch === "，") && !tail) || ch === ";" || ch === "；" || joiner || quotes || also) {
      let a = s;
      let b = i;
      // A leading quote stays when its label qualifies what follows it (「“懂X”“懂Y”的人才不足」).
      while (a < b && /[\s“”"'‘’「」,，:：]/.test(text[a] ?? "") && !(text[a] === "“" && qualifyingLabel(text, a, b))) a++;
      // The lead may end on a colon and a line break (「主要表现在：\n学习制度…」).
      const lead = /^(比如|例如|诸如|如|即|和|及|主要(表现|体现)(为|在)|(具体)?表现为)[:：]?\s*(?=\S{4})/.exec(text.slice(a, b));
      if (lead) a += lead[0].length;
      // A closing quote whose opening quote is inside the element stays (「政治领导“弱化”」).
      while (b > a && /[\s“”"'‘’「」]/.test(text[b - 1] ?? "") && !(/[”」’]/.test(text[b - 1]!) && /[“「‘]/.test(text.slice(a, b - 1)))) b--;
      while (b > a + 2 && text[b - 1] === "等") b--;
      // A survey figure ("…只占9.5%") documents a problem, it is none itself; a count ("5项短板") only announces some.
      if (b - a > 0 && !POLARITY.proseStatistic.test(text.slice(a, b)) && !POLARITY.countUmbrella.test(text.slice(a, b))) {
        out.push({ start: a, end: b });
        if (text[a - 1] === "“" && text[b] === "”") quoted.add(a);
      }
      s = quotes ? i : also ? i + 2 : i + 1;
    }
  }
  // 「A难、B难、C难是当前…面临的现实问题」: a last part that opens with the copula is the list's predicate, no element.
  const predicate = out[out.length - 1];
  if (out.length >= 3 && predicate && /^(?:是|就是|正是|成为)/.test(text.slice(predicate.start, predicate.end))) out.pop();
  const long = out.filter((e) => e.end - e.start > MAX_ELEMENT);
  if (long.length) return [];
  // Elements must mostly say what falls short; "党员、干部" is a list of who, not of problems.
  const negatives = out.filter((e) => isNegative(text.slice(e.start, e.end))).length;
  // A framed list may name bare shortfalls of three characters ("存在不规范、不严格等问题").
  // So may a quoted label ("…、“空心化”、…等问题"): the frame names it a problem.
  const usable = out.filter((e) => e.end - e.start >= MIN_CLAUSE || (framed && e.end - e.start >= 2 && quoted.has(e.start)) || (framed && e.end - e.start >= 3 && (isNegative(text.slice(e.start, e.end)) || /^[不未无缺]/.test(text.slice(e.start, e.end)))));
  if (!(framed || negatives * 2 >= out.length) || usable.length + joined < 2) return [];
  // A statement needs MIN_CLAUSE characters: bare shortfalls side by side ("不规范、不严格") stay one statement.
  const merged: Span[] = [];
  for (const e of usable) {
    const prev = merged[merged.length - 1];
    if (prev && (prev.end - prev.start < MIN_CLAUSE || e.end - e.start < MIN_CLAUSE)) prev.end = e.end;
    else merged.push({ ...e });
  }
  return merged;
}

/** Whether the run of quoted labels that opens an element (after s) is the whole element: a list mark, 等 or the list's end follows it. */
function labelsEndElement(text: string, s: number, end: number): boolean {
  const run = /^[\s、,，]*(?:“[^“”]{1,12}”\s*)+/.exec(text.slice(s, end));
  if (!run) return false;
  const after = s + run[0].length;
  return after >= end || /[、,，;；等和及与]/.test(text[after] ?? "");
}

/** Whether the quoted label opening at `a` closes before the element ends, so that it qualifies the rest. */
function qualifyingLabel(text: string, a: number, b: number): boolean {
  const close = text.indexOf("”", a + 1);
  return close > a && close < b - 1 && text[b - 1] !== "”";
}
