/*
 * Boilerplate recognised from the shape of the page rather than one line's words: the list of
 * titles under a 相关推荐-style heading, the block of page chrome at the top of a page (short lines
 * that repeat, interleaved with dates and metadata), a title line repeated right after itself, and an
 * author's name alone at the top of a journal page.
 */
import type { CompiledBoilerplateRules } from "./boilerplate-rules.ts";
import { findLastIndex } from "../util/arrays.ts";
import { isOpen, isTitleLike, namesCollection, namesTitleTopic, SENTENCE_PUNCTUATION, type LineView } from "./line-view.ts";

const SENTENCE_END = /[。!?;…]$/;

/** After a related-links heading, the run of short caption lines that follows it. */
export function markRelatedLists(views: LineView[], rules: CompiledBoilerplateRules): void {
  const spec = rules.spec.relatedList;
  for (let i = 0; i < views.length; i++) {
    if (views[i]!.rule !== spec.afterRule) continue;
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
 * sentences, up to the first real paragraph or enumerated heading. Inside it (after the items of a bulleted menu,
 * a bulleted line after two bulleted lines, are set aside):
 * 1. a run of two or more lines printed twice (a page header repeated) is chrome, every copy but the first copy
 *    of a line naming what a report is about (a title and its subtitle printed over the page and over the text);
 * 2. another short line printed twice is chrome; if it reads like a title, its first copy stays, and so does
 *    the first of two copies of a title that differ by a word (「对X的调研报告」, 「X的调研报告」): a reader starts
 *    the report at the first line that is the report's, whatever page chrome follows it;
 * 3. a short non-title line wedged between two noise lines is chrome;
 * 4. a line titling a collection of reports is chrome, and so is every short line above it; so is every short line
 *    above a collection's first member label (篇一：…), and a Q&A page's answer label (`headerBlock.above`) with the
 *    question and every short line above it;
 * 5. a short line above the last line that names what a report is about (the title) is chrome.
 * A single title line stays.
 */
export function markHeaderBlock(views: LineView[], rules: CompiledBoilerplateRules): void {
  const spec = rules.spec.headerBlock;
  // A long first line over an abstract's label (摘要：…) or a collection's title is the site's description of what
  // follows, not the report's first paragraph: the leading block goes on past it.
  // So is an author's affiliation alone over the abstract's label (某某管理局某分局, then 摘要：…): no title, the page's.
  const [first, second] = firstNonBlank(views, 2);
  if (first !== undefined && second !== undefined && isOpen(first)) {
    const overAbstract = rules.frontLabel?.test(second.trimmed) ?? false;
    const long = first.trimmed.length > spec.maxLineLength;
    if ((long && (overAbstract || (isOpen(second) && namesCollection(second, rules, spec.maxLineLength))))
      || (overAbstract && (rules.affiliation?.test(first.trimmed) ?? false))) first.rule = spec.id;
  }
  const block = leadingBlock(views, spec.scanLines, spec.maxLineLength).filter((view) => !view.blank);
  // 0. A bulleted line after two or more bulleted lines is an item of the site's menu (「• 古典文学」 …), even when it
  //    names a report (「• 2020年…调研报告」, a link): the report's own title stands on a line of its own below.
  block.forEach((view, k) => {
    if (k >= MENU_RUN && BULLET.test(view.trimmed) && block.slice(k - MENU_RUN, k).every((v) => BULLET.test(v.trimmed)) && isOpen(view)) view.rule = spec.id;
  });
  // 0a. A line that is the page's wherever it stands in the block: a label with nothing after its colon (关注：), the
  //     publisher's line (某某杂志社主办).
  for (const view of block) if (isOpen(view) && rules.headerChrome?.test(view.trimmed)) view.rule = spec.id;
  const repeatedRun = markRepeatedRuns(block);
  const groups = new Map<string, LineView[]>();
  // A title printed twice on one line (「X调研报告X调研报告」, a page's breadcrumb run into its heading) is a copy of X.
  // So is a title with the site's word count after it (「X(全文3579字)」).
  for (const view of block) {
    if (!isOpen(view)) continue;
    const key = titleKey(view.trimmed);
    groups.set(key, [...(groups.get(key) ?? []), view]);
  }
  /** Titles printed twice, of which the first copy stays: the page's title over the report's own. */
  const printedTwice = new Set<LineView>();
  for (const copies of groups.values()) {
    if (copies.length < 2) continue;
    const titled = isTitleLike(copies[0]!, rules, spec.maxLineLength);
    // 「X」 over a document site's rows (VIP专免, a date, 14.34KB, 12 页, 侵权投诉 …) and 「X」 again under them: the first
    // copy heads the site's listing, the second is the report's title (as its readers mark it).
    const overRows = titled && copies.length === 2 && rowsBetween(block, copies[0]!, copies[1]!) >= MIN_LISTING_ROWS;
    // 「X范文」 (the page's heading: a sample of X) and 「X」: the report's own title is the copy without 范文.
    const own = copies.find((c) => !SAMPLE_SUFFIX.test(c.trimmed));
    const kept = overRows ? copies[1]! : SAMPLE_SUFFIX.test(copies[0]!.trimmed) && own !== undefined ? own : copies[0]!;
    for (const view of titled ? copies.filter((c) => c !== kept) : copies) view.rule = spec.id;
    if (titled && namesTitleTopic(kept, rules, spec.maxLineLength) && !rules.titleTopic?.notTitle?.test(kept.trimmed)) printedTwice.add(kept);
  }
  // A title with its subtitle printed as a page header and again over the text: the first copy of each title line
  // stays, and the report starts there (as a reader marks it: at the first line that is the report's).
  const firstTitleCopy = new Set<LineView>();
  for (const view of repeatedRun) {
    if (namesTitleTopic(view, rules, spec.maxLineLength)) firstTitleCopy.add([...repeatedRun].find((v) => v.trimmed === view.trimmed)!);
  }
  // A subtitle (——…的思考) that names the topic keeps the title line over it (「从零散走向系统」), however it reads
  // (the copies of a line that reads as no title were all set aside above).
  for (const view of [...firstTitleCopy]) {
    const k = block.indexOf(view);
    const title = block[k - 1];
    if (!SUBTITLE_START.test(view.trimmed) || title === undefined || !repeatedRun.has(title)) continue;
    firstTitleCopy.add(title);
    if (title.rule === spec.id) title.rule = null;
  }
  for (const view of repeatedRun) if (!firstTitleCopy.has(view)) view.rule = spec.id;
  markNearCopies(block, rules, spec.maxLineLength, spec.id);
  // 4. A page's title over a collection of reports (…调研报告锦集3篇, …（通用2篇）) is no report's title: the first
  //    report begins with its own title or text, and what stands above the page's title is the site's.
  //    The title may already be set aside by a line rule (「…(精选8篇)」): what stands above it is the site's all the same.
  markThroughLast(block, (view) => !view.protected && namesCollection(view, rules, spec.maxLineLength), spec.id);
  // 4a. The first member label of a collection page (篇一：…): what stands above it is the page's.
  const member = block.findIndex((view) => isOpen(view) && rules.titleTopic?.member?.test(view.trimmed));
  markAbove(block, member, spec.id);
  // 4b. A Q&A page's answer label (热心网友, 最佳答案): the question over it and the page's lines are no report.
  markThroughLast(block, (view) => rules.headerAbove?.test(view.trimmed) ?? false, spec.id);
  // 4c. A site's section label in English (Regional Quick Navigation) with no report's title above it: the banner
  //     and slogans above it are the page's, and so is the label.
  const nav = findLastIndex(block, (view) => rules.navLabel?.test(view.trimmed) ?? false);
  if (nav >= 0 && !block.slice(0, nav).some((view) => namesReportTitle(view, rules, spec.maxLineLength))) markThrough(block, nav, spec.id);
  for (let k = 1; k < block.length - 1; k++) {
    const view = block[k]!;
    const wedged = block[k - 1]!.rule !== null && block[k + 1]!.rule !== null;
    if (wedged && isOpen(view) && !isTitleLike(view, rules, spec.maxLineLength)) view.rule = spec.id;
  }
  // 3a. The one line of the block still standing, over none but the page's lines and then the text, that reads as no
  //     title and is words parted by spaces (a place and a byline, 「某县某镇 张 某」, over the date and a share prompt):
  //     the page's too. (A short heading, 「存在问题」, is no byline.)
  const standing = block.filter((view) => isOpen(view));
  // (The line after the block: the block leaves its blank lines out, so it is found from the block's last line.)
  const last = block[block.length - 1];
  const after = last === undefined ? undefined : nextNonBlank(views, views.indexOf(last));
  if (standing.length === 1 && after !== undefined && isOpen(after) && BYLINE_WORDS.test(standing[0]!.trimmed) && !isTitleLike(standing[0]!, rules, spec.maxLineLength)) {
    const k = block.indexOf(standing[0]!);
    // (The block holds no blank lines: the line must be the block's first.)
    if (k === 0 && block.slice(1).some((view) => view.rule !== null)) standing[0]!.rule = spec.id;
  }
  // 5. Short lines above the report's title (a site's column, a book's details, an editor's line, a date) are the
  //    page's: the last line of the block that names what a report is about is the title, and the report starts there.
  //    A subtitle (——以…为例) names it too, but follows the title.
  //    A title printed twice is the title too, whatever word it ends on.
  markAbove(block, findLastIndex(block, (view) => namesReportTitle(view, rules, spec.maxLineLength) || printedTwice.has(view)), spec.id);
}

/** Words parted by spaces, as a place and an author's name are (「某县某镇 张 某」). */
const BYLINE_WORDS = /^[\u4e00-\u9fff]{2,10}(?:\s+[\u4e00-\u9fff]{1,4}){1,3}$/;

/** Site rows between two copies of a title that make the first copy the head of a document site's listing. */
const MIN_LISTING_ROWS = 2;

/** Lines between two lines of the block that the site-label rule set aside (a document site's rows: VIP专免, 14.34KB, 12 页). */
function rowsBetween(block: LineView[], a: LineView, b: LineView): number {
  return block.slice(block.indexOf(a) + 1, block.indexOf(b)).filter((v) => v.rule === SITE_ROW).length;
}
/** The line rule of a document site's rows and labels (boilerplate.json). */
const SITE_ROW = "site-label";

/**
 * What a title line is compared by: printed twice over (undoubled), without a site's word count (「(全文3579字)」), and
 * without quotation marks (「有关“三会一课”…」 printed again as 「有关三会一课…」).
 */
function titleKey(t: string): string {
  return undoubled(t).replace(/\s*[(（]\s*(?:全文|共)?\s*\d+\s*字\s*[)）]\s*$/, "").replace(SAMPLE_SUFFIX, "").replace(/[“”"「」‘’]/g, "");
}

/** What a 范文 site adds to a report's title in its own heading (「X范文」, 「X参考范文」). */
const SAMPLE_SUFFIX = /(?:参考)?(?:范文|范例|例文)$/;

/** A line that is one text printed twice over (「XX」, 「X X」) as X; any other line as it is. */
function undoubled(t: string): string {
  const half = t.replace(/\s+/g, "");
  const n = half.length;
  return n >= 8 && n % 2 === 0 && half.slice(0, n / 2) === half.slice(n / 2) ? half.slice(0, n / 2) : t;
}

/** Shortest share of the longer title a near copy holds (「对X的调研报告」 and 「X的调研报告」). */
const NEAR_COPY_SHARE = 0.8;

/** A title printed again with a word more or less (「关于…」 dropped): the later copy is chrome, the first stays. */
function markNearCopies(block: LineView[], rules: CompiledBoilerplateRules, maxLength: number, id: string): void {
  const han = (v: LineView) => v.trimmed.replace(/[^\p{Script=Han}\p{L}\p{N}]/gu, "");
  // A collection member's own title (「篇一：X」 under the page's 「X」) is no copy: the report starts there.
  const titles = block.filter((v) => isOpen(v) && isTitleLike(v, rules, maxLength) && !rules.titleTopic?.member?.test(v.trimmed));
  for (let i = 0; i < titles.length; i++) {
    const a = han(titles[i]!);
    for (const later of titles.slice(i + 1)) {
      const b = han(later);
      const [short, long] = a.length <= b.length ? [a, b] : [b, a];
      // Copies that differ only in spacing or punctuation are left as they are (the later one may carry the title's words whole).
      if (isOpen(later) && short !== long && short.length >= NEAR_COPY_SHARE * long.length && long.includes(short)) later.rule = id;
    }
  }
}

/** A list bullet opening a line, and how many bulleted lines in a row before one make it a menu item. */
const BULLET = /^[•·▪◦●■□◆◇►▸]/;
const MENU_RUN = 2;

/** The first `n` non-blank lines (fewer on a shorter page), without a pass over the whole page. */
function firstNonBlank(views: readonly LineView[], n: number): LineView[] {
  const out: LineView[] = [];
  for (const view of views) {
    if (out.length === n) break;
    if (!view.blank) out.push(view);
  }
  return out;
}

/** The first non-blank line after line i, without copying the lines after it. */
function nextNonBlank(views: readonly LineView[], i: number): LineView | undefined {
  for (let k = i + 1; k < views.length; k++) if (!views[k]!.blank) return views[k];
  return undefined;
}

/** Mark the last line of the block that passes `test` (when open) and the open lines above it; nothing when none passes. */
function markThroughLast(block: LineView[], test: (view: LineView) => boolean, id: string): void {
  const k = findLastIndex(block, test);
  if (k >= 0) markThrough(block, k, id);
}

/** Mark line k of the block (when open) and the open lines above it. */
function markThrough(block: LineView[], k: number, id: string): void {
  if (isOpen(block[k]!)) block[k]!.rule = id;
  markAbove(block, k, id);
}

/** Mark the open lines of the block above line k (none when k < 1). */
function markAbove(block: LineView[], k: number, id: string): void {
  for (const view of block.slice(0, Math.max(0, k))) if (isOpen(view)) view.rule = id;
}

/**
 * A line that reads as a report's title: it names a topic and ends on a genre word (titleTopic.genre; a subtitle
 * after —— on its line aside), and is no keyword line, row of page fields or subtitle (titleTopic.notTitle).
 */
function namesReportTitle(view: LineView, rules: CompiledBoilerplateRules, maxLength: number): boolean {
  const topic = rules.titleTopic;
  if (topic?.genre == null || !isOpen(view)) return false;
  // 「征文 | 当前…存在的问题和解决对策」: a column's short label before a single bar is no part of the title.
  const title = COLUMN_LABEL.exec(view.trimmed)?.[1] ?? view.trimmed;
  if (topic.notTitle?.test(title)) return false;
  return namesTitleTopic(view, rules, maxLength) && topic.genre.test(title.split(SUBTITLE_SPLIT)[0]!);
}

/** A column's short label, a single bar, then the title (group 1). */
const COLUMN_LABEL = /^[^|｜:：]{1,10}\s*[|｜]\s*([^|｜]+)$/;

/** How far down a journal page its front matter may reach. */
const JOURNAL_FRONT_LINES = 40;

/**
 * A journal page's front matter (citation, funding, authors, article history) above the article's title: the last
 * date of the article's history (收稿日期：…, `headerBlock.journalDate`) within the page's first lines, followed by a
 * line that names a report's topic, ends the page's furniture; that line is the title and the report starts there.
 */
export function markJournalFront(views: LineView[], rules: CompiledBoilerplateRules): void {
  const spec = rules.spec.headerBlock;
  if (rules.journalDate === null) return;
  const journalDate = rules.journalDate;
  const date = findLastIndex(views.slice(0, JOURNAL_FRONT_LINES), (view) => !view.blank && journalDate.test(view.trimmed));
  if (date < 0) return;
  const title = views.slice(date + 1, date + 3).find((v) => !v.blank);
  if (title === undefined || !isOpen(title) || !namesTitleTopic(title, rules, spec.maxLineLength)) return;
  for (const view of views.slice(0, date + 1)) if (isOpen(view) && !view.blank) view.rule = spec.id;
}

/** A subtitle alone on its line (「——以某县为例」). */
const SUBTITLE_START = /^(?:——|--)/;

/** Where a title's subtitle begins on its own line (「…对比研究——以某县为例」). */
const SUBTITLE_SPLIT = /——|--/;

/** Open lines that belong to a run of at least two consecutive lines occurring twice in the block. */
function markRepeatedRuns(block: LineView[]): Set<LineView> {
  const found = new Set<LineView>();
  for (let p = 0; p + 1 < block.length; p++) {
    for (let q = p + 1; q + 1 < block.length; q++) {
      if (block[p]!.trimmed !== block[q]!.trimmed || block[p + 1]!.trimmed !== block[q + 1]!.trimmed) continue;
      for (const view of [block[p]!, block[p + 1]!, block[q]!, block[q + 1]!]) if (isOpen(view)) found.add(view);
    }
  }
  return found;
}

function leadingBlock(views: LineView[], scanLines: number, maxLineLength: number): LineView[] {
  const block: LineView[] = [];
  for (const view of views.slice(0, scanLines)) {
    if (view.protected && view.rule === null) break;
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
    // Compared only with lines still standing: if the earlier copy is already noise, this one is the title.
    const standing = recent.some((r) => r.rule === null && r.trimmed === view.trimmed);
    if (isOpen(view) && isTitleLike(view, rules, spec.maxLength) && standing) {
      view.rule = spec.id;
    }
    recent.push(view);
    if (recent.length > spec.window) recent.shift();
  }
}

/** A name in a row of authors over an abstract: two to five Chinese characters. */
const ABSTRACT_AUTHOR = /^[\u4e00-\u9fff]{2,5}$/;
/** Most names in such a row. */
const MAX_NAMES = 6;

/** Two-character surnames, which make a name of four characters. */
const COMPOUND_SURNAME = /^(?:欧阳|司马|诸葛|上官|东方|皇甫|令狐|慕容|尉迟|长孙|宇文|司徒|夏侯|公孙|端木|申屠|澹台|公冶|轩辕|独孤)/;

/** The line rule of a date alone on its line. */
const DATE_ONLY = "date-only";

/** Lines of sentence length and punctuation: a paragraph of body text. */
const MIN_PARAGRAPH = 40;

/**
 * An author's name, or several, alone on the first line of a page (「李 进」, 「李某+++王某某」), followed by the
 * affiliation (already marked by the line rule of the same id), by a date alone, or straight by the body: the report
 * begins after it.
 */
export function markByline(views: LineView[], rules: CompiledBoilerplateRules): void {
  const spec = rules.byline;
  if (spec === null) return;
  const first = views.findIndex((view) => !view.blank && view.rule === null);
  const view = views[first];
  if (view === undefined || view.protected) return;
  // One name (「李 进」, spaced out) or several (「李某+++王某某」, 「李某 王某某」, 「李某、王某」).
  // (A box, a circle or a bullet may mark the name: 「■王某某」, 「○ 王某某」.)
  const name = view.trimmed.replace(/^[□■◇◆●•○◎]\s*/, "").replace(/\s+/g, "");
  // Names set apart by commas may be spaced out themselves (「李某,王某某,江 宇」); else a space parts them.
  const parts = /[+＋、,，]/.test(view.trimmed) ? view.trimmed.split(/[+＋、,，]+/).map((n) => n.replace(/\s+/g, "")) : view.trimmed.split(/\s+/);
  const names = parts.filter((n) => n.length > 0);
  const isName = (n: string) => isBylineName(spec, n);
  // In a list, a name of four characters has a two-character surname (欧阳某某): four-character words side by side
  // (「党建引领,乡村治理,集体经济」) are keywords.
  const listedName = (n: string) => isName(n) && (n.length <= 3 || COMPOUND_SURNAME.test(n));
  const next = nextNonBlank(views, first);
  if (next === undefined) return;
  // Over an abstract's label (摘要：…) a row of names may hold longer ones (a minority name of five characters).
  const overAbstract = rules.frontLabel?.test(next.trimmed) ?? false;
  const rowOfNames = names.length >= 2 && names.length <= MAX_NAMES && names.every((n) => ABSTRACT_AUTHOR.test(n));
  if (!isName(name) && !(names.length >= 2 && names.every(listedName)) && !(overAbstract && rowOfNames)) return;
  // (A feature story may open on a quotation, 「“真是耳目一新！”」, short as it is.)
  const quotation = /^[“"「]/.test(next.trimmed) && SENTENCE_PUNCTUATION.test(next.trimmed);
  const body = next.rule === null && (next.trimmed.length >= MIN_PARAGRAPH || quotation) && SENTENCE_PUNCTUATION.test(next.trimmed);
  // A name over the page's date line (「李某」 then 「2024-01-06 10:21」) is the author's too.
  if (next.rule === spec.id || next.rule === DATE_ONLY || body) view.rule = spec.id;
}

/**
 * A journal article's keywords and classification lines (关键词：…, 中图分类号：…, `headerBlock.frontMatter`) at the top of
 * a page that prints no title, the author's name alone above them or not, then straight the body: the page's front
 * matter; the report begins with its first paragraph. So is an abstract's label alone on its line (「摘要」) there: the
 * report begins with the abstract's text. (Under a title or an abstract they stay in the report.)
 */
export function markLeadingFrontMatter(views: LineView[], rules: CompiledBoilerplateRules): void {
  const front = rules.frontMatter;
  if (front === null) return;
  let k = views.findIndex((view) => !view.blank && view.rule === null);
  if (k < 0) return;
  const lead: LineView[] = [];
  if (rules.byline !== null && isBylineName(rules.byline, views[k]!.trimmed.replace(/\s+/g, ""))) {
    lead.push(views[k]!);
    k = nextOpen(views, k);
  }
  let found = 0;
  // An abstract's label alone on its line (「摘要」), with no title above it, is the page's too: the body starts under it.
  const bareLabel = (view: LineView) => rules.frontLabel !== null && rules.frontLabel.exec(view.trimmed)?.[0].length === view.trimmed.length;
  while (k >= 0 && isOpen(views[k]!) && (front.test(views[k]!.trimmed) || bareLabel(views[k]!))) {
    lead.push(views[k]!);
    found++;
    k = nextOpen(views, k);
  }
  const body = k >= 0 ? views[k]! : undefined;
  if (found === 0 || body === undefined || body.trimmed.length < MIN_PARAGRAPH || !SENTENCE_PUNCTUATION.test(body.trimmed)) return;
  for (const view of lead) view.rule = rules.spec.headerBlock.id;
}

/** Whether a line's text (spaces taken out) is an author's name alone (`byline.name`, not a label of `byline.notName`). */
function isBylineName(spec: NonNullable<CompiledBoilerplateRules["byline"]>, name: string): boolean {
  return spec.name.test(name) && !spec.notName.test(name);
}

/** Index of the next line after `i` that is neither blank nor already set aside, or -1. */
function nextOpen(views: readonly LineView[], i: number): number {
  for (let k = i + 1; k < views.length; k++) if (!views[k]!.blank && views[k]!.rule === null) return k;
  return -1;
}

/** A table of contents' label alone on its line (「目录」, 「提纲：」, 「目录/提纲:……」). */
const TOC_LABEL = /^(?:文章|内容)?(?:目\s*录|提\s*纲)(?:\s*[/／]\s*(?:目\s*录|提\s*纲))?\s*[:：]?\s*[.…。·]*$/;
/** Longest line read as an entry of a table of contents. */
const MAX_TOC_ENTRY = 60;
/** How far from the page's top a table of contents' label may stand (non-blank lines). */
const TOC_SCAN = 8;
const TOC_ID = "table-of-contents";

/**
 * A table of contents near the page's top (a document site prints the report's headings under 「目录/提纲:」 before the
 * text): its label, and the short lines under it that state no sentence (its entries, numbered headings among them,
 * and a closing 「……」), up to the first line of prose. The report starts after it.
 */
export function markTableOfContents(views: LineView[]): void {
  const open = views.filter((view) => !view.blank).slice(0, TOC_SCAN);
  const label = open.find((view) => view.rule === null && TOC_LABEL.test(view.trimmed));
  if (label === undefined) return;
  const entries: LineView[] = [];
  for (let k = views.indexOf(label) + 1; k < views.length; k++) {
    const view = views[k]!;
    if (view.blank) continue;
    if (view.trimmed.length > MAX_TOC_ENTRY || /[。！？!?；;]/.test(view.trimmed.replace(/[.…。·]+$/, ""))) break;
    entries.push(view);
  }
  // A label over fewer than two entries is a heading of the text, not a table (「提纲：」 over a paragraph).
  // (Nor when nothing but entries follows: a page cut inside its table keeps them, kg reads what it can.)
  const after = views.slice(views.indexOf(label) + 1).filter((view) => !view.blank).length;
  if (entries.length < 2 || entries.length === after) return;
  for (const view of [label, ...entries]) view.rule = TOC_ID;
}

/** The shortest line read as cut by a page break when it ends mid-sentence. */
const MIN_CUT_LINE = 20;
/** How a line that runs on ends: without a sentence end, a closing quote or a colon. */
const RUNS_ON = /[^。！？!?…”」)）:：]$/;

/**
 * A document site's running header at a page break (「调查报告」 alone on its line, `runningHeader`) between a line
 * that breaks off mid-sentence and the rest of that sentence: the site's, never a title there.
 */
export function markRunningHeaders(views: LineView[], rules: CompiledBoilerplateRules): void {
  const spec = rules.runningHeader;
  if (spec === null) return;
  let previous: LineView | null = null;
  for (let i = 0; i < views.length; i++) {
    const view = views[i]!;
    if (view.blank) continue;
    if (isOpen(view) && spec.regex.test(view.trimmed) && previous !== null && previous.rule === null && previous.trimmed.length >= MIN_CUT_LINE && RUNS_ON.test(previous.trimmed)) {
      const next = nextNonBlank(views, i);
      if (next !== undefined && next.rule === null) view.rule = spec.id;
    }
    previous = view;
  }
}
