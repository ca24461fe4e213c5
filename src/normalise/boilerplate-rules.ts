/*
 * The boilerplate rule set: its JSON shape (src/normalise/boilerplate.json is the shipped one) and
 * its compiled form with the regular expressions built once. Domain knowledge lives in the JSON.
 */
import shipped from "./boilerplate.json" with { type: "json" };

/** A regex rule as written in the JSON file. */
export interface PatternRuleSpec {
  id: string;
  patterns: string[];
  /** Whole-line rules only: longer (trimmed) lines are never matched. */
  maxLength?: number;
  /** Inline rules only: the noise is the whole sentence around the match. */
  sentence?: boolean;
  /** Line rules only: the match must lie in the line's last sentence. */
  lastSentence?: boolean;
  /** Line rules only: numbered lines are marked too (a site's numbered download notice: 「1. 本文档由用户上传…」). */
  numberedToo?: boolean;
}

/** The JSON shape of a boilerplate rule file. */
export interface BoilerplateRuleSpec {
  protected: string[];
  lineRules: PatternRuleSpec[];
  inlineRules: PatternRuleSpec[];
  linkList: { id: string; separators: string; minItems: number; maxItemLength: number; minSuffixShare: number; suffixes: string[] };
  /**
   * `above`: a line of the page's leading block above which every line is the page's (a Q&A page's answer label);
   * `journalDate`: a date of a journal article's history (收稿日期：…) that ends a journal page's front matter;
   * `frontLabel`: an abstract's label (摘要：) that makes a long first line above it the site's description;
   * `navLabel`: a site's section label in English (Quick Navigation) above which every line is the page's, unless a
   * report's title stands above it;
   * `frontMatter`: a journal article's keywords or classification line (关键词：, 中图分类号：) that, at the top of a
   * page without a title, is the page's with the author's name above it.
   */
  headerBlock: { id: string; scanLines: number; maxLineLength: number; above?: string; journalDate?: string; frontLabel?: string; navLabel?: string; affiliation?: string; chrome?: string; frontMatter?: string };
  repeatedTitle: { id: string; window: number; maxLength: number };
  /** The short captions after a line marked by `afterRule` (a 相关推荐-style heading). */
  relatedList: { id: string; afterRule: string; maxItems: number; maxItemLength: number };
  /**
   * A document site's preview cut into numbered chunks (「1、…」 「2、…」 opening long lines, a chunk running on from the one
   * before mid-sentence): the numbers are the site's, no items of the report. Optional.
   */
  previewChunks?: { id: string; minChunkChars: number; minChunks: number };
  /**
   * A document site's running header inside the text (「调查报告」 alone on a line between the two halves of a sentence
   * cut at a page break): noise, never a title there. Optional.
   */
  runningHeader?: { id: string; pattern: string };
  /** An author's name alone on the page's first line, before the body or an affiliation line marked `id`. */
  byline?: { id: string; maxNameChars: number; notName: string };
  /**
   * What a report title is about (党, 支部, 社区 …): a short header line naming one with enough characters is a
   * title ("…党建存在的问题及对策"), not page chrome, even without a genre word (报告, 范文) at its end.
   */
  titleTopic?: { pattern: string; minChars: number; collection?: string; member?: string; genre?: string; notTitle?: string };
}

/** A compiled pattern rule: one alternation regex per rule. */
export interface CompiledRule {
  id: string;
  regex: RegExp;
  maxLength: number;
  sentence: boolean;
  lastSentence: boolean;
  numberedToo: boolean;
}

/** Rules ready to run. */
export interface CompiledBoilerplateRules {
  spec: BoilerplateRuleSpec;
  protectedLine: RegExp;
  lineRules: CompiledRule[];
  /** Global regexes, for finding every inline match. */
  inlineRules: CompiledRule[];
  linkSeparator: RegExp;
  titleSuffix: RegExp;
  titleTopic: { regex: RegExp; minChars: number; collection: RegExp | null; member: RegExp | null; genre: RegExp | null; notTitle: RegExp | null } | null;
  byline: { id: string; name: RegExp; notName: RegExp } | null;
  runningHeader: { id: string; regex: RegExp } | null;
  headerAbove: RegExp | null;
  journalDate: RegExp | null;
  frontLabel: RegExp | null;
  navLabel: RegExp | null;
  /** headerBlock.chrome: a line of the leading block that is the page's wherever it stands (关注：, 某某杂志社主办). */
  headerChrome: RegExp | null;
  /** headerBlock.affiliation: a body's name alone on the first line, over an abstract's label (the author's affiliation). */
  affiliation: RegExp | null;
  /** headerBlock.frontMatter: a keywords or classification line of a journal article (关键词：, 中图分类号：). */
  frontMatter: RegExp | null;
}

