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

interface Enumeration {
  whole: Span;
  elements: Span[];
}

/** Longest element kept (a longer one is a clause of prose, not a listed problem). */
const MAX_ELEMENT = 48;

export const inlineEnumeration: Shape<Enumeration> = {
  id: "inline-enumeration",
  description: "problems listed inside a sentence: 存在A、B、C等问题; …问题，比如A、B等",
  detect(ctx) {
    const out: Enumeration[] = [];
    const { start, end } = ctx.segment.span;
    const text = ctx.text.slice(start, end);
    const fallback = ctx.statements.some((st) => st.kind === "problem") ? [] : POLARITY.inlineEnumerationFallback;
    for (const re of [...POLARITY.inlineEnumeration, ...fallback]) {
      for (const m of text.matchAll(re)) {
        const items = m.groups?.items;
        if (!items || m.index === undefined) continue;
        const at = start + m.index + m[0].indexOf(items);
        if (ctx.claimed(at) || ctx.skipped(at) || ctx.inStatementSection(at)) continue;
        const before = ctx.text.slice(Math.max(start, at - 30), at);
        if (POLARITY.negatedContext.test(before.replace(/[^。;；]*[。;；]/g, ""))) continue;
        const elements = splitElements(ctx.text, { start: at, end: at + items.length });
        if (elements.length < 2) continue;
        out.push({ whole: { start: start + m.index, end: start + m.index + m[0].length }, elements });
      }
    }
    return out;
  },
  take(ctx, unit) {
    const shown = ctx.text.slice(unit.whole.start, unit.whole.end).slice(-12);
    unit.elements.forEach((el, i) => {
      const detail = `element ${i + 1}/${unit.elements.length} of "…${shown}"`;
      ctx.add({ kind: "problem", textSpan: el, span: el, rule: { id: "inline-enumeration", detail }, confidence: 0.6 });
    });
  },
};

/** Split an enumeration at 、 ， ; keep elements that read as shortfalls or short noun phrases. */
function splitElements(text: string, span: Span): Span[] {
  const out: Span[] = [];
  let s = span.start;
  for (let i = span.start; i <= span.end; i++) {
    const ch = text[i];
    // "机制不健全且党员…": 且 joins two listed problems.
    const joiner = ch === "且" && i - s >= 4 && span.end - i > 4;
    if (i === span.end || ch === "、" || ch === "," || ch === "，" || ch === ";" || ch === "；" || joiner) {
      let a = s;
      let b = i;
      while (a < b && /[\s“”"'‘’「」,，:：]/.test(text[a] ?? "")) a++;
      while (b > a && /[\s“”"'‘’「」]/.test(text[b - 1] ?? "")) b--;
      if (b - a > 0) out.push({ start: a, end: b });
      s = i + 1;
    }
  }
  const long = out.filter((e) => e.end - e.start > MAX_ELEMENT);
  if (long.length) return [];
  // Elements must mostly say what falls short; "党员、干部" is a list of who, not of problems.
  const negatives = out.filter((e) => isNegative(text.slice(e.start, e.end))).length;
  const usable = out.filter((e) => e.end - e.start >= MIN_CLAUSE);
  return negatives * 2 >= out.length && usable.length >= 2 ? usable : [];
}
