/*
 * Institutional mechanisms (三会一课, 民主评议党员 …): lexicon aliases mapped to canonical names, plus
 * discovery of unlisted ones from …制度/…机制/…责任制 forms, quoted and 《》 terms, and "A、B等制度" lists.
 * Generic words (管理制度, 规章制度, 工作机制) are excluded; slogans are left to the slogan extractor; campaigns
 * (entries marked `campaign`: 先进性教育活动, 三严三实 …) are recognised but not reported.
 */
import type { MechanismMention } from "../../types.ts";
import type { MechanismLexicon } from "../lexicon.ts";
import { compileLexicon, resolveOverlaps, type LexiconMatcher } from "./lexicon-matcher.ts";
import { compactIndex, escapeRegExp, isHan, nameKey, occurrenceOf, type TextView, type WordsByLast, wordsByLast } from "./text-view.ts";

interface Candidate {
  start: number;
  end: number;
  name: string;
  source: string;
  priority: number;
  /** The quoted words of a discovered quoted name: "“X”党建机制" and "“X”党建工作机制" are one mechanism. */
  quoted?: string;
}

/** Compiled mechanism lexicon. */
export interface MechanismMatcher {
  lexicon: LexiconMatcher;
  absorb: string[];
  suffixRe: RegExp;
  suffixes: string[];
  quotedRe: RegExp;
  quotedEndings: string[];
  bookRe: RegExp;
  bookEndings: string[];
  listRe: RegExp;
  boundaries: string[];
  /** `boundaries` indexed by last character. */
  boundariesByLast: WordsByLast;
  boundaryExceptions: Record<string, string[]>;
  strong: string[];
  generic: Set<string>;
  genericWords: Set<string>;
  genericInfixes: string[];
  rejectInfixes: string[];
  rejectCoreEnds: string[];
  notJoinerAfter: string;
  notJoinerBefore: string;
  genericPrefixRe: RegExp;
  stripPrefixRe: RegExp;
  min: number;
  max: number;
  notFollowedBy: string[];
  activityRe: RegExp;
  partyRe: RegExp;
  partyWords: string[];
  subjectNouns: string[];
  /** Canonical names of campaigns: matched (they shadow discoveries inside them) but not reported. */
  campaigns: Set<string>;
}

const JOINERS = /[和与及]/u;
const alt = (words: string[]): string => [...words].sort((a, b) => b.length - a.length).map(escapeRegExp).join("|");

/** Compile the mechanism lexicon once. */
export function compileMechanisms(lex: MechanismLexicon): MechanismMatcher {
  const d = lex.discovery;
  return {
    lexicon: compileLexicon(lex.entries, alt(lex.absorbSuffixes)),
    absorb: [...lex.absorbSuffixes].sort((a, b) => b.length - a.length),
    suffixRe: new RegExp(`(?:${alt(d.suffixes)})`, "gu"),
    notFollowedBy: d.notFollowedBy,
    activityRe: new RegExp(`(?:${alt(d.verbActivity.verbs)})([\\p{Script=Han}]{2,${d.verbActivity.maxCore}}?)(?:${alt(d.verbActivity.suffixes)})`, "gu"),
    partyRe: new RegExp(`(?:${alt(d.partySuffixes.suffixes)})`, "gu"),
    partyWords: d.partySuffixes.coreMustContain,
    subjectNouns: d.subjectNouns ?? [],
    suffixes: [...d.suffixes].sort((a, b) => b.length - a.length),
    quotedRe: new RegExp(`“([^“”\\n]{2,24})”(?:的)?(${alt(d.quotedSuffixes)})?`, "gu"),
    quotedEndings: d.quotedEndings,
    bookRe: /《([^《》\n]{2,30})》/gu,
    bookEndings: d.bookEndings,
    listRe: new RegExp(`等[\\p{Script=Han}]{0,6}?(?:${alt(d.listTails)})`, "gu"),
    boundaries: [...d.leftBoundaries].sort((a, b) => b.length - a.length),
    boundariesByLast: wordsByLast([...d.leftBoundaries].sort((a, b) => b.length - a.length)),
    boundaryExceptions: d.boundaryExceptions,
    strong: d.strongSuffixes,
    generic: new Set(d.genericTerms),
    genericWords: new Set(d.genericWords),
    genericInfixes: d.genericInfixes,
    rejectInfixes: d.rejectInfixes ?? [],
    rejectCoreEnds: d.rejectCoreEnds ?? [],
    notJoinerAfter: d.notJoinerAfter ?? "",
    notJoinerBefore: d.notJoinerBefore ?? "",
    genericPrefixRe: new RegExp(`^(?:${d.genericPrefixes.join("|")})+`, "u"),
    stripPrefixRe: new RegExp(`^(?:${alt(d.stripPrefixes)})+`, "u"),
    min: d.minLength,
    max: d.maxLength,
    campaigns: new Set(lex.entries.filter((e) => e.campaign).map((e) => e.name)),
  };
}

