/*
 * Hard wraps: text copied from a PDF breaks its lines at the page's width, mid-sentence (「…选拔机制，从致富能」
 * then 「手中选拔书记；二是…」). A heading or a paragraph broken so runs on over the break. A break counts as
 * a hard wrap only where the report shows a line width: several lines of prose that end without a sentence end,
 * have nearly the same length and are followed by a line no longer than they are. A heading alone on its line (「（一）坚持…，推动…」 over its body) is
 * shorter than that width, or the report has no width at all.
 */
import { ENDS_MID_SENTENCE } from "../shared/text.ts";
import type { Line, Span } from "../types.ts";

/** Shortest line read as cut at a page's width. */
const MIN_WIDTH = 15;
/** How many lines of (nearly) one length, ending mid-sentence, show a page's width. */
const MIN_WRAPPED_LINES = 3;
/** Characters a wrapped line may fall short of the width (half-width digits and letters, a lost space). */
const SLACK = 3;

/** A listed item's marker at a line start (1. / （一） / 一、 / 一是 / a bullet). */
const ITEM_START = /^(?:\d{1,2}[.、．]|[（(][一二三四五六七八九十\d]{1,3}[)）]|[一二三四五六七八九十]{1,3}[、是]|[●•◆■▪►\-*]\s)/;
/** A line of prose, not a title or a menu: it holds a comma or a stop, or it opens a listed item. */
const PROSE = new RegExp(`[，,、。；;：:]|${ITEM_START.source}`);

/**
 * The offsets of the line breaks inside `span` that are hard wraps (the offset of each such line's end).
 * @example const wraps = hardWrapBreaks(doc.text, doc.lines, segment.span); wraps.has(line.end)
 */
export function hardWrapBreaks(text: string, lines: readonly Line[], span: Span): Set<number> {
  const inSpan = lines.filter((l) => l.end > span.start && l.start < span.end);
  const trimmed = inSpan.map((l) => text.slice(l.start, l.end).trim());
  const candidates: number[] = [];
  for (let i = 0; i + 1 < inSpan.length; i++) {
    const t = trimmed[i]!;
    // A page's width bounds every line: a heading over a long body paragraph is no wrapped line.
    const next = trimmed[i + 1]!.length;
    // A line that opens a listed item starts anew: the line before it was not cut.
    if (t.length >= MIN_WIDTH && ENDS_MID_SENTENCE.test(t) && next > 0 && next <= t.length + SLACK && !ITEM_START.test(trimmed[i + 1]!)) candidates.push(i);
  }
  const out = new Set<number>();
  if (candidates.length < MIN_WRAPPED_LINES) return out;
  // The width: the length most candidates share, give or take one character.
  const counts = new Map<number, number>();
  for (const i of candidates) counts.set(trimmed[i]!.length, (counts.get(trimmed[i]!.length) ?? 0) + 1);
  let width = 0;
  let best = 0;
  for (const len of counts.keys()) {
    const n = (counts.get(len - 1) ?? 0) + (counts.get(len) ?? 0) + (counts.get(len + 1) ?? 0);
    if (n > best || (n === best && len > width)) {
      best = n;
      width = len;
    }
  }
  if (best < MIN_WRAPPED_LINES) return out;
  const atWidth = candidates.filter((i) => trimmed[i]!.length >= width - SLACK);
  // A line of prose at the width runs on; so does one after it, and one before a line that runs on itself
  // (a paragraph's first line may hold no comma yet).
  for (const i of atWidth) {
    if (PROSE.test(trimmed[i]!) || (i > 0 && out.has(inSpan[i - 1]!.end))) out.add(inSpan[i]!.end);
  }
  for (let k = atWidth.length - 1; k >= 0; k--) {
    const i = atWidth[k]!;
    if (i + 1 < inSpan.length && out.has(inSpan[i + 1]!.end)) out.add(inSpan[i]!.end);
  }
  return out;
}
