/*
 * Whole-line boilerplate found line by line: the regex rules of the rule file (download prompts,
 * 推荐度, page metadata, date-only lines, site intros, share prompts …) and lists of links to other
 * categories (short captions separated by · or | that end in genre words such as 报告/范文).
 */
import type { CompiledBoilerplateRules } from "./boilerplate-rules.ts";
import { isOpen, SENTENCE_PUNCTUATION, type LineView } from "./line-view.ts";

/** Mark every open line that a line rule or the link-list rule matches. */
export function markLineRules(views: LineView[], rules: CompiledBoilerplateRules): void {
  for (const view of views) {
    if (!isOpen(view)) continue;
    view.rule = matchLineRule(view.trimmed, rules) ?? (isLinkList(view.trimmed, rules) ? rules.spec.linkList.id : null);
  }
}

function matchLineRule(trimmed: string, rules: CompiledBoilerplateRules): string | null {
  for (const rule of rules.lineRules) {
    if (trimmed.length > rule.maxLength) continue;
    if (rule.regex.test(rule.lastSentence ? lastSentence(trimmed) : trimmed)) return rule.id;
  }
  return null;
}

/** The last sentence of a line: the text after the last 。!? that is not at the very end. */
function lastSentence(trimmed: string): string {
  const body = trimmed.replace(/[。!?]+$/, "");
  const cut = Math.max(body.lastIndexOf("。"), body.lastIndexOf("!"), body.lastIndexOf("?"));
  return trimmed.slice(cut + 1);
}

/**
 * A row of links to other categories: at least minItems short captions without sentence
 * punctuation, most of them ending in a genre word. Separated only by spaces, all must.
 */
export function isLinkList(trimmed: string, rules: CompiledBoilerplateRules): boolean {
  const spec = rules.spec.linkList;
  let items = trimmed.split(rules.linkSeparator).filter(Boolean);
  let share = spec.minSuffixShare;
  if (items.length < spec.minItems) {
    items = trimmed.split(/\s+/).filter(Boolean);
    share = 1;
  }
  if (items.length < spec.minItems) return false;
  if (items.some((item) => item.length > spec.maxItemLength || SENTENCE_PUNCTUATION.test(item))) return false;
  const withSuffix = items.filter((item) => rules.titleSuffix.test(item)).length;
  return withSuffix / items.length >= share;
}
