/*
 * Word-level knowledge for themes (lexicon.json): synonym sets (concepts), the genre's stock words and polarity
 * cues; Chinese word segmentation (@node-rs/jieba, loaded once, lazily, with the domain words added); word
 * features that read paraphrases as the same concept; and the compiled term index that finds every codebook
 * keyword and concept word of a text in one scan.
 */
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { fileURLToPath } from "node:url";

import type { CodebookTheme } from "./codebook.ts";

/** A synonym set: words that say the same thing in this genre. */
export interface Concept {
  id: string;
  label: string;
  words: string[];
}

/** The loaded lexicon (read-only). */
export interface Lexicon {
  concepts: Map<string, Concept>;
  /** Word → ids of the concepts it belongs to. */
  conceptsOf: Map<string, string[]>;
  stock: Set<string>;
  negative: Set<string>;
  positive: Set<string>;
  negators: Set<string>;
  userWords: string[];
  /** Concepts that only say a shortcoming is stated (不足、淡化 …), not what about. */
  polarityConcepts: Set<string>;
  /**
   * Cluster features (`w:word`, `c:concept`) that say how a measure acts, not what on (工程, 机制 …): left out of
   * the similarity and the names of uncovered measures.
   */
  measureFrame: Set<string>;
  /** How a problem heading's leading clause is found (score-themes.ts; lexicon.json `headingClauses`). */
  headingClauses: { frame: RegExp; achievement: RegExp; shortcoming: RegExp };
}

interface LexiconFile {
  concepts: Record<string, { label?: string; words: string[] }>;
  stockWords: string[];
  negative: string[];
  positive: string[];
  negators: string[];
  userWords: string[];
  polarityConcepts: string[];
  measureFrame?: string[];
  headingClauses: { frame: string; achievement: string; shortcoming: string };
}

export const LEXICON: Lexicon = loadLexicon();

function loadLexicon(): Lexicon {
  const file = JSON.parse(readFileSync(fileURLToPath(new URL("./lexicon.json", import.meta.url)), "utf8")) as LexiconFile;
  const concepts = new Map<string, Concept>();
  for (const [id, c] of Object.entries(file.concepts)) concepts.set(id, { id, label: c.label ?? id, words: c.words });
  return {
    concepts,
    conceptsOf: conceptsByWord(concepts),
    stock: new Set(file.stockWords),
    negative: new Set(file.negative),
    positive: new Set(file.positive),
    negators: new Set(file.negators),
    userWords: file.userWords,
    polarityConcepts: new Set(file.polarityConcepts),
    measureFrame: new Set((file.measureFrame ?? []).map((w) => (w.startsWith("@") ? `c:${w.slice(1)}` : `w:${w}`))),
    headingClauses: {
      frame: new RegExp(file.headingClauses.frame, "u"),
      achievement: new RegExp(file.headingClauses.achievement, "u"),
      shortcoming: new RegExp(file.headingClauses.shortcoming, "u"),
    },
  };
}

function conceptsByWord(concepts: Map<string, Concept>): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const c of concepts.values()) {
    for (const w of c.words) {
      const ids = out.get(w) ?? [];
      if (!ids.includes(c.id)) ids.push(c.id);
      out.set(w, ids);
    }
  }
  return out;
}

// ------------------------------------------------------------------------------------------ term index

/** Where a term leads: a theme keyword (literal or `@concept`) with its weight. */
export interface TermRef {
  /** Index of the theme in Codebook.themes. */
  theme: number;
  /** "k:<keyword>" or "c:<concept id>" (a concept counts once per theme, whichever of its words occur). */
  key: string;
  weight: number;
}

interface TrieNode {
  next: Map<string, TrieNode>;
  /** Set when a term ends here. */
  term?: string;
}

/** Every keyword and concept word of a codebook, compiled into one trie. */
export interface TermIndex {
  root: TrieNode;
  refs: Map<string, TermRef[]>;
  /** Word → concept ids, for the codebook's concepts. */
  conceptsOf: Map<string, string[]>;
}

/** One occurrence of an indexed term. */
export interface TermHit {
  term: string;
  start: number;
  end: number;
}

