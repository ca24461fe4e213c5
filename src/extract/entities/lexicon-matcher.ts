/*
 * Compiles a list of lexicon entries (canonical name, literal aliases, regex patterns) into matchers over
 * the compact text: scanning for every alias, and canonicalising a discovered term to a listed name.
 */
import type { LexiconEntry } from "../lexicon.ts";
import { escapeRegExp } from "./text-view.ts";
import { maxOf } from "../../util/arrays.ts";
import { buildAhoCorasick } from "../../shared/aho-corasick.ts";
import { matchesOf, requiredStarts } from "../../shared/regex.ts";

/** A match of a lexicon entry in the compact text. */
export interface LexiconHit {
  name: string;
  start: number;
  end: number;
}

/** Compiled entries. */
export interface LexiconMatcher {
  /** Every hit of every entry (overlaps included; callers resolve them). */
  scan(compact: string): LexiconHit[];
  /** The canonical name when the whole term is an alias or matches a pattern. */
  lookup(term: string): string | undefined;
  /** True when the term is a literal alias (or name) of an entry. */
  isAlias(term: string): boolean;
}

/** Compile entries; `tail` is an optional regex source every alias may be followed by (absorbed into the hit). */
export function compileLexicon(entries: readonly LexiconEntry[], tail = ""): LexiconMatcher {
  const aliasMap = new Map<string, string>();
  const compiled = entries.map((e) => {
    const literals = [e.name, ...e.aliases].filter((a) => a && !/[、,]/.test(a));
    for (const a of literals) if (!aliasMap.has(a)) aliasMap.set(a, e.name);
    const alts = [...(e.patterns ?? []), ...[...new Set(literals)].sort((a, b) => b.length - a.length).map(escapeRegExp)];
    const source = `(?:${alts.join("|")})${tail ? `(?:${tail})?` : ""}`;
    // An entry can match only where one of its literals, or the literal start of one of its patterns,
    // occurs: the automaton below skips its regex on the (many) texts that hold none of them. An entry
    // with a pattern whose start is not literal is always run.
    const starts = (e.patterns ?? []).map(requiredStarts);
    const needles = literals.length === 0 && starts.length === 0 ? null : starts.some((x) => x === null) ? null : [...new Set([...literals, ...starts.flat() as string[]])];
    // `at`: the same regex, sticky, tried only where one of the needles starts (every match starts with one).
    return { name: e.name, re: new RegExp(source, "gu"), at: new RegExp(source, "uy"), needles, anchored: (e.patterns ?? []).map((p) => new RegExp(`^(?:${p})$`, "u")) };
  });
  // Which entries of literals only hold a literal that occurs in a text: one automaton over every
  // literal, one pass per text, instead of a substring search per literal.
  const needleList: string[] = [];
  const entriesOf: number[][] = [];
  const needleIds = new Map<string, number>();
  compiled.forEach((c, i) => {
    for (const n of c.needles ?? []) {
      let id = needleIds.get(n);
      if (id === undefined) {
        needleIds.set(n, (id = needleList.length));
        needleList.push(n);
        entriesOf.push([]);
      }
      entriesOf[id]!.push(i);
    }
  });
  const automaton = buildAhoCorasick(needleList);
  // Entries run on every text: those without needles (an entry with nothing to match is never run).
  const alwaysRun = compiled.flatMap((c, i) => (c.needles === null && c.re.source !== "(?:)" ? [i] : []));
  return {
    scan(compact) {
      const hits: LexiconHit[] = [];
      // Where each entry with needles may match: the start offsets of its needles in the text. Every
      // match of an entry starts with one of its needles, so trying its regex (sticky) at those offsets
      // alone, in order and from the end of the previous match on, gives exactly the matches a global
      // search over the whole text gives, without a search over the whole text per entry.
      let startsOf: number[][] | null = null;
      let present: number[] | null = null;
      automaton.forEach(compact, (id, end) => {
        const start = end - needleList[id]!.length;
        for (const i of entriesOf[id]!) {
          startsOf ??= [];
          let starts = startsOf[i];
          if (starts === undefined) {
            startsOf[i] = starts = [];
            (present ??= []).push(i);
          }
          starts.push(start);
        }
      });
      // The entries to run, in entry order: the ones always run and those with a needle in the text.
      const run = present === null ? alwaysRun : (present as number[]).concat(alwaysRun).sort((a, b) => a - b);
      for (const i of run) {
        const c = compiled[i]!;
        const starts = startsOf === null ? undefined : (startsOf as number[][])[i];
        if (starts === undefined) {
          c.re.lastIndex = 0;
          for (const m of matchesOf(c.re, compact)) {
            if (m[0].length) hits.push({ name: c.name, start: m.index, end: m.index + m[0].length });
          }
          continue;
        }
        // Needles of one entry can end at one offset in any order (and nest): sort their starts.
        if (starts.length > 1) starts.sort((a, b) => a - b);
        const re = c.at;
        let from = 0;
        for (const start of starts) {
          if (start < from) continue;
          re.lastIndex = start;
          const m = re.exec(compact);
          if (m === null || m[0].length === 0) continue;
          hits.push({ name: c.name, start, end: start + m[0].length });
          from = start + m[0].length;
        }
      }
      return hits;
    },
    isAlias(term) {
      return aliasMap.has(term);
    },
    lookup(term) {
      const hit = aliasMap.get(term);
      if (hit) return hit;
      return compiled.find((c) => c.anchored.some((re) => re.test(term)))?.name;
    },
  };
}

/** Keep the longest non-overlapping items (ties: higher priority, then earlier). */
export function resolveOverlaps<T extends { start: number; end: number; priority: number }>(items: T[]): T[] {
  const sorted = [...items].sort((a, b) => b.end - b.start - (a.end - a.start) || b.priority - a.priority || a.start - b.start);
  const taken: T[] = [];
  const used = new Uint8Array(maxOf(items.map((i) => i.end), 0) + 1);
  for (const it of sorted) {
    let free = true;
    for (let i = it.start; i < it.end; i++) if (used[i]) { free = false; break; }
    if (!free) continue;
    for (let i = it.start; i < it.end; i++) used[i] = 1;
    taken.push(it);
  }
  return taken.sort((a, b) => a.start - b.start);
}
