/*
 * Grouping organisation mentions into bodies within one report: same core and qualifiers, bare and
 * partial forms folded into the body they stand for, 党组织 merged or dropped, names chosen, and
 * parents read from "在X的领导下" and "X下设" statements.
 */
import type { OrgType } from "../../types.ts";
import type { OrganisationLexicon } from "../lexicon.ts";
import { minOf, pushAll } from "../../util/arrays.ts";

export type TokenKind = "self" | "level" | "distinctive" | "generic" | "name";

export interface Token {
  kind: TokenKind;
  text: string;
}

export interface Mention {
  core: string;
  type: OrgType;
  weak: boolean;
  tokens: Token[];
  start: number;
  end: number;
}

export interface Group {
  key: string;
  core: string;
  type: OrgType;
  weak: boolean;
  levels: string;
  distinct: string;
  mentions: Mention[];
  hasSelf: boolean;
  bare: boolean;
}

/** The level aliases of a lexicon merged with its level synonyms, built once per lexicon. */
const LEVEL_ALIASES = new WeakMap<OrganisationLexicon, Record<string, string>>();

function levelAliases(lex: OrganisationLexicon): Record<string, string> {
  let aliases = LEVEL_ALIASES.get(lex);
  if (!aliases) LEVEL_ALIASES.set(lex, (aliases = { ...lex.prefixTokens.levelAliases, ...lex.levelSynonyms }));
  return aliases;
}

function keyParts(lex: OrganisationLexicon, mention: Mention): { levels: string; distinct: string } {
  const aliases = levelAliases(lex);
  const levels = mention.tokens.filter((t) => t.kind === "level").map((t) => aliases[t.text] ?? t.text);
  const synonyms = lex.levelSynonyms ?? {};
  const distinct = mention.tokens.filter((t) => t.kind === "distinctive" || t.kind === "name").map((t) => synonyms[t.text] ?? t.text);
  return { levels: levels.join("+"), distinct: distinct.join("+") };
}

/** Group mentions of one body: same core and same non-self qualifiers; then fold bare and partial forms in. */
export function groupMentions(lex: OrganisationLexicon, mentions: Mention[]): Group[] {
  const groups = new Map<string, Group>();
  for (const mention of mentions) {
    const { levels, distinct } = keyParts(lex, mention);
    const key = `${mention.core}|${levels}|${distinct}`;
    let g = groups.get(key);
    if (!g) groups.set(key, (g = { key, core: mention.core, type: mention.type, weak: mention.weak, levels, distinct, mentions: [], hasSelf: false, bare: true }));
    g.mentions.push(mention);
    if (mention.tokens.some((t) => t.kind === "self")) g.hasSelf = true;
    if (mention.tokens.length) g.bare = false;
  }
  const list = [...groups.values()];
  // The groups of each core in creation order (= the map's order): the groups still in the map with a
  // given core are these, less the folded ones, without a pass over every group.
  const byCore = new Map<string, Group[]>();
  for (const g of list) {
    const same = byCore.get(g.core);
    if (same) same.push(g);
    else byCore.set(g.core, [g]);
  }
  const withCore = (core: string): Group[] => byCore.get(core)!.filter((o) => groups.has(o.key));
  const fold = (from: Group, into: Group): void => {
    pushAll(into.mentions, from.mentions);
    into.hasSelf ||= from.hasSelf;
    groups.delete(from.key);
  };
  for (const g of list) {
    if (!groups.has(g.key)) continue;
    const same = withCore(g.core).filter((o) => o !== g);
    // 1. "高校工委" is the "省委高校工委" of the same report.
    if (!g.levels && g.distinct && !plainCore(lex, g)) {
      const wider = same.filter((o) => o.distinct === g.distinct && o.levels);
      if (wider.length === 1) fold(g, wider[0]!);
      continue;
    }
    // 2. A bare core ("党委") is the report's own body when only one named one exists ("XX党委"); with
    // several specific bodies of its kind it is a variant of the most mentioned one, never a body of its own.
    if (plainCore(lex, g)) {
      const named = same.filter((o) => o.mentions.some((mm) => mm.tokens.some((t) => t.kind === "name")));
      const levelled = same.filter((o) => o.levels && !o.distinct);
      const specific = same.filter((o) => !plainCore(lex, o));
      if (named.length === 1) fold(g, named[0]!);
      else if (!named.length && levelled.length === 1) fold(g, levelled[0]!);
      else if (specific.length) fold(g, mostMentioned(specific));
      continue;
    }
    // 3. "村党支部" is "青山村党支部" when that is the only named one ending in 村.
    if (g.levels && !g.distinct) {
      const named = same.filter((o) => o.distinct && !o.levels && o.distinct.endsWith(g.levels));
      if (named.length === 1) fold(g, named[0]!);
    }
  }
  // 3b. "学院党委" is "机械工程学院党委", "局机关党支部" is "区人社局机关党支部", when that is the only such body.
  for (const g of [...groups.values()]) {
    if (g.levels || !g.distinct) continue;
    const named = withCore(g.core).filter((o) => o !== g && shortens(g.distinct, o.distinct));
    if (named.length === 1) fold(g, named[0]!);
  }
  // 4. The report's own body written once with its full name ("某中学党支部") and otherwise as 我校党支部.
  for (const g of [...groups.values()]) {
    if (!g.hasSelf || g.levels || g.distinct) continue;
    const named = withCore(g.core).filter((o) => !o.levels && o.mentions.every((mm) => mm.tokens.length === 1 && mm.tokens[0]!.kind === "name"));
    if (named.length === 1 && named[0]!.mentions.length <= g.mentions.length) fold(named[0]!, g);
  }
  return foldWeak(lex, groups);
}

