/*
 * Boilerplate recognised from the shape of the page rather than one line's words: the list of
 * titles under a 相关推荐-style heading, the block of page chrome at the top of a page (short lines
 * that repeat, interleaved with dates and metadata), and a title line repeated right after itself.
 */
import type { CompiledBoilerplateRules } from "./boilerplate-rules.ts";
import { isOpen, isTitleLike, SENTENCE_PUNCTUATION, type LineView } from "./line-view.ts";

const RELATED_HEADING = "related-heading";
const SENTENCE_END = /[。!?;…]$/;

/** After a related-links heading, the run of short caption lines that follows it. */
export function markRelatedLists(views: LineView[], rules: CompiledBoilerplateRules): void {
  const spec = rules.spec.relatedList;
  for (let i = 0; i < views.length; i++) {
    if (views[i]!.rule !== RELATED_HEADING) continue;
    let items = 0;
    for (let j = i + 1; j < views.length && items < spec.maxItems; j++) {
      const view = views[j]!;
      if (view.blank || view.rule !== null) continue;
      if (view.protected || view.trimmed.length > spec.maxItemLength || SENTENCE_PUNCTUATION.test(view.trimmed)) break;
      view.rule = spec.id;
      items++;
    }
  }
}

/**
 * The leading block of a page: lines from the top that are blank, already noise, or short and not
 * sentences, up to the first real paragraph or enumerated heading. Inside it, short lines that
 * occur twice are page chrome (a header printed twice), and so is a short non-title line wedged
 * between two noise lines. A single title line stays: it may be the report's own title.
 */
export function markHeaderBlock(views: LineView[], rules: CompiledBoilerplateRules): void {
  const spec = rules.spec.headerBlock;
  const block = leadingBlock(views, spec.scanLines, spec.maxLineLength);
  const counts = new Map<string, number>();
  for (const view of block) if (isOpen(view)) counts.set(view.trimmed, (counts.get(view.trimmed) ?? 0) + 1);
  for (const view of block) if (isOpen(view) && (counts.get(view.trimmed) ?? 0) >= 2) view.rule = spec.id;
  const nonBlank = block.filter((view) => !view.blank);
  for (let k = 1; k < nonBlank.length - 1; k++) {
    const view = nonBlank[k]!;
    const wedged = nonBlank[k - 1]!.rule !== null && nonBlank[k + 1]!.rule !== null;
    if (wedged && isOpen(view) && !isTitleLike(view, rules, spec.maxLineLength)) view.rule = spec.id;
  }
}

function leadingBlock(views: LineView[], scanLines: number, maxLineLength: number): LineView[] {
  const block: LineView[] = [];
  for (const view of views.slice(0, scanLines)) {
    if (view.protected) break;
    const short = view.trimmed.length <= maxLineLength && !SENTENCE_END.test(view.trimmed);
    if (!view.blank && view.rule === null && !short) break;
    block.push(view);
  }
  return block;
}

/** A title-like line identical to one of the few non-blank lines just before it. */
export function markRepeatedTitles(views: LineView[], rules: CompiledBoilerplateRules): void {
  const spec = rules.spec.repeatedTitle;
  const recent: LineView[] = [];
  for (const view of views) {
    if (view.blank) continue;
    if (isOpen(view) && isTitleLike(view, rules, spec.maxLength) && recent.some((r) => r.trimmed === view.trimmed)) {
      view.rule = spec.id;
    }
    recent.push(view);
    if (recent.length > spec.window) recent.shift();
  }
}
