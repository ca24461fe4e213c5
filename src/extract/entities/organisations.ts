/*
 * Organisations (党委, 党支部, 教育局, 工会, 湖北工业大学 …) with a type: cores from the lexicon, qualified by
 * prefix tokens read right to left (self 我校/学校, level 省/市/县, distinctive 上级/学生/机关, anonymised
 * xx/×, proper names before 大学/社区/公司). Surface variants of one body are merged within the report.
 */
import type { OrganisationMention, OrgType } from "../../types.ts";
import type { OrgCore, OrganisationLexicon } from "../lexicon.ts";
import { compileLexicon, type LexiconMatcher } from "./lexicon-matcher.ts";
import { findParents, groupMentions, groupName, type Mention, type Token, type TokenKind } from "./organisation-groups.ts";
import { escapeRegExp, isHan, occurrenceOf, type TextView, type WordsByLast, wordsByLast } from "./text-view.ts";
import { pushAll } from "../../util/arrays.ts";

/** Compiled organisation lexicon. */
export interface OrganisationMatcher {
  lex: OrganisationLexicon;
  coreRe: RegExp;
  cores: Map<string, OrgCore>;
  fixed: LexiconMatcher;
  fixedInfo: Map<string, { type: OrgType; notFollowedBy: string[] }>;
  tokens: { text: string; kind: TokenKind }[];
  /** `tokens` by their last character (in the same order): the only ones that can end at a given offset. */
  tokensByLast: Map<string, { text: string; kind: TokenKind }[]>;
  /** `cores` entries by their first character (in the same order): the only ones that can start at a given offset. */
  coresByFirst: Map<string, [string, OrgCore][]>;
  institutions: OrganisationLexicon["institutions"];
  instRe: RegExp;
  anonEnd: RegExp;
  stopChars: Set<string>;
  /** Words that end a name on its left: function words, heading words, verbs, quantifiers. */
  stopWords: string[];
  /** `stopWords` indexed by last character. */
  stopWordsByLast: WordsByLast;
  /** Words that alone are no proper name ("街道" in 街道社区): prefix tokens and generic qualifiers. */
  plainWords: RegExp;
  /** Time phrases that are no name ("近三年" before 社区). */
  timeRe?: RegExp;
}

const byLength = <T extends { length: number }>(a: T, b: T): number => b.length - a.length;

/** Compile the organisation lexicon once. */
export function compileOrganisations(lex: OrganisationLexicon): OrganisationMatcher {
  const p = lex.prefixTokens;
  const tokens = [
    ...p.generic.map((text) => ({ text, kind: "generic" as const })),
    ...p.self.map((text) => ({ text, kind: "self" as const })),
    ...p.level.map((text) => ({ text, kind: "level" as const })),
    ...p.distinctive.map((text) => ({ text, kind: "distinctive" as const })),
    // A government body qualifies the party body it holds ("卫生健康局党委").
    ...lex.cores.filter((c) => c.type === "government" && c.core.length >= 3 && !p.distinctive.includes(c.core)).map((c) => ({ text: c.core, kind: "distinctive" as const })),
  ].sort((a, b) => b.text.length - a.text.length);
  const coreWords = lex.cores.map((c) => c.core).sort(byLength);
  const cores = new Map(lex.cores.map((c) => [c.core, c]));
  return {
    lex,
    coreRe: new RegExp(coreWords.map(escapeRegExp).join("|"), "gu"),
    cores,
    fixed: compileLexicon(lex.fixed.map((f) => ({ name: f.name, aliases: f.aliases }))),
    fixedInfo: new Map(lex.fixed.map((f) => [f.name, { type: f.type, notFollowedBy: f.notFollowedBy ?? [] }])),
    tokens,
    tokensByLast: groupBy(tokens, (t) => t.text.at(-1)!),
    coresByFirst: groupBy([...cores], ([w]) => w[0]!),
    institutions: [...lex.institutions].sort((a, b) => b.word.length - a.word.length),
    instRe: new RegExp(lex.institutions.map((i) => i.word).sort(byLength).map(escapeRegExp).join("|"), "gu"),
    anonEnd: new RegExp(`${lex.anonPattern}$`, "u"),
    stopChars: new Set([...lex.nameStopChars]),
    stopWords: [...new Set([...lex.nameStopWords, ...(lex.headingWords ?? []), ...(lex.nameStopVerbs ?? []), ...(lex.quantifiers ?? [])])],
    stopWordsByLast: wordsByLast([...new Set([...lex.nameStopWords, ...(lex.headingWords ?? []), ...(lex.nameStopVerbs ?? []), ...(lex.quantifiers ?? [])])]),
    plainWords: plainWordsRe(lex),
    ...(lex.nameTimePattern ? { timeRe: new RegExp(lex.nameTimePattern, "u") } : {}),
  };
}