/** Canonical lexicon name for a term (whole term, or without a generic tail or an organisation prefix). */
export function canonicalMechanism(m: MechanismMatcher, term: string): string | undefined {
  const tries = [term];
  for (const s of m.absorb) if (term.endsWith(s) && term.length > s.length) tries.push(term.slice(0, -s.length));
  const stripped = term.replace(m.stripPrefixRe, "");
  if (stripped !== term && stripped.length >= 2) {
    tries.push(stripped);
    for (const s of m.absorb) if (stripped.endsWith(s) && stripped.length > s.length) tries.push(stripped.slice(0, -s.length));
  }
  for (const t of tries) {
    const hit = m.lexicon.lookup(t);
    if (hit) return hit;
  }
  return undefined;
}

/** A listed mechanism that ends the term and covers most of it ("区委常委基层党建联系点制度" is 联系点制度). */
function listedHead(m: MechanismMatcher, term: string): string | undefined {
  const all = m.lexicon.scan(term);
  const hits = all.filter((h) => h.end === term.length && (h.end - h.start) * 2 >= term.length);
  hits.sort((a, b) => a.start - b.start);
  if (hits[0]) return hits[0].name;
  // "在职党员进社区双报到活动": two aliases of one mechanism side by side.
  const head = all.find((h) => h.start === 0);
  return head && all.some((h) => h.end === term.length && h.name === head.name) ? head.name : undefined;
}

/** Start of a term that ends at `end`: walk left over Han characters until a boundary word or `max`. */
function termStart(m: MechanismMatcher, compact: string, end: number, limit: number): number | null {
  let j = end;
  let joined = 0;
  while (j > 0 && end - j < limit + joined) {
    // "党小组+团小组+宿舍长联动机制": a "+" between Han words joins one name (and each part may be full length).
    if (compact[j - 1] === "+" && isHan(compact[j - 2]) && j < end) {
      j--;
      joined += 4;
      continue;
    }
    if (!isHan(compact[j - 1])) return j;
    const boundary = m.boundariesByLast.endingAt(compact, j).find((w) => j - w.length >= 0 && compact.startsWith(w, j - w.length));
    if (boundary && !m.boundaryExceptions[boundary]?.some((x) => compact.startsWith(x, j))) return j;
    if (j < end && m.suffixes.some((w) => j - w.length >= 0 && compact.startsWith(w, j - w.length))) return j;
    j--;
  }
  return j === 0 || !isHan(compact[j - 1]) ? j : null;
}

/** True when a discovered term is only generic words ("管理制度", "各项规章制度", "工作和管理"). */
function isGeneric(m: MechanismMatcher, core: string): boolean {
  if (core.length < m.min || m.genericInfixes.some((w) => core.includes(w))) return true;
  const stripped = core.replace(m.stripPrefixRe, "");
  if (stripped.length < 2 || m.generic.has(core) || m.generic.has(stripped)) return true;
  // The head of "A和B" is B: "途径和保障机制" is a 保障机制.
  const join = lastJoiner(m, core);
  const last = join > 0 ? core.slice(join + 1) : core;
  if (last !== core && (m.generic.has(last) || onlyGeneric(m, last))) return true;
  return onlyGeneric(m, core) || onlyGeneric(m, stripped);
}

/** Can the whole string be cut into generic words (and joining 和/与/及/的)? */
function onlyGeneric(m: MechanismMatcher, s: string): boolean {
  const ok = new Uint8Array(s.length + 1);
  ok[0] = 1;
  for (let i = 0; i < s.length; i++) {
    if (!ok[i]) continue;
    if ("和与及的、".includes(s[i]!)) ok[i + 1] = 1;
    for (let j = i + 1; j <= Math.min(s.length, i + 8); j++) if (m.genericWords.has(s.slice(i, j))) ok[j] = 1;
  }
  return ok[s.length] === 1;
}