const cache = new WeakMap<BoilerplateRuleSpec, CompiledBoilerplateRules>();

/** The rule set shipped with kg. */
export const DEFAULT_BOILERPLATE_RULES: BoilerplateRuleSpec = shipped;

/** Compile a rule file (memoised per object); throws naming the rule when a pattern is not a valid regex. */
export function compileBoilerplateRules(spec: BoilerplateRuleSpec = DEFAULT_BOILERPLATE_RULES): CompiledBoilerplateRules {
  const hit = cache.get(spec);
  if (hit) return hit;
  const compiled: CompiledBoilerplateRules = {
    spec,
    protectedLine: alternation("protected", spec.protected, ""),
    lineRules: spec.lineRules.map((r) => compileRule(r, "")),
    inlineRules: spec.inlineRules.map((r) => compileRule(r, "g")),
    linkSeparator: new RegExp(`\\s*${spec.linkList.separators}\\s*`),
    titleSuffix: new RegExp(`(?:${spec.linkList.suffixes.map(escapeRegex).join("|")})$`),
    titleTopic: spec.titleTopic
      ? {
          regex: alternation("titleTopic", [spec.titleTopic.pattern], ""),
          minChars: spec.titleTopic.minChars,
          collection: spec.titleTopic.collection ? alternation("titleTopic.collection", [spec.titleTopic.collection], "") : null,
          member: spec.titleTopic.member ? alternation("titleTopic.member", [spec.titleTopic.member], "") : null,
          genre: spec.titleTopic.genre ? alternation("titleTopic.genre", [spec.titleTopic.genre], "") : null,
          notTitle: spec.titleTopic.notTitle ? alternation("titleTopic.notTitle", [spec.titleTopic.notTitle], "") : null,
        }
      : null,
    byline: spec.byline
      ? {
          id: spec.byline.id,
          name: new RegExp(`^[\\u4e00-\\u9fff]{2,${spec.byline.maxNameChars}}$`),
          notName: alternation("byline.notName", [spec.byline.notName], ""),
        }
      : null,
    runningHeader: spec.runningHeader ? { id: spec.runningHeader.id, regex: alternation("runningHeader", [spec.runningHeader.pattern], "") } : null,
    headerAbove: spec.headerBlock.above ? alternation("headerBlock.above", [spec.headerBlock.above], "") : null,
    journalDate: spec.headerBlock.journalDate ? alternation("headerBlock.journalDate", [spec.headerBlock.journalDate], "") : null,
    frontLabel: spec.headerBlock.frontLabel ? alternation("headerBlock.frontLabel", [spec.headerBlock.frontLabel], "") : null,
    navLabel: spec.headerBlock.navLabel ? alternation("headerBlock.navLabel", [spec.headerBlock.navLabel], "") : null,
    headerChrome: spec.headerBlock.chrome ? alternation("headerBlock.chrome", [spec.headerBlock.chrome], "") : null,
    affiliation: spec.headerBlock.affiliation ? alternation("headerBlock.affiliation", [spec.headerBlock.affiliation], "") : null,
    frontMatter: spec.headerBlock.frontMatter ? alternation("headerBlock.frontMatter", [spec.headerBlock.frontMatter], "") : null,
  };
  cache.set(spec, compiled);
  return compiled;
}

function compileRule(rule: PatternRuleSpec, flags: string): CompiledRule {
  return {
    id: rule.id,
    regex: alternation(rule.id, rule.patterns, flags),
    maxLength: rule.maxLength ?? Infinity,
    sentence: rule.sentence ?? false,
    lastSentence: rule.lastSentence ?? false,
    numberedToo: rule.numberedToo ?? false,
  };
}

function alternation(id: string, patterns: string[], flags: string): RegExp {
  try {
    return new RegExp(patterns.map((p) => `(?:${p})`).join("|") || "(?!)", flags);
  } catch (error) {
    throw new Error(`compileBoilerplateRules: rule "${id}" has an invalid pattern. Fix the boilerplate rule file.`, {
      cause: error,
    });
  }
}

function escapeRegex(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}