/** Items grouped by a key, each group in the items' order. */
function groupBy<T>(items: readonly T[], key: (item: T) => string): Map<string, T[]> {
  const out = new Map<string, T[]>();
  for (const item of items) {
    const k = key(item);
    const list = out.get(k);
    if (list) list.push(item);
    else out.set(k, [item]);
  }
  return out;
}

function plainWordsRe(lex: OrganisationLexicon): RegExp {
  const p = lex.prefixTokens;
  const words = [...p.self, ...p.level, ...p.distinctive, ...p.generic, ...lex.weakGenericQualifiers, ...(lex.categoryWords ?? [])].sort(byLength).map(escapeRegExp);
  return new RegExp(`^(?:${words.join("|")})+$`, "u");
}

/** A proper name (or anonymised name) that ends at `end`, e.g. "湖北工业" before 大学. */
function nameBefore(m: OrganisationMatcher, compact: string, end: number, anonOnly: boolean, maxName = 8, gaps?: Uint8Array): { text: string; start: number } | null {
  const anon = m.anonEnd.exec(compact.slice(Math.max(0, end - 10), end));
  if (anon) return { text: anon[0], start: end - anon[0].length };
  if (anonOnly) return null;
  let j = end;
  // "长岭镇青石村": a village name starts after the township word before it.
  const afterPlace = (k: number): boolean => maxName < 8 && end - k >= 2 && (m.lex.placeEnds ?? []).some((w) => compact.startsWith(w, k - w.length));
  while (j > 0 && end - j < maxName && !gaps?.[j] && isHan(compact[j - 1]) && !m.stopChars.has(compact[j - 1]!)) {
    if (m.stopWordsByLast.endingAt(compact, j).some((w) => j - w.length >= end - maxName && compact.startsWith(w, j - w.length))) break;
    if (afterPlace(j)) break;
    j--;
  }
  const boundaryAt = (k: number): boolean => k === 0 || gaps?.[k] === 1 || !isHan(compact[k - 1]) || m.stopChars.has(compact[k - 1]!) || m.stopWordsByLast.endingAt(compact, k).some((w) => compact.startsWith(w, k - w.length)) || afterPlace(k);
  // "关于和平里社区": a stop character that itself stands at a boundary begins the name.
  if (j > 0 && end - j < maxName && m.lex.nameLeadChars?.includes(compact[j - 1]!) && boundaryAt(j - 1)) j--;
  // "无锡市…", "中山大学": a listed place name that begins with a stop character is whole, not cut after it.
  else if (j > 0 && m.stopChars.has(compact[j - 1]!)) {
    const place = m.lex.placeNames?.find((w) => w.length >= 2 && j - 1 + w.length <= end && compact.startsWith(w, j - 1));
    if (place && end - (j - 1) <= maxName) j--;
  }
  const atBoundary = boundaryAt(j);
  const text = compact.slice(j, end);
  if (m.timeRe?.test(text)) return null;
  // "3家子公司": the measure word after a number is no part of the name.
  if (m.lex.classifiers?.includes(text[0]!) && /[\d一二两三四五六七八九十百几多]/u.test(compact[j - 1] ?? "")) {
    const rest = text.slice(1);
    return rest.length < 2 || m.stopWords.some((w) => rest.includes(w)) || m.plainWords.test(rest) ? null : { text: rest, start: j + 1 };
  }
  if (!atBoundary || text.length < 2 || m.stopWords.some((w) => text.includes(w)) || m.plainWords.test(text)) return null;
  // "上海市公立医院": a name that ends in a category word names a class of bodies, not one.
  if (m.lex.categoryWords?.some((w) => text.endsWith(w))) return null;
  // "XX县第二中学": an anonymised place before the name belongs to it.
  const anonBefore = m.anonEnd.exec(compact.slice(Math.max(0, j - 10), j));
  if (anonBefore && m.lex.prefixTokens.level.includes(text[0]!)) return { text: anonBefore[0] + text, start: j - anonBefore[0].length };
  // "街道幸福里社区": the level word before a proper name is no part of it.
  const level = m.lex.prefixTokens.level.find((l) => l.length >= 2 && text.startsWith(l) && text.length - l.length >= 2);
  return level ? { text: text.slice(level.length), start: j + level.length } : { text, start: j };
}