/** A core with no qualifier, or only a generic one ("基层党支部"). */
function plainCore(lex: OrganisationLexicon, g: Group): boolean {
  if (g.levels) return false;
  if (g.bare && !g.distinct) return true;
  const generic = lex.bareQualifiers ?? [];
  return g.distinct !== "" && g.distinct.split("+").every((w) => generic.includes(w));
}

/** The group with the most mentions (ties: the first mentioned). */
function mostMentioned(list: Group[]): Group {
  const first = (g: Group): number => minOf(g.mentions.map((mm) => mm.start));
  return [...list].sort((a, b) => b.mentions.length - a.mentions.length || first(a) - first(b))[0]!;
}

/** True when qualifiers `short` are `long` with its first word cut to its tail ("局+机关" of "人社局+机关"). */
function shortens(short: string, long: string): boolean {
  const a = short.split("+");
  const b = long.split("+");
  if (a.length !== b.length || a[0] === b[0] || !b[0]!.endsWith(a[0]!)) return false;
  return a.every((w, i) => i === 0 || w === b[i]);
}

/** "党组织" groups: merged into the party body with the same qualifiers, kept when qualified, dropped when bare. */
function foldWeak(lex: OrganisationLexicon, groups: Map<string, Group>): Group[] {
  const out: Group[] = [];
  const all = [...groups.values()];
  for (const g of all) {
    if (!g.weak) {
      out.push(g);
      continue;
    }
    const party = all.filter((o) => !o.weak && o.type === "party" && o.levels === g.levels && o.distinct === g.distinct);
    const target = party.find((o) => o.core === "党委") ?? party.find((o) => o.core === "党支部") ?? party[0];
    if (target) pushAll(target.mentions, g.mentions);
    else if (!isGenericClass(lex, g)) out.push(g);
  }
  return out;
}

/** "社区党组织", "某镇农村基层党组织": a level alone, or any generic qualifier, names a class of bodies, not one. */
function isGenericClass(lex: OrganisationLexicon, g: Group): boolean {
  const generic = new Set(lex.weakGenericQualifiers);
  const distinct = g.distinct ? g.distinct.split("+") : [];
  if (distinct.some((d) => generic.has(d))) return true;
  if (!distinct.length) return !g.levels || g.levels.split("+").every((l) => generic.has(l));
  return false;
}

function surfaceName(compact: string, mention: Mention): string {
  return compact.slice(mention.start, mention.end).replace(/^[我本](?=[校院局镇村厂所]|社区|公司|单位|中心|街道)/u, "");
}

/** Best name of a group: the most frequent qualified surface; on ties the plain level form ("村党支部" over "行政村党支部"), a proper name without levels, then the longest. */
export function groupName(lex: OrganisationLexicon, compact: string, g: Group): string {
  const counts = new Map<string, { n: number; synonym: number; levels: number }>();
  const synonyms = lex.levelSynonyms ?? {};
  const strong = g.mentions.filter((mm) => !mm.weak || g.weak);
  const qualified = strong.filter((mm) => mm.tokens.length);
  if (!qualified.length) return g.core;
  for (const mm of qualified) {
    const name = surfaceName(compact, mm);
    const synonym = mm.tokens.some((t) => t.kind !== "name" && t.text in synonyms) ? 1 : 0;
    // A proper name needs no level before it ("幸福里社区党委" over "街道幸福里社区党委").
    const levels = mm.tokens.some((t) => t.kind === "name") ? mm.tokens.filter((t) => t.kind === "level").length : 0;
    const c = counts.get(name) ?? { n: 0, synonym, levels };
    c.n++;
    counts.set(name, c);
  }
  return [...counts].sort((a, b) => b[1].n - a[1].n || a[1].synonym - b[1].synonym || a[1].levels - b[1].levels || b[0].length - a[0].length)[0]![0];
}

const HIERARCHY = new WeakMap<OrganisationLexicon, { under: RegExp; before: RegExp; setsUp: RegExp; end: RegExp }>();

/** The hierarchy cues of a lexicon, compiled once per lexicon (not once per report). */
function hierarchyPatterns(lex: OrganisationLexicon): { under: RegExp; before: RegExp; setsUp: RegExp; end: RegExp } {
  let compiled = HIERARCHY.get(lex);
  if (!compiled) {
    const h = lex.hierarchy;
    compiled = { under: new RegExp(h.underLeadership, "u"), before: new RegExp(h.underBefore, "u"), setsUp: new RegExp(h.setsUp, "u"), end: new RegExp(h.sentenceEnd, "u") };
    HIERARCHY.set(lex, compiled);
  }
  return compiled;
}

/** Parents stated in the text: "学校党支部在市教育局党委的领导下", "学校党委下设14个分党委". */
export function findParents(lex: OrganisationLexicon, compact: string, groups: Group[]): Map<Group, Group> {
  const { under, before, setsUp, end } = hierarchyPatterns(lex);
  const located = groups.flatMap((g) => g.mentions.map((mm) => ({ g, mm }))).sort((a, b) => a.mm.start - b.mm.start);
  const parents = new Map<Group, Group>();
  located.forEach(({ g, mm }, i) => {
    const after = compact.slice(mm.end, mm.end + 12);
    if (under.test(after) && before.test(compact.slice(Math.max(0, mm.start - 2), mm.start))) {
      const child = located.slice(0, i).reverse().find((o) => o.mm.end <= mm.start - 1 && mm.start - o.mm.end <= 3);
      if (child && child.g !== g && !parents.has(child.g)) parents.set(child.g, g);
    }
    if (setsUp.test(after)) {
      for (const o of located.slice(i + 1)) {
        if (end.test(compact.slice(mm.end, o.mm.start))) break;
        if (o.g !== g && !parents.has(o.g)) parents.set(o.g, g);
      }
    }
  });
  return parents;
}