/**
 * Offset of the last 和/与/及 that joins two words ("A和B"), not one inside a word (参与, 和谐, 及时: the lexicon's
 * `notJoinerAfter` / `notJoinerBefore`); -1 if none.
 */
function lastJoiner(m: MechanismMatcher, core: string): number {
  for (let i = core.length - 1; i > 0; i--) {
    if (!"和与及".includes(core[i]!)) continue;
    const next = core[i + 1];
    if (!m.notJoinerAfter.includes(core[i - 1]!) && (next === undefined || !m.notJoinerBefore.includes(next))) return i;
  }
  return -1;
}

/** A discovered term from [start, end) of the compact text: trimmed, checked, canonicalised. */
function discovered(m: MechanismMatcher, compact: string, start: number, end: number, tailLength: number, source: string, checkGeneric = true): Candidate | null {
  let term = compact.slice(start, end).replace(m.genericPrefixRe, "");
  let core = term.slice(0, term.length - tailLength);
  if (core.length < m.min || core.includes("的") || (checkGeneric && isGeneric(m, core))) return null;
  // "共驻共建和联抓联管机制", "投入不足和支部激励机制": a name does not span 和/与/及 unless the lexicon knows the
  // whole; the head is the last conjunct, and it must be a name of its own.
  const join = lastJoiner(m, core);
  if (join > 0 && !canonicalMechanism(m, term)) {
    term = term.slice(join + 1).replace(m.genericPrefixRe, "");
    core = term.slice(0, term.length - tailLength);
    if (core.length < m.min || (checkGeneric && isGeneric(m, core))) return null;
  }
  if (m.rejectInfixes.some((w) => term.includes(w)) || m.rejectCoreEnds.some((w) => core.endsWith(w))) return null;
  const name = canonicalMechanism(m, term) ?? listedHead(m, term);
  return { start: end - term.length, end, name: name ?? term, source: name ? "lexicon" : source, priority: 1 };
}

function fromSuffixes(m: MechanismMatcher, compact: string): Candidate[] {
  const out: Candidate[] = [];
  for (const hit of compact.matchAll(m.suffixRe)) {
    const sEnd = hit.index + hit[0].length;
    if (m.notFollowedBy.some((w) => compact.startsWith(w, sEnd))) continue;
    const start = termStart(m, compact, hit.index, m.max);
    if (start === null) continue;
    const strong = m.strong.includes(hit[0]);
    const core = compact.slice(start, hit.index).replace(m.genericPrefixRe, "");
    if (strong && m.generic.has(core)) continue;
    const c = discovered(m, compact, start, sEnd, hit[0].length, "discovery:suffix", !strong);
    if (c) out.push(c);
  }
  for (const hit of compact.matchAll(m.partyRe)) {
    const sEnd = hit.index + hit[0].length;
    const start = termStart(m, compact, hit.index, m.max);
    if (start === null) continue;
    const core = compact.slice(start, hit.index);
    if (!m.partyWords.some((w) => core.includes(w))) continue;
    const c = discovered(m, compact, start, sEnd, hit[0].length, "discovery:suffix", false);
    if (c) out.push(c);
  }
  for (const hit of compact.matchAll(m.activityRe)) {
    // "开展劳动竞赛和青年突击队活动": the activity word belongs to the last of the joined items.
    const core = hit[1]!.split(JOINERS).pop()!;
    const end = hit.index + hit[0].length;
    const c = discovered(m, compact, end - core.length - 2, end, 2, "discovery:activity");
    if (c) out.push(c);
  }
  return out;
}