/** Prefix tokens read right to left from `end`. */
function prefixTokens(m: OrganisationMatcher, compact: string, end: number, allowed: string[] | undefined, gaps: Uint8Array): { tokens: Token[]; start: number } {
  const tokens: Token[] = [];
  let j = end;
  for (let guard = 0; guard < 5 && j > 0 && !gaps[j]; guard++) {
    const tok = allowed
      ? allowed.filter((a) => compact.startsWith(a, j - a.length)).map((text) => ({ text, kind: "distinctive" as const }))[0]
      : nextToken(m, compact, j, gaps);
    if (!tok) break;
    tokens.unshift({ kind: tok.kind, text: tok.text });
    j -= tok.text.length;
    if (tok.kind === "name") break;
    // "上海市委组织部": a listed place name before a level word is the body's proper name.
    const place = tok.kind === "level" ? m.lex.placeNames?.find((w) => j - w.length >= 0 && !gaps[j] && compact.startsWith(w, j - w.length)) : undefined;
    if (place) {
      tokens.unshift({ kind: "name", text: place });
      j -= place.length;
      break;
    }
  }
  return { tokens, start: j };
}

const ORDINAL_END = /第[一二三四五六七八九十\d]{1,3}$/u;

function nextToken(m: OrganisationMatcher, compact: string, j: number, gaps: Uint8Array): Token | undefined {
  const anon = m.anonEnd.exec(compact.slice(Math.max(0, j - 10), j));
  if (anon) return { kind: "name", text: anon[0] };
  // "机关第二党支部": an ordinal numbers one body of its kind.
  const ordinal = ORDINAL_END.exec(compact.slice(Math.max(0, j - 6), j));
  if (ordinal) return { kind: "distinctive", text: ordinal[0] };
  for (const inst of m.institutions) {
    if (j - inst.word.length < 0 || !compact.startsWith(inst.word, j - inst.word.length)) continue;
    if (inst.notFollowedBy?.some((w) => compact.startsWith(w, j))) continue;
    if (precededBy(compact, j - inst.word.length, inst.notPrecededBy)) continue;
    const name = nameBefore(m, compact, j - inst.word.length, inst.anonOnly === true, inst.maxName, gaps);
    if (name) return { kind: "name", text: name.text + inst.word };
  }
  const t = j > 0 ? m.tokensByLast.get(compact[j - 1]!)?.find((tk) => j - tk.text.length >= 0 && compact.startsWith(tk.text, j - tk.text.length)) : undefined;
  return t ? { kind: t.kind, text: t.text } : undefined;
}

function precededBy(compact: string, at: number, words: string[] | undefined): boolean {
  return (words ?? []).some((w) => at - w.length >= 0 && compact.startsWith(w, at - w.length));
}

