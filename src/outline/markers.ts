/*
 * Enumeration markers of Chinese reports (一、 / (一) / 1、 1. / (1) / ① / 一是 / 首先), found at line
 * starts and inside run-on text that has lost its line breaks. A marker inside a sentence
 * ("本科生一、二年级") is rejected by where it stands, not by what follows it.
 */
import type { Line, MarkerKind, Span } from "../types.ts";
import { firstAbove } from "../util/arrays.ts";

/** One enumeration marker found in the text. */
export interface Marker {
  kind: MarkerKind;
  /** The marker as written, e.g. "（三）", "2、", "一是"; "、" when the digit was lost. */
  text: string;
  /** 1-based value, or null when the number was lost. */
  ordinal: number | null;
  /** Offset of the marker's first character. */
  start: number;
  /** Offset just after the marker (where the heading starts). */
  end: number;
  line: number;
  atLineStart: boolean;
}

const CN_DIGITS: Record<string, number> = { 一: 1, 二: 2, 两: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9 };

/** Parse a Chinese numeral up to 99 ("三", "十二", "二十一"); null if not one. */
export function parseChineseNumber(s: string): number | null {
  if (/^\d+$/.test(s)) return Number(s);
  if (s === "十") return 10;
  const m = /^([一二三四五六七八九]?)(十?)([一二三四五六七八九]?)$/.exec(s);
  if (!m || s.length === 0) return null;
  const [, tens, ten, units] = m;
  if (ten) return (tens ? (CN_DIGITS[tens] ?? 0) : 1) * 10 + (units ? (CN_DIGITS[units] ?? 0) : 0);
  if (tens && !units) return CN_DIGITS[tens] ?? null;
  return null;
}

const CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳";
const CN = "[一二三四五六七八九十]{1,3}";

interface Pattern {
  kind: MarkerKind;
  re: RegExp;
  /** Structural markers make the outline's skeleton; inline ones (一是, 首先, ①) are sub-points. */
  inline: boolean;
  /** Read only at a line start (decimal sub-headings: 「面积4.5平方公里」 inside a sentence is a number). */
  lineStart?: boolean;
}

/**
 * Decimal sub-headings (「2.1 加强组织建设」, 「2.1.1农村干部年龄老化」, 「3.1、」): the ordinal is the last number.
 * A heading follows (a Chinese character or a quotation mark), not a unit: 「1.5万名党员」 is a figure.
 */
const DECIMAL_TAIL = "\\s*[、.．]?\\s*(?=[“\"「《]|(?![万亿元个倍年月日号名人次条项千百余多])\\p{Script=Han})";
/** After three parts (「2.1.1人员流动频繁」) no figure can follow: any heading does. */
const DECIMAL_SUB_TAIL = "\\s*[、.．]?\\s*(?=[“\"「《]|\\p{Script=Han})";

// Sticky regexes, tried at candidate positions. Order matters: longer forms first.
const PATTERNS: Pattern[] = [
  { kind: "arabic-decimal-sub", re: new RegExp(`\\d{1,2}[.．]\\d{1,2}[.．](\\d{1,2})${DECIMAL_SUB_TAIL}`, "uy"), inline: false, lineStart: true },
  { kind: "arabic-decimal", re: new RegExp(`\\d{1,2}[.．](\\d{1,2})${DECIMAL_TAIL}`, "uy"), inline: false, lineStart: true },
  { kind: "cn-paren", re: new RegExp(`[（(〔]\\s*(${CN})\\s*[）)〕]\\s*[、.．,，]?`, "y"), inline: false },
  { kind: "arabic-paren", re: /[（(〔]\s*(\d{1,2})\s*[）)〕]\s*[、.．]?/y, inline: false },
  { kind: "cn-dun", re: new RegExp(`(${CN})\\s*(?:[、]|[.．](?![\\d]))`, "y"), inline: false },
  { kind: "arabic-dun", re: /(\d{1,2})\s*(?:[、]|[.．](?![\d%]))/y, inline: false },
  { kind: "circled", re: new RegExp(`([${CIRCLED}])`, "y"), inline: true },
  { kind: "cn-shi", re: new RegExp(`其?(${CN})是(?![否的])`, "y"), inline: true },
  { kind: "ordinal-word", re: /(首先|其次|再次|最后|第[一二三四五六七八九十]{1,2})(?:(?=[,，:：、])[,，:：、]?|是(?![否的]))/y, inline: true },
];