/** Compile the keyword and concept-word trie of a codebook's themes. */
export function buildTermIndex(themes: CodebookTheme[], concepts: Map<string, Concept>): TermIndex {
  const root: TrieNode = { next: new Map() };
  const refs = new Map<string, TermRef[]>();
  const add = (term: string, ref?: TermRef) => {
    let node = root;
    for (const ch of term) {
      let child = node.next.get(ch);
      if (!child) node.next.set(ch, (child = { next: new Map() }));
      node = child;
    }
    node.term = term;
    if (!ref) return;
    const list = refs.get(term) ?? [];
    list.push(ref);
    refs.set(term, list);
  };
  // Every concept word is indexed (combos ask which concepts occur), whether or not a theme names it.
  for (const c of concepts.values()) for (const w of c.words) add(w);
  themes.forEach((t, i) => {
    for (const [term, weight] of t.keywords) {
      if (term.startsWith("@")) {
        const id = term.slice(1);
        for (const w of concepts.get(id)!.words) add(w, { theme: i, key: `c:${id}`, weight });
      } else add(term, { theme: i, key: `k:${term}`, weight });
    }
    for (const combo of t.combos) for (const item of combo.all) if (!item.startsWith("@")) add(item);
  });
  return { root, refs, conceptsOf: conceptsByWord(concepts) };
}

/** Every occurrence of every indexed term in `text` (one pass; overlapping and nested occurrences included). */
export function scanTerms(text: string, index: TermIndex): TermHit[] {
  const hits: TermHit[] = [];
  const first = firstUnits(index);
  for (let i = 0; i < text.length; i++) {
    // Most characters start no term: skip them without making a one-character string.
    if (first[text.charCodeAt(i)] === 0) continue;
    let node: TrieNode | undefined = index.root;
    for (let j = i; j < text.length; j++) {
      node = node.next.get(text[j]!);
      if (!node) break;
      if (node.term !== undefined) hits.push({ term: node.term, start: i, end: j + 1 });
    }
  }
  return hits;
}

const FIRST_UNITS = new WeakMap<TrieNode, Uint8Array>();

/** 1 at the first code unit of every indexed term (built once per index). */
function firstUnits(index: TermIndex): Uint8Array {
  let first = FIRST_UNITS.get(index.root);
  if (!first) {
    first = new Uint8Array(0x10000);
    for (const ch of index.root.next.keys()) first[ch.charCodeAt(0)] = 1;
    FIRST_UNITS.set(index.root, first);
  }
  return first;
}

// ------------------------------------------------------------------------------------------ segmentation

interface JiebaLike {
  cut(sentence: string, hmm?: boolean): string[];
  tag(sentence: string, hmm?: boolean): { word: string; tag: string }[];
  loadDict(dict: Uint8Array): void;
}

let jieba: JiebaLike | undefined;

/** The segmenter, created on first use with the default dictionary plus every domain word. */
function segmenter(): JiebaLike {
  if (jieba) return jieba;
  const require = createRequire(import.meta.url);
  const { Jieba } = require("@node-rs/jieba") as { Jieba: { withDict(dict: Uint8Array): JiebaLike } };
  const { dict } = require("@node-rs/jieba/dict") as { dict: Uint8Array };
  const words = new Set<string>(LEXICON.userWords);
  for (const c of LEXICON.concepts.values()) for (const w of c.words) if (Array.from(w).length > 1) words.add(w);
  // One dictionary build: the default dictionary with the domain words appended (a later entry wins).
  const domain = Buffer.from(`\n${[...words].map((w) => `${w} 20000 n`).join("\n")}\n`);
  jieba = Jieba.withDict(Buffer.concat([dict, domain]));
  return jieba;
}

const VERBS = new Map<string, boolean>();

/**
 * Whether a word is a bare verb: one word of the segmenter's dictionary tagged as a verb (v; not a verb used as a
 * noun, vn, such as 培训 or 管理). Domain words (synonym-set words, userWords) are read as nouns. Cached.
 * @example isBareVerb("推广") // true; isBareVerb("党校") // false
 */
export function isBareVerb(word: string): boolean {
  let v = VERBS.get(word);
  if (v === undefined) {
    const tags = segmenter().tag(word, false);
    v = tags.length === 1 && tags[0]!.tag === "v";
    VERBS.set(word, v);
  }
  return v;
}