/** True when an organisation core starts at `at` ("教育局" in 教育局党委 is a qualifier, not a body); `party` limits it to party cores. */
function startsCore(m: OrganisationMatcher, compact: string, at: number, party = false): boolean {
  for (const [word, c] of (at >= 0 && m.coresByFirst.get(compact[at]!)) || []) {
    if (party && c.type !== "party") continue;
    if (compact.startsWith(word, at) && !c.notFollowedBy?.some((w) => compact.startsWith(w, at + word.length))) return true;
  }
  return false;
}

/** True when a core, or a distinctive token and then a core, follows ("区委两新工委": 区委 only qualifies). */
function qualifiesCore(m: OrganisationMatcher, compact: string, at: number): boolean {
  if (startsCore(m, compact, at)) return true;
  return m.tokens.some((t) => t.kind === "distinctive" && compact.startsWith(t.text, at) && startsCore(m, compact, at + t.text.length));
}

function coreMentions(m: OrganisationMatcher, compact: string, gaps: Uint8Array): Mention[] {
  const out: Mention[] = [];
  for (const hit of compact.matchAll(m.coreRe)) {
    const core = m.cores.get(hit[0])!;
    const end = hit.index + hit[0].length;
    if (core.notFollowedBy?.some((w) => compact.startsWith(w, end)) || precededBy(compact, hit.index, core.notPrecededBy)) continue;
    // "教育局党委": 教育局 qualifies the party committee; "党委政府" names two bodies.
    if (startsCore(m, compact, end, true) || (core.type !== "party" && startsCore(m, compact, end))) continue;
    const { tokens, start } = prefixTokens(m, compact, hit.index, core.prefixes, gaps);
    if (tokens.some((t) => t.kind === "generic")) continue;
    // "各级党委政府": a restricted core is still generic when the words before it are.
    if (core.prefixes && prefixTokens(m, compact, start, undefined, gaps).tokens.some((t) => t.kind === "generic")) continue;
    // "基层县局党委": a describing word before a level word is no part of the body's name.
    let from = start;
    while (tokens.length > 1 && tokens[0]!.kind === "distinctive" && tokens[1]!.kind === "level" && m.lex.descriptiveBeforeLevel?.includes(tokens[0]!.text)) from += tokens.shift()!.text.length;
    const real = tokens.filter((t) => t.kind !== "self");
    if (core.requirePrefix && !tokens.length) continue;
    if (!tokens.length && m.lex.bareRoleTails?.some((w) => compact.startsWith(w, end))) continue;
    if (core.requireLevel && !tokens.some((t) => t.kind === "level")) continue;
    if (core.weak && !real.length && !tokens.length) continue;
    out.push({ core: core.canonical, type: core.type, weak: core.weak === true, tokens, start: from, end });
  }
  return out;
}

function institutionMentions(m: OrganisationMatcher, compact: string, gaps: Uint8Array): Mention[] {
  const out: Mention[] = [];
  for (const hit of compact.matchAll(m.instRe)) {
    const inst = m.institutions.find((i) => i.word === hit[0])!;
    const end = hit.index + hit[0].length;
    if (inst.notFollowedBy?.some((w) => compact.startsWith(w, end))) continue;
    // "×公司党委": the institution qualifies a core that follows; the core mention covers it.
    m.coreRe.lastIndex = 0;
    const next = m.coreRe.exec(compact.slice(end, end + 6));
    // exec leaves lastIndex behind, and matchAll copies it: reset, or the next report misses its first bodies.
    m.coreRe.lastIndex = 0;
    if (next && next.index === 0) continue;
    if (startsCore(m, compact, hit.index) || precededBy(compact, hit.index, inst.notPrecededBy)) continue;
    const name = nameBefore(m, compact, hit.index, inst.anonOnly === true, inst.maxName, gaps);
    if (!name) continue;
    // A short place word ("村", "镇") stands alone only with an anonymised name or right after punctuation.
    if (inst.maxName && !m.anonEnd.test(name.text) && name.start > 0 && isHan(compact[name.start - 1])) continue;
    out.push({ core: hit[0], type: inst.type, weak: false, tokens: [{ kind: "name", text: name.text }], start: name.start, end });
  }
  return out;
}