const ORDINAL_WORDS: Record<string, number> = { 首先: 1, 其次: 2, 再次: 3, 最后: 99 };

/** Characters after which a new item may start inside a line (】 closes a bracketed label: 【问题】一是…). */
const SENTENCE_END = /[。；;：:！!？?】]\s*$/;

/** Whether a marker kind is structural (builds the outline skeleton) rather than an inline sub-point. */
export function isInlineKind(kind: MarkerKind): boolean {
  return kind === "cn-shi" || kind === "ordinal-word" || kind === "circled" || kind === "bullet";
}

/**
 * Find enumeration markers in [span.start, span.end) of `text`, skipping `skip` spans (noise, duplicates).
 * `text` is the normalised document text; `lines` its lines.
 */
export function scanMarkers(
  text: string,
  lines: Line[],
  span: Span,
  skip: Span[] = [],
  isSectionHeading?: (heading: string) => boolean,
): Marker[] {
  const markers: Marker[] = [];
  const skipSorted = [...skip].sort((a, b) => a.start - b.start);
  for (const line of lines) {
    if (line.end <= span.start || line.start >= span.end) continue;
    const from = Math.max(line.start, span.start);
    const to = Math.min(line.end, span.end);
    const before = markers.length;
    scanLine(text, line, from, to, skipSorted, markers);
    const startsWithMarker = markers.length > before && markers[before]!.atLineStart;
    if (!startsWithMarker && isSectionHeading) {
      const heading = unnumberedHeading(text, line, from, to, skipSorted, isSectionHeading);
      if (heading) markers.splice(before, 0, heading);
    }
  }
  return markers;
}

/** Longest unnumbered line still read as a section heading ("存在的问题", "对策建议："). */
const MAX_UNNUMBERED_HEADING = 30;

/** A heading of two phrases that names the measures after them: 「唤醒A，重塑B的措施」 (a comma, yet no sentence). */
const TITLED_MEASURES = /的(?:措施|对策|举措|路径|建议)$/;

/**
 * A short line without a marker that names a section (Word's automatic numbering is lost when a .docx
 * is read as text, leaving headings like "存在的问题" bare): an item of kind "none".
 */
