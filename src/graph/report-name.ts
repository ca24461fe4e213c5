/*
 * A report's readable name. The title found in the document wins once page chrome (site
 * navigation, dates, "我要投稿", "内容预览" …: report-name.json) and list numbering are removed;
 * a report with no usable title is named after who it is about (its most-mentioned specific
 * organisation, else its setting: 某中小学, 某社区 …) plus the file and its place in the file:
 * 「某中小学党建调研报告（000_d56…txt 第1篇）」. Pure; the patterns are data.
 */
import rules from "./report-name.json" with { type: "json" };

const CHROME = rules.chrome.map((p) => new RegExp(p, "g"));
const PREFIXES = rules.prefixes.map((p) => new RegExp(p));
const CJK = /[\u4e00-\u9fff]/g;

/** What a report's name is made from. */
export interface ReportNameInput {
  /** The title the segmenter found, or null. */
  title: string | null;
  setting: string;
  /** File name (no directory). */
  fileName: string;
  /** 0-based index of the report in its file. */
  index: number;
  /** Organisations the report mentions, with how often. */
  organisations?: readonly { name: string; mentions: number }[];
}

/** The title without page chrome, list numbering and stray punctuation; null when too little is left. */
export function cleanTitle(raw: string | null | undefined): string | null {
  if (!raw) return null;
  let text = raw.normalize("NFKC");
  for (const re of CHROME) text = text.replace(re, " ");
  text = text.replace(/\s+/g, " ").trim();
  for (const re of PREFIXES) text = text.replace(re, "");
  text = text.replace(/^[\s|:：,，。;；\-—_·•]+|[\s|:：,，;；\-—_·•]+$/g, "").trim();
  const cjk = text.match(CJK)?.length ?? 0;
  if (rules.genericTitles.includes(text)) return null;
  return cjk >= rules.minTitleChars ? text : null;
}

/** A short form of a file name: `000_d566339e5b9149bf.txt` → `000_d56…txt`. */
export function shortFileName(fileName: string): string {
  const dot = fileName.lastIndexOf(".");
  const stem = dot > 0 ? fileName.slice(0, dot) : fileName;
  const ext = dot > 0 ? fileName.slice(dot + 1) : "";
  if (stem.length <= 16) return fileName;
  return `${stem.slice(0, 7)}…${ext}`;
}

/** Who a report without a title is about: its most-mentioned specific organisation, else its setting. */
export function reportSubject(setting: string, organisations: readonly { name: string; mentions: number }[] = []): string {
  const specific = organisations
    .filter((o) => isSpecificOrganisation(o.name) && (setting === "government" || !rules.supervisorSuffixes.some((s) => o.name.endsWith(s))))
    .sort((a, b) => b.mentions - a.mentions || a.name.length - b.name.length || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  if (specific[0]) return specific[0].name;
  const subjects = rules.subjects as Record<string, string>;
  return subjects[setting] ?? subjects.unknown!;
}

const SUFFIXES = [...rules.organisationSuffixes].sort((a, b) => b.length - a.length);
const HEADS = [...rules.genericHeads].sort((a, b) => b.length - a.length);

/** Whether an organisation name names someone in particular (江西社区) rather than a kind of body (学校党支部). */
export function isSpecificOrganisation(name: string): boolean {
  if (!SUFFIXES.some((s) => name.endsWith(s))) return false;
  let rest = name;
  for (let changed = true; changed; ) {
    changed = false;
    for (const s of SUFFIXES) {
      if (rest.endsWith(s) && rest.length > s.length) {
        rest = rest.slice(0, -s.length);
        changed = true;
        break;
      }
    }
  }
  for (const h of HEADS) rest = rest.split(h).join("");
  return (rest.match(CJK)?.length ?? 0) >= 2;
}

/** The report's display name: its clean title, or the readable fallback. */
export function reportName(input: ReportNameInput): { name: string; title: string | null } {
  const title = cleanTitle(input.title);
  if (title) return { name: title, title };
  const subject = reportSubject(input.setting, input.organisations);
  return { name: `${subject}${rules.fallbackSuffix}（${shortFileName(input.fileName)} 第${input.index + 1}篇）`, title: null };
}