/**
 * "中山大学南湖纪念医院": a name longer than a name may be is cut inside the institution it starts with (山大学…医院);
 * the body then starts where that institution does, and the institution is part of its name.
 */
function joinCutNames(compact: string, mentions: Mention[]): Mention[] {
  return mentions.map((x) => {
    const head = mentions.find((y) => y.start < x.start && y.end > x.start && y.end < x.end);
    return head ? { ...x, start: head.start, tokens: [{ kind: "name" as const, text: compact.slice(head.start, x.end - x.core.length) }] } : x;
  });
}

function fixedMentions(m: OrganisationMatcher, compact: string): Mention[] {
  const hits = m.fixed.scan(compact);
  // "中共中央办公厅" is one body, not also 中共中央: a hit inside a longer one is dropped.
  const inside = (h: { start: number; end: number }): boolean => hits.some((o) => o !== h && o.start <= h.start && o.end >= h.end && o.end - o.start > h.end - h.start);
  return hits
    .filter((h) => !inside(h) && !m.fixedInfo.get(h.name)!.notFollowedBy.some((w) => compact.startsWith(w, h.end)) && !qualifiesCore(m, compact, h.end))
    .map((h) => ({ core: h.name, type: m.fixedInfo.get(h.name)!.type, weak: false, tokens: [], start: h.start, end: h.end }));
}

/** Find the organisations of one report, one entry per body. */
export function extractOrganisations(view: TextView, m: OrganisationMatcher): OrganisationMention[] {
  const { compact } = view;
  // "《中国医院》": a name inside a title mark is a journal or a document, not a body the report speaks of.
  const titles = [...compact.matchAll(/《[^《》\n]{1,40}》/gu)].map((t) => ({ start: t.index, end: t.index + t[0].length }));
  const inTitle = (x: Mention): boolean => titles.some((t) => x.start > t.start && x.end < t.end);
  const fixed = fixedMentions(m, compact);
  // "中央和国家机关工委": a listed body's name is whole; no shorter body is read inside it.
  const inFixed = (x: Mention): boolean => fixed.some((f) => f !== x && f.start <= x.start && f.end >= x.end && f.end - f.start > x.end - x.start);
  // "江西某大学人文学院": the university is part of the college's name, not a second body.
  const institutions = joinCutNames(compact, institutionMentions(m, compact, view.gaps));
  const inLonger = (x: Mention): boolean => institutions.some((y) => y !== x && y.start <= x.start && y.end >= x.end && y.end - y.start > x.end - x.start);
  const mentions = [...fixed, ...coreMentions(m, compact, view.gaps), ...institutions.filter((x) => !inLonger(x))].filter((x) => !inTitle(x) && !inFixed(x));
  const groups = groupMentions(m.lex, mentions);
  const names = new Map(groups.map((g) => [g, groupName(m.lex, compact, g)]));
  const parents = findParents(m.lex, compact, groups);
  const result: OrganisationMention[] = groups.map((g) => {
    const parent = parents.get(g);
    return {
      name: names.get(g)!,
      type: g.type,
      ...(parent && names.get(parent) !== names.get(g) ? { parent: names.get(parent)! } : {}),
      occurrences: g.mentions.sort((a, b) => a.start - b.start).map((mm) => occurrenceOf(view, mm.start, mm.end)),
    };
  });
  return mergeSameName(result).sort((a, b) => a.occurrences[0]!.span.start - b.occurrences[0]!.span.start);
}

function mergeSameName(list: OrganisationMention[]): OrganisationMention[] {
  const byName = new Map<string, OrganisationMention>();
  for (const o of list) {
    const prev = byName.get(o.name);
    if (prev) pushAll(prev.occurrences, o.occurrences);
    else byName.set(o.name, o);
  }
  for (const o of byName.values()) {
    const seen = new Set<number>();
    o.occurrences = o.occurrences.sort((a, b) => a.span.start - b.span.start).filter((x) => !seen.has(x.span.start) && seen.add(x.span.start));
  }
  return [...byName.values()];
}
