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
    // A numbered line is never noise, except where a rule says its words are a site's own (numberedToo).
    if (view.protected && !view.blank && view.rule === null) {
      view.rule = matchLineRule(view.trimmed, rules, true);
      continue;
    }
    if (!isOpen(view)) continue;
    view.rule = matchLineRule(view.trimmed, rules) ?? (isLinkList(view.trimmed, rules) ? rules.spec.linkList.id : null);
  }
}

function matchLineRule(trimmed: string, rules: CompiledBoilerplateRules, numbered = false): string | null {
  for (const rule of rules.lineRules) {
    if (trimmed.length > rule.maxLength || (numbered && !rule.numberedToo)) continue;
    if (rule.regex.test(rule.lastSentence ? lastSentence(trimmed) : trimmed)) return rule.id;
  }
  return null;
}

/** The last sentence of a line: the text after the last 。!? that is not at the very end. */
export function lastSentence(trimmed: string): string {
  // The line without its final run of 。!? (as /[。!?]+$/ removes it), read from the end without a copy.
  let end = trimmed.length;
  while (end > 0 && isSentenceEnd(trimmed.charCodeAt(end - 1))) end--;
  if (end === 0) return trimmed;
  const cut = Math.max(trimmed.lastIndexOf("。", end - 1), trimmed.lastIndexOf("!", end - 1), trimmed.lastIndexOf("?", end - 1));
  return trimmed.slice(cut + 1);
}

/** 。 ! ? */
function isSentenceEnd(code: number): boolean {
  return code === 0x3002 || code === 0x21 || code === 0x3f;
}

/**
 * A row of links to other categories: at least minItems short captions without sentence
 * punctuation, most of them ending in a genre word. Separated only by spaces, all must.
 */
export function isLinkList(trimmed: string, rules: CompiledBoilerplateRules): boolean {
  const spec = rules.spec.linkList;
  // Without a separator or a space the line is one item: too few (checked before splitting every line).
  if (spec.minItems > 1 && !rules.linkSeparator.test(trimmed) && !/\s/.test(trimmed)) return false;
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