function fromQuotes(view: TextView, m: MechanismMatcher): Candidate[] {
  const { text, span } = view.input;
  const body = text.slice(span.start, span.end);
  const out: Candidate[] = [];
  for (const q of body.matchAll(m.quotedRe)) {
    const content = q[1]!.replace(/[\s>]/g, "");
    const suffix = q[2];
    const ending = m.quotedEndings.some((e) => content.endsWith(e));
    // A quoted phrase is a mechanism when it ends like one or a mechanism word follows; otherwise it is
    // left to the slogan extractor.
    if (!suffix && !ending) continue;
    if (!/^[\p{Script=Han}×xX\d+、,]+$/u.test(content)) continue;
    const start = compactIndex(view, span.start + q.index);
    const end = compactIndex(view, span.start + q.index + q[0].length);
    const name = canonicalMechanism(m, content) ?? canonicalMechanism(m, content + (suffix ?? ""));
    // "“学习A、落实B”活动": an unlisted quoted list of phrases is a campaign slogan, not one mechanism.
    if (!name && /[、,]/u.test(content)) continue;
    if (!name && m.rejectInfixes.some((w) => content.includes(w))) continue;
    // "“完善制度”": a verb before the ending makes a quoted phrase an action, not a name.
    if (!name && m.boundaries.some((w) => w.length >= 2 && content.startsWith(w))) continue;
    out.push({ start, end, name: name ?? content + (suffix && !m.absorb.includes(suffix) ? suffix : ""), source: name ? "lexicon" : "discovery:quoted", priority: 0, ...(name ? {} : { quoted: content }) });
  }
  for (const b of body.matchAll(m.bookRe)) {
    // "《…条例（试行）》": a trial version is still the document of that name.
    const content = b[1]!.replace(/[\s>]/g, "").replace(/[(（]试行[)）]$/u, "");
    // "《条例》": a bare ending is a short reference to some document, not its name.
    if (!m.bookEndings.some((e) => content.endsWith(e) && content.length > e.length)) continue;
    const start = compactIndex(view, span.start + b.index);
    const end = compactIndex(view, span.start + b.index + b[0].length);
    const name = canonicalMechanism(m, content);
    out.push({ start, end, name: name ?? content, source: name ? "lexicon" : "discovery:book", priority: 0 });
  }
  return out;
}

function fromLists(m: MechanismMatcher, compact: string): Candidate[] {
  const out: Candidate[] = [];
  for (const hit of compact.matchAll(m.listRe)) {
    const items: { start: number; end: number }[] = [];
    let end = hit.index;
    for (;;) {
      const start = termStart(m, compact, end, m.max);
      if (start === null || start === end) break;
      // "A、B和C等制度": the last item may be two joined by 和/与/及.
      const joined = compact.slice(start, end);
      const cut = joined.search(JOINERS);
      if (cut > 0 && !m.lexicon.isAlias(joined)) {
        items.push({ start: start + cut + 1, end }, { start, end: start + cut });
      } else items.push({ start, end });
      if (compact[start - 1] !== "、") break;
      end = start - 1;
    }
    if (items.length < 2) continue;
    for (const it of items) {
      const term = compact.slice(it.start, it.end).replace(m.genericPrefixRe, "");
      if (term.length < 3 || isGeneric(m, term)) continue;
      const name = canonicalMechanism(m, term);
      out.push({ start: it.end - term.length, end: it.end, name: name ?? term, source: name ? "lexicon" : "discovery:list", priority: 0 });
    }
  }
  return out;
}

/** Find the mechanisms of one report. */
export function extractMechanisms(view: TextView, m: MechanismMatcher): MechanismMention[] {
  const { compact } = view;
  const lexical: Candidate[] = m.lexicon.scan(compact).map((h) => ({ ...h, source: "lexicon", priority: 2 }));
  const quoted = fromQuotes(view, m);
  // "物业服务企业“三方联动”机制": a quoted term with its suffix is the name; the words before the quote are not.
  // "流动党员“双向联络”机制": a member group before the quote stays in the name.
  const subjectBefore = (c: Candidate, q: Candidate): boolean => m.subjectNouns.some((w) => compact.slice(c.start, q.start).endsWith(w));
  const suffixed = fromSuffixes(m, compact).filter((c) => c.source === "lexicon" || !quoted.some((q) => q.end === c.end && q.start > c.start && !subjectBefore(c, q)));
  const all = [...lexical, ...suffixed, ...quoted, ...fromLists(m, compact)];
  const byName = new Map<string, MechanismMention>();
  const byQuoted = new Map<string, string>();
  for (const c of resolveOverlaps(all)) {
    let key = nameKey(c.name);
    if (!key || m.campaigns.has(c.name)) continue;
    if (c.quoted) {
      const first = byQuoted.get(c.quoted);
      if (first) key = first;
      else byQuoted.set(c.quoted, key);
    }
    let mention = byName.get(key);
    if (!mention) {
      mention = { name: c.name, source: c.source, occurrences: [] };
      byName.set(key, mention);
    }
    mention.occurrences.push(occurrenceOf(view, c.start, c.end));
  }
  return [...byName.values()];
}
