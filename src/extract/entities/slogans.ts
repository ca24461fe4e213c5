/*
 * Slogans, goals and principles (六个好, 四个意识, 两手抓两不误 …): listed formulas matched anywhere, plus
 * quoted formulas shaped like slogans (numbered "五个模范", parallel "看得见、评价好", typed "学习型").
 */
import type { SloganMention } from "../../types.ts";
import type { SloganLexicon } from "../lexicon.ts";
import { compileLexicon, resolveOverlaps, type LexiconMatcher } from "./lexicon-matcher.ts";
import { compactIndex, nameKey, occurrenceOf, type TextView } from "./text-view.ts";

/** Compiled slogan lexicon. */
export interface SloganMatcher {
  lexicon: LexiconMatcher;
  numbered: RegExp;
  parallel: RegExp;
  typed: RegExp;
  exclude: Set<string>;
  notFollowedBy: string[];
  excludeEndings: string[];
  min: number;
  max: number;
}

/** Compile the slogan lexicon once. */
export function compileSlogans(lex: SloganLexicon): SloganMatcher {
  const q = lex.quoted;
  return {
    lexicon: compileLexicon(lex.entries),
    numbered: new RegExp(q.numberedPattern, "u"),
    parallel: new RegExp(q.parallelPattern, "u"),
    typed: new RegExp(q.typedPattern, "u"),
    exclude: new Set(q.exclude),
    notFollowedBy: q.notFollowedBy,
    excludeEndings: q.excludeEndings,
    min: q.minLength,
    max: q.maxLength,
  };
}

/** True when a quoted phrase reads as a slogan or goal. */
export function isSloganText(s: SloganMatcher, content: string): boolean {
  if (content.length < s.min || content.length > s.max || s.exclude.has(content)) return false;
  if (s.excludeEndings.some((e) => content.endsWith(e))) return false;
  if (s.lexicon.lookup(content)) return true;
  return s.numbered.test(content) || s.parallel.test(content) || s.typed.test(content);
}

/** Find the slogans of one report; `isMechanism` keeps quoted mechanism names out. */
export function extractSlogans(view: TextView, s: SloganMatcher, isMechanism: (t: string) => boolean): SloganMention[] {
  // A formula matched by a pattern keeps its own wording ("真学、真懂、真悟、真信" is a variant of a listed one).
  const cands = s.lexicon.scan(view.compact).map((h) => {
    const written = view.compact.slice(h.start, h.end);
    return { ...h, name: s.lexicon.isAlias(written) ? h.name : written, priority: 1 };
  });
  const { text, span } = view.input;
  for (const q of text.slice(span.start, span.end).matchAll(/“([^“”\n]{2,30})”/gu)) {
    const content = q[1]!.replace(/[\s>]/g, "");
    const next = text.slice(span.start + q.index + q[0].length, span.start + q.index + q[0].length + 4);
    if (!isSloganText(s, content) || isMechanism(content) || s.notFollowedBy.some((w) => next.startsWith(w))) continue;
    const start = compactIndex(view, span.start + q.index);
    const end = compactIndex(view, span.start + q.index + q[0].length);
    cands.push({ name: s.lexicon.lookup(content) ?? content, start, end, priority: 0 });
  }
  const byName = new Map<string, SloganMention>();
  for (const c of resolveOverlaps(cands)) {
    const key = nameKey(c.name);
    let mention = byName.get(key);
    if (!mention) {
      mention = { name: c.name, occurrences: [] };
      byName.set(key, mention);
    }
    mention.occurrences.push(occurrenceOf(view, c.start, c.end));
  }
  return [...byName.values()];
}