function unnumberedHeading(
  text: string,
  line: Line,
  from: number,
  to: number,
  skip: Span[],
  isSectionHeading: (heading: string) => boolean,
): Marker | null {
  const first = from + leadingJunk(text.slice(from, to));
  const heading = text.slice(first, to).replace(/[*#\s]+$/, "");
  if (inSkip(first, skip) || heading.length === 0 || heading.length > MAX_UNNUMBERED_HEADING) return null;
  if (/[。；;！!？?]/.test(heading) || (/[，,]/.test(heading) && !TITLED_MEASURES.test(heading))) return null;
  if (!isSectionHeading(heading.replace(/[:：]$/, ""))) return null;
  return { kind: "none", text: "", ordinal: null, start: first, end: first, line: line.number, atLineStart: true };
}

/** Length of white space and Markdown decoration (#, >, *, -, **) at the start of a line. */
function leadingJunk(s: string): number {
  return /^(?:\s|#{1,6}\s|[*\-+]\s|\*\*|>\s)*/.exec(s)?.[0].length ?? 0;
}

function inSkip(offset: number, skip: Span[]): boolean {
  for (const s of skip) {
    if (s.start > offset) return false;
    if (offset < s.end) return true;
  }
  return false;
}

/** 1 at the code units a marker can start with (MARKER_START_RE, tested once per code unit, not once per character of every line). */
const MARKER_START_RE = /[一二三四五六七八九十（(〔\d①-⑳其首再最第、]/;
const MARKER_START = (() => {
  const table = new Uint8Array(0x10000);
  for (let c = 0; c < 0x10000; c++) table[c] = MARKER_START_RE.test(String.fromCharCode(c)) ? 1 : 0;
  return table;
})();

/**
 * A bullet at a line start ("● A", "• A：…"): a list item without a number. A dash pair opens one when a short
 * heading and its sentence end follow, then more text (「——数量偏少。全镇…」); a subtitle (「——以某镇为例」) has none.
 */
const BULLET = /(?:[●•◆◇■□▲△★☆※·▪►▶]|——(?=[\u4e00-\u9fff“"][^。；;：:，,\n]{1,18}[。；;：:]\s*\S))\s*/y;
/** A Markdown list dash among a line's leading decoration (「- 」, 「* 」, 「+ 」), the last one. */
const MD_BULLET = /(?:^|\s)[-*+]\s+$/;

function scanLine(text: string, line: Line, from: number, to: number, skip: Span[], out: Marker[]) {
  // Line start: first character after white space and Markdown decoration.
  let first = from + leadingJunk(text.slice(from, to));
  let lastAccepted: Marker | null = null;
  /** The ordinal of the last marker of each kind accepted on this line. */
  const lastOrdinal = new Map<MarkerKind, number | null>();
  BULLET.lastIndex = first;
  // A Markdown list item (「- 加强…；」) is a bullet too, unless a number follows it (「- 1. …」: decoration).
  const dash = MD_BULLET.exec(text.slice(from, first));
  const bullet = dash ? Object.assign([dash[0]], { index: from + dash.index }) as RegExpExecArray : BULLET.exec(text);
  if (bullet && !inSkip(first, skip) && first + (dash ? 0 : bullet[0].length) < to) {
    const after = dash ? first : first + bullet[0].length;
    const start = dash ? from + dash.index + dash[0].length - dash[0].trimStart().length : first;
    // "• 2. 现有机制": the number after the bullet is the marker.
    if (matchAt(text, after, to, line, true) === null) {
      const m: Marker = { kind: "bullet", text: bullet[0].trim(), ordinal: null, start, end: after, line: line.number, atLineStart: true };
      out.push(m);
      lastAccepted = m;
    }
    first = after;
  }
  // 「问题一：党员参与度不足」, 「对策二：…」: a label numbered in words opens an item like （一） does.
  LABELLED_ITEM.lastIndex = first;
  const labelled = lastAccepted === null && !inSkip(first, skip) ? LABELLED_ITEM.exec(text) : null;
  const ordinal = labelled ? parseChineseNumber(labelled[1]!) : null;
  if (labelled && ordinal !== null && first + labelled[0].length < to) {
    const m: Marker = { kind: "cn-paren", text: labelled[0].trim(), ordinal, start: first, end: first + labelled[0].length, line: line.number, atLineStart: true };
    out.push(m);
    lastAccepted = m;
    lastOrdinal.set(m.kind, ordinal);
    first = m.end;
  }
  const runOn = to - from >= MIN_RUN_ON_LINE ? runOnCandidates(text, line, first, to, skip) : null;
  const lastOfKind = new Map<MarkerKind, Marker>();
  for (let p = first; p < to; p++) {
    // On a run-on line a bullet after a sentence end or a colon starts an item (「…存在以下问题：• A：…。• B：…」).
    // A Markdown dash (「；- A；- B」) does too, and so does the first of such a list, after its label (「具体措施- A；- B」).
    if (runOn && p > first && LIST_SIGN.test(text[p]!) && inlineListItem(text, p, from, to) && /[\u4e00-\u9fff“"]/.test(text.slice(p + 1, p + 3)) && !inSkip(p, skip)) {
      const end = p + 1 + (/^\s*/.exec(text.slice(p + 1))?.[0].length ?? 0);
      const m: Marker = { kind: "bullet", text: text[p]!, ordinal: null, start: p, end, line: line.number, atLineStart: false };
      out.push(m);
      lastAccepted = m;
      p = end - 1;
      continue;
    }
    if (MARKER_START[text.charCodeAt(p)] !== 1) continue;
    if (inSkip(p, skip)) continue;
    const atLineStart = p === first;
    // (On a run-on line a decimal sub-heading may stand inside it: 「…。1.2 现状分析目前…」; the candidates' scan has
    // matched most positions already.)
    const seen = atLineStart ? undefined : runOn?.matched.get(p);
    const m = seen !== undefined ? seen : matchAt(text, p, to, line, atLineStart, runOn !== null);
    if (!m) continue;
    if (
      !atLineStart &&
      !acceptedInside(text, line, m, lastAccepted) &&
      !afterSpace(text, line, m, lastOrdinal) &&
      !(runOn && inRunOnSequence(m, lastOfKind.get(m.kind), runOn))
    ) continue;
    out.push(m);
    lastAccepted = m;
    lastOrdinal.set(m.kind, m.ordinal);
    lastOfKind.set(m.kind, m);
    p = m.end - 1;
  }
}

/** A label numbered in words at a line start (「问题一：」, 「对策二：」, 「建议三:」), the number in group 1. */
const LABELLED_ITEM = new RegExp(`(?:问题|对策|建议|措施|举措|路径|原因)\\s*(${CN})\\s*[:：]\\s*`, "y");

/** Bullets read inside a run-on line (after a sentence end or a colon). */
const INLINE_BULLETS = "●•◆■▪";
/** The first character of an item a run-on line may hold: one of those bullets or a Markdown dash. */
const LIST_SIGN = new RegExp(`[${INLINE_BULLETS}-]`);
/** A list item's bullet (•) or Markdown dash and space (「- 」) before a Chinese character. */
const LIST_ITEM = new RegExp(`(?:[${INLINE_BULLETS}]\\s*|-\\s)(?=[\\u4e00-\\u9fff“"])`, "y");
/** Farthest the next item of a list may start after the end of this one's sentence. */
const NEXT_ITEM_GAP = 2;

/**
 * Whether the bullet or dash at `p` opens an item of a list on a run-on line: after a sentence end (「。• B」, 「；- B」),
 * or right before its own sentence end that the list's next item follows (「2.1 加强X• A：…。• B：…」, 「具体措施- A；- B」:
 * the first item, after its heading or label).
 */
function inlineListItem(text: string, p: number, from: number, to: number): boolean {
  LIST_ITEM.lastIndex = p;
  const own = LIST_ITEM.exec(text);
  if (own === null) return false;
  if (SENTENCE_END.test(text.slice(Math.max(from, p - 3), p))) return true;
  const body = p + own[0].length;
  const stop = text.slice(body, Math.min(to, body + MAX_LIST_ITEM)).search(/[。；;]/);
  if (stop < 0) return false;
  const next = body + stop + 1;
  LIST_ITEM.lastIndex = next + (/^\s{0,2}/.exec(text.slice(next, next + NEXT_ITEM_GAP))?.[0].length ?? 0);
  const following = LIST_ITEM.exec(text);
  // The next item opens with the same sign.
  return following !== null && following[0].trim()[0] === own[0].trim()[0];
}
/** Longest list item looked through for its sentence end. */
const MAX_LIST_ITEM = 200;

/** A line this long is text that has lost its line breaks (a page pasted or scraped onto one line). */
const MIN_RUN_ON_LINE = 300;
/** Farthest apart two consecutive items of one list may start on such a line. */
const MAX_RUN_ON_GAP = 2000;

/** The structural markers of a run-on line that `inRunOnSequence` may accept: by start, and the starts of each kind and number. */
interface RunOnCandidates {
  starts: Set<number>;
  /** `${kind}:${ordinal}` → starts in text order. */
  byNumber: Map<string, number[]>;
  /** What matchAt found (or null) at each position the scan tried inside the line, for scanLine to read again. */
  matched: Map<number, Marker | null>;
}

/**
 * The structural markers inside a run-on line that a heading follows (a Chinese character or a quotation mark, not
 * a numeral: 「一、二年级」 is a range), the candidates of `inRunOnSequence`.
 */
function runOnCandidates(text: string, line: Line, first: number, to: number, skip: Span[]): RunOnCandidates {
  const out: RunOnCandidates = { starts: new Set(), byNumber: new Map(), matched: new Map() };
  for (let p = first + 1; p < to; p++) {
    if (MARKER_START[text.charCodeAt(p)] !== 1 || inSkip(p, skip)) continue;
    const m = matchAt(text, p, to, line, false, true);
    out.matched.set(p, m);
    if (!m || isInlineKind(m.kind) || m.ordinal === null) continue;
    if (!/^[\u4e00-\u9fff“"「《]/.test(text.slice(m.end, m.end + 1))) continue;
    out.starts.add(m.start);
    const key = `${m.kind}:${m.ordinal}`;
    const list = out.byNumber.get(key);
    if (list) list.push(m.start);
    else out.byNumber.set(key, [m.start]);
    p = m.end - 1;
  }
  return out;
}

/**
 * A structural marker inside a run-on line where nothing marks the lost break before it (「…点击这里给我发消息4、党员
 * 队伍素质提高难。…5、企业党务干部处境难。…」): it starts an item when it continues the list of its kind that this
 * line has accepted by one, or when the next number of its kind follows it on the line; each within
 * MAX_RUN_ON_GAP. A lone number inside a sentence (「第1、」, 「共3、」) has no such neighbour.
 */
function inRunOnSequence(m: Marker, previous: Marker | undefined, candidates: RunOnCandidates): boolean {
  if (isInlineKind(m.kind) || m.ordinal === null || !candidates.starts.has(m.start)) return false;
  if (previous && previous.ordinal === m.ordinal - 1 && m.start - previous.start <= MAX_RUN_ON_GAP) return true;
  const next = candidates.byNumber.get(`${m.kind}:${m.ordinal + 1}`);
  if (!next) return false;
  // The first start of the next number after this marker (starts are in text order).
  const k = firstAbove(next, m.end, (start) => start);
  return k < next.length && next[k]! - m.start <= MAX_RUN_ON_GAP;
}

function matchAt(text: string, p: number, to: number, line: Line, atLineStart: boolean, decimalsInside = false): Marker | null {
  // A lost leading digit ("、组织建设") only counts at a line start.
  if (text[p] === "、") {
    if (!atLineStart || !/[\u4e00-\u9fff“"]/.test(text[p + 1] ?? "")) return null;
    return { kind: "arabic-dun", text: "、", ordinal: null, start: p, end: p + 1, line: line.number, atLineStart };
  }
  for (const pat of PATTERNS) {
    if (pat.lineStart && !atLineStart && !decimalsInside) continue;
    pat.re.lastIndex = p;
    const m = pat.re.exec(text);
    if (!m || m.index !== p) continue;
    const end = Math.min(p + m[0].length, to);
    // A bare marker at the end of a line is not an item, unless a hard wrap put its clause on the next line (「…形象。三是⏎
    // “隐形党员”的存在…」).
    if (end >= to && pat.kind !== "cn-dun" && !(pat.kind === "cn-shi" && clauseOnNextLine(text, to))) continue;
    const raw = m[1] ?? "";
    const ordinal = pat.kind === "circled" ? CIRCLED.indexOf(raw) + 1 : (ORDINAL_WORDS[raw] ?? parseChineseNumber(raw.replace(/^第/, "")));
    if (ordinal === null) continue;
    // Digits glued to a preceding digit or followed by more digits are numbers, not markers.
    if (pat.kind === "arabic-dun" && /\d/.test(text[p - 1] ?? "")) continue;
    return { kind: pat.kind, text: m[0].trim(), ordinal, start: p, end, line: line.number, atLineStart };
  }
  return null;
}

/** Whether the line ending at `lineEnd` is followed by a line that opens with a clause (a Chinese character or a quote). */
function clauseOnNextLine(text: string, lineEnd: number): boolean {
  return text[lineEnd] === "\n" && /^[ \t\u3000]*[\u4e00-\u9fff“"「]/.test(text.slice(lineEnd + 1, lineEnd + 8));
}

/** A line this long that holds spaces where its breaks were (a page scraped onto one line). */
const MIN_SPACED_LINE = 80;

/**
 * A structural marker after white space inside a long line: a page scraped onto one line keeps a space
 * where a line break stood (「…报告如下 一、基本情况 全县… 二、存在的问题 （一）…」). It starts an item
 * when it opens its list (1) or continues the list of its kind on this line by one, and a heading follows;
 * 「一、二年级」 is a range, not an item.
 */
function afterSpace(text: string, line: Line, m: Marker, lastOrdinal: ReadonlyMap<MarkerKind, number | null>): boolean {
  if (isInlineKind(m.kind) || m.ordinal === null || line.end - line.start < MIN_SPACED_LINE) return false;
  if (!/[^\s]\s+$/.test(text.slice(Math.max(line.start, m.start - 4), m.start))) return false;
  if (!/^\s*[\u4e00-\u9fff“"「《]/.test(text.slice(m.end, m.end + 4))) return false;
  if (/^\s*[一二三四五六七八九十\d]/.test(text.slice(m.end, m.end + 3)) && m.kind === "cn-dun") return false;
  const previous = lastOrdinal.get(m.kind);
  return m.ordinal === 1 ? previous === undefined || previous !== 1 : previous === m.ordinal - 1;
}

/**
 * A lead-in that counts the ways an item shows before its sub-points (「二是管理松散。具体表现为四点，一是A。二是B。」):
 * the 一是 after its comma opens a list of sub-points even inside an open 一是 sequence.
 */
const SUB_POINT_LEAD = /(?:表现|体现)(?:在|为)[^。；;,，]{0,6}(?:[两二三四五六七八九十\d]|几)个?(?:方面|点)[,，]\s*$/;

/** Whether a marker found inside a line (not at its start) really starts an item. */
function acceptedInside(text: string, line: Line, m: Marker, last: Marker | null): boolean {
  const before = text.slice(Math.max(line.start, m.start - 3), m.start);
  if (SENTENCE_END.test(before)) return true;
  // "…提出三点要求，一是要A。二是要B。": a sequence opened after a comma, when its 二是 follows (on the line or at a
  // later line's start: 「从走访情况看，一是A。…⏎二是B。」); not
  // inside an item of an open 一是 sequence (「一是A。具体有两点，一是B…」: its sub-points).
  if (m.kind === "cn-shi" && m.ordinal === 1 && /[,，]\s*$/.test(before) && (last?.kind !== "cn-shi" || SUB_POINT_LEAD.test(text.slice(Math.max(line.start, m.start - 24), m.start)))) {
    if (/(?:[。；;,，]|\n)\s*其?二是/.test(text.slice(m.end, m.end + 800))) return true;
  }
  // "…一是…，二是…": an inline sequence continued after a comma.
  if (isInlineKind(m.kind) && last && last.kind === m.kind && last.ordinal !== null && m.ordinal === last.ordinal + 1) {
    return /[,，]\s*$/.test(before) && m.start - last.start < 800;
  }
  // Run-on text: "二、存在的问题1、发展…" / "二、存在的问题一是…" — the first item glued to a short heading.
  const glueLimit = isInlineKind(m.kind) ? 20 : 40;
  if (last && !isInlineKind(last.kind) && m.ordinal === 1 && last.kind !== m.kind && m.start - last.end <= glueLimit) {
    return !/[。；;！!？?,，]/.test(text.slice(last.end, m.start));
  }
  return false;
}

/** A section number without a mark after it at a line start (「2 存在的问题」): a heading only when 2.1 … follow. */
const BARE_SECTION_NUMBER = /^(\d{1,2})[ \t\u3000]+(?=\p{Script=Han})/u;
/** Longest line read as such a bare-numbered heading. */
const MAX_BARE_NUMBERED_HEADING = 40;

/**
 * The headings numbered with a bare 「2 」 over decimal sub-headings (「2 存在的问题」 then 「2.1 …」, 「2.2 …」):
 * an item (kind arabic-dun) for each short line of `span` that opens with a number followed by a space, when a
 * decimal sub-heading of that number (2.1, 2.1、) follows it in `markers`. Without such sub-headings a number at a
 * line start is a figure or a page number, never read.
 */
export function bareNumberedHeadings(text: string, lines: Line[], span: Span, markers: readonly Marker[]): Marker[] {
  const decimals = markers.filter((m) => m.kind === "arabic-decimal");
  if (decimals.length === 0) return [];
  const out: Marker[] = [];
  for (const line of lines) {
    if (line.end <= span.start || line.start >= span.end) continue;
    const from = Math.max(line.start, span.start);
    const first = from + leadingJunk(text.slice(from, line.end));
    const rest = text.slice(first, line.end);
    const m = BARE_SECTION_NUMBER.exec(rest);
    if (!m || rest.trim().length > MAX_BARE_NUMBERED_HEADING || /[。；;！!？?]/.test(rest)) continue;
    const n = m[1]!;
    const child = decimals.find((d) => d.start > first && new RegExp(`^${n}[.．]\\d`).test(d.text));
    if (!child) continue;
    out.push({ kind: "arabic-dun", text: n, ordinal: Number(n), start: first, end: first + m[0].length, line: line.number, atLineStart: true });
  }
  return out;
}