/** Segmenter tags of describing words: adjectives, idioms and set phrases (形式多样, 丰富多彩, 有效). */
const DESCRIBING = new Set(["a", "ad", "an", "ag", "i", "l", "z"]);

/**
 * Whether a text ends in a describing word (an adjective, an idiom or a set phrase by the segmenter's tags): before
 * a 的, such a word is an attribute of what follows, not what it belongs to.
 * @example endsDescribing("开展形式多样") // true; endsDescribing("统一对党员教育培训") // false
 */
export function endsDescribing(text: string): boolean {
  if (text === "") return false;
  const tags = segmenter().tag(text, false);
  const last = tags[tags.length - 1];
  return last !== undefined && DESCRIBING.has(last.tag);
}

/** The words of a text (jieba, no HMM: new words come from the dictionary, so results are stable). */
export function segment(text: string): string[] {
  return text === "" ? [] : segmenter().cut(text, false);
}

// ------------------------------------------------------------------------------------------ word features

/** Word features of a statement: concept ids for words of a synonym set, else the word itself. */
export interface WordFeatures {
  /** "c:<concept>" or "w:<word>" → count. Stock words, punctuation and single characters are left out. */
  counts: Map<string, number>;
  /** "negative" when the text states a shortcoming, "positive" when it proposes an action, else "neutral". */
  polarity: "negative" | "positive" | "neutral";
}

const WORDLIKE = /[\p{L}\p{N}]/u;

/**
 * Segment a text once and read its words as features. A negator before a positive cue makes it negative
 * (不完善, 未建立); a word of a synonym set becomes the set's id, so 老化 / 年龄偏大 / 后继乏人 are one feature.
 */
export function wordFeatures(text: string, lexicon: Lexicon = LEXICON): WordFeatures {
  const [counts, polarity] = readWords(segment(text), lexicon, () => 0);
  return { counts: counts[0]!, polarity };
}

/**
 * Word features of a statement's heading and of the rest of its item, from one segmentation of both
 * (the two parts are joined by a line break, which the segmenter keeps as its own token).
 */
export function statementFeatures(heading: string, rest: string, lexicon: Lexicon = LEXICON): { head: Map<string, number>; body: Map<string, number> } {
  let part = 0;
  const words = segment(rest === "" ? heading : `${heading.replace(/\n/g, " ")}\n${rest}`);
  const [counts] = readWords(words, lexicon, (w) => (w === "\n" ? (part = 1) : part));
  return { head: counts[0]!, body: counts[1]! };
}

function readWords(words: string[], lexicon: Lexicon, partOf: (word: string) => number): [Map<string, number>[], WordFeatures["polarity"]] {
  const counts = [new Map<string, number>(), new Map<string, number>()];
  let negative = 0;
  let positive = 0;
  let negated = false;
  for (const word of words) {
    const part = counts[partOf(word)]!;
    if (!WORDLIKE.test(word)) {
      negated = false;
      continue;
    }
    if (lexicon.negative.has(word)) negative++;
    if (lexicon.positive.has(word)) negated ? negative++ : positive++;
    const concepts = lexicon.conceptsOf.get(word);
    if (concepts) for (const c of concepts) part.set(`c:${c}`, (part.get(`c:${c}`) ?? 0) + 1);
    else if (!lexicon.stock.has(word) && Array.from(word).length > 1 && !/^\p{N}+$/u.test(word)) {
      // A negated word is another feature (不协调 is not 协调).
      const key = negated ? `w:¬${word}` : `w:${word}`;
      part.set(key, (part.get(key) ?? 0) + 1);
    }
    negated = lexicon.negators.has(word);
  }
  const polarity = negative > positive ? "negative" : positive > negative ? "positive" : "neutral";
  return [counts, polarity];
}

/** A feature as a reader sees it: a concept's label, or the word. */
export function featureLabel(feature: string, lexicon: Lexicon = LEXICON): string {
  if (feature.startsWith("c:")) return `≈${lexicon.concepts.get(feature.slice(2))?.label ?? feature.slice(2)}`;
  return feature.slice(2).replace(/^¬/, "不");
}
