/*
 * The theme codebook: a two-level taxonomy (family → theme) of canonical problem and measure themes with
 * weighted keywords, synonym-set references (`@concept`, from lexicon.json or the codebook's own `concepts`),
 * co-occurrence rules and patterns, shipped as codebook.json and replaceable by a user file (`--codebook
 * <file>`). Owns loading, validation (clear UsageErrors naming the file) and compiling everything once: one
 * term index over every keyword and concept word, so a statement is scanned once, not once per keyword.
 */
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";

import { UsageError } from "../errors.ts";
import { LEXICON, buildTermIndex } from "./lexicon.ts";
import type { Concept, TermIndex } from "./lexicon.ts";

/** A weighted regular expression, compiled. */
export interface CodebookPattern {
  source: string;
  re: RegExp;
  weight: number;
}

/** A rule that counts when every listed item occurs in the text (`@concept` or a literal word). */
export interface CodebookCombo {
  all: string[];
  weight: number;
}

/** One canonical theme of the codebook. */
export interface CodebookTheme {
  /** Stable ascii slug, unique across kinds (e.g. "p-recruitment-slow"). */
  id: string;
  kind: "problem" | "measure";
  label: string;
  /** Taxonomy family id (e.g. "organisation" = 组织建设); see Codebook.families. */
  family: string;
  /** Concern shared by a problem theme and the measure themes answering it (feeds ADDRESSED_BY links). */
  concern: string;
  /**
   * Keywords with weights, longest first (negative weights argue against the theme; zero-weight
   * keywords only hide the shorter keywords inside them). "@id" stands for every word of concept `id`.
   */
  keywords: [term: string, weight: number][];
  patterns: CodebookPattern[];
  combos: CodebookCombo[];
  /** Measure themes only: ids of further problem themes the measure addresses. */
  addresses: string[];
  /** The theme's own typical forms (a shortcoming as reports state it, for a problem theme; the action, for a measure). */
  examples: string[];
  /** Typical opposite forms: the action answering a problem theme, the shortcoming a measure theme answers. */
  opposite: string[];
}

/** Scoring settings a codebook may override. */
export interface CodebookSettings {
  /** Factor for keyword and pattern matches found in the item body but not in its heading. */
  bodyWeight: number;
  /** Upper bound of the (weighted) body contribution to a theme score. */
  bodyCap: number;
  /** Minimum score for a statement to be assigned a codebook theme. */
  threshold: number;
  /**
   * Minimum score for a measure statement (optional; `threshold` when absent). A measure's verb weighs little or
   * nothing and its object decides, so one object word can name its theme; see pickThreshold.
   */
  measureThreshold?: number;
  /** Minimum cosine between an uncovered statement and a cluster centroid for it to join the cluster. */
  clusterThreshold: number;
}

/** A validated, compiled codebook. */
export interface Codebook {
  name: string;
  /** Where it was loaded from ("shipped" for the built-in one). */
  origin: string;
  /**
   * A hash of its content: two codebooks with the same key score alike. What a worker thread scored with its own
   * copy of the codebook (isolate/report-prep.ts) is used only by a codebook with the same key.
   */
  key: string;
  settings: CodebookSettings;
  /** Taxonomy families, id → label (e.g. "organisation" → 组织建设), in codebook order. */
  families: Map<string, string>;
  themes: CodebookTheme[];
  byId: Map<string, CodebookTheme>;
  /** Synonym sets: the lexicon's, plus the codebook's own. */
  concepts: Map<string, Concept>;
  /** Every keyword and concept word of the codebook, compiled for one scan per text. */
  index: TermIndex;
}

export const DEFAULT_SETTINGS: CodebookSettings = { bodyWeight: 0.3, bodyCap: 4, threshold: 2.5, clusterThreshold: 0.4 };

const SHIPPED_PATH = fileURLToPath(new URL("./codebook.json", import.meta.url));
const SLUG = /^[a-z0-9][a-z0-9._-]*$/;

/**
 * Load the shipped codebook, or a user's JSON codebook when `path` is given.
 * @throws UsageError naming the file and the problem when the file is unreadable or invalid.
 */
export function loadCodebook(path?: string): Codebook {
  const file = path ?? SHIPPED_PATH;
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch (err) {
    throw new UsageError(`loadCodebook: cannot read codebook "${file}" (${(err as Error).message}). Check the --codebook path.`, {
      cause: err,
    });
  }
  let raw: unknown;
  try {
    raw = JSON.parse(text.replace(/^\uFEFF/, ""));
  } catch (err) {
    throw new UsageError(`loadCodebook: "${file}" is not valid JSON (${(err as Error).message}). Fix the file.`, { cause: err });
  }
  return parseCodebook(raw, path ? file : "shipped");
}

/** Validate and compile an already-parsed codebook object; `origin` names it in error messages. */
export function parseCodebook(raw: unknown, origin: string): Codebook {
  const fail = (what: string): never => {
    throw new UsageError(`loadCodebook: codebook "${origin}": ${what}. See src/themes/README.md for the format.`);
  };
  if (!isObject(raw)) return fail("expected a JSON object with a `themes` array");
  if (!Array.isArray(raw.themes) || raw.themes.length === 0) return fail("`themes` must be a non-empty array");
  const settings = parseSettings(raw.settings, fail);
  const families = parseFamilies(raw.families, fail);
  const concepts = parseConcepts(raw.concepts, fail);
  const themes = raw.themes.map((t, i) => parseTheme(t, i, fail, families, concepts));
  const byId = new Map<string, CodebookTheme>();
  for (const t of themes) {
    if (byId.has(t.id)) fail(`duplicate theme id "${t.id}"`);
    byId.set(t.id, t);
  }
  for (const t of themes) {
    for (const a of t.addresses) {
      const target = byId.get(a);
      if (!target || target.kind !== "problem") fail(`theme "${t.id}" addresses "${a}", which is not a problem theme id`);
    }
  }
  const name = typeof raw.name === "string" ? raw.name : origin;
  const key = createHash("sha256").update(JSON.stringify(raw)).digest("hex").slice(0, 16);
  return { name, origin, key, settings, families, themes, byId, concepts, index: buildTermIndex(themes, concepts) };
}

function parseFamilies(raw: unknown, fail: (what: string) => never): Map<string, string> {
  const out = new Map<string, string>();
  if (raw === undefined) return out;
  if (!Array.isArray(raw)) return fail("`families` must be an array of { id, label }");
  for (const f of raw) {
    if (!isObject(f) || typeof f.id !== "string" || !SLUG.test(f.id) || typeof f.label !== "string" || f.label === "") {
      fail(`families: each entry needs an ascii slug id and a label, got ${JSON.stringify(f)}`);
    }
    out.set((f as { id: string }).id, (f as { label: string }).label);
  }
  return out;
}

/** The lexicon's synonym sets plus the codebook's own (`concepts: { id: { label, words } }`; same id replaces). */
function parseConcepts(raw: unknown, fail: (what: string) => never): Map<string, Concept> {
  const out = new Map(LEXICON.concepts);
  if (raw === undefined) return out;
  if (!isObject(raw)) return fail("`concepts` must be an object of id → { label, words }");
  for (const [id, c] of Object.entries(raw)) {
    if (!SLUG.test(id)) fail(`concept id "${id}" must be a lower-case ascii slug`);
    const words = isObject(c) ? c.words : undefined;
    if (!Array.isArray(words) || words.length === 0 || words.some((w) => typeof w !== "string" || w === "")) {
      fail(`concept "${id}" needs a non-empty \`words\` array of strings`);
    }
    out.set(id, { id, label: isObject(c) && typeof c.label === "string" ? c.label : id, words: words as string[] });
  }
  return out;
}

/**
 * The score a statement of `kind` needs to take a codebook theme: `measureThreshold` for measures when the codebook
 * sets it, else `threshold`.
 * @example pickThreshold(codebook.settings, "measure")
 */
export function pickThreshold(settings: CodebookSettings, kind: "problem" | "measure"): number {
  return kind === "measure" ? settings.measureThreshold ?? settings.threshold : settings.threshold;
}

function parseSettings(raw: unknown, fail: (what: string) => never): CodebookSettings {
  if (raw === undefined) return { ...DEFAULT_SETTINGS };
  if (!isObject(raw)) return fail("`settings` must be an object");
  const out: CodebookSettings = { ...DEFAULT_SETTINGS };
  for (const key of [...Object.keys(DEFAULT_SETTINGS), "measureThreshold"] as (keyof CodebookSettings)[]) {
    const v = raw[key];
    if (v === undefined) continue;
    if (typeof v !== "number" || !Number.isFinite(v) || v < 0) fail(`settings.${key} must be a non-negative number`);
    out[key] = v as number;
  }
  return out;
}

function parseTheme(
  raw: unknown,
  index: number,
  fail: (what: string) => never,
  families: Map<string, string>,
  concepts: Map<string, Concept>,
): CodebookTheme {
  const where = `themes[${index}]`;
  if (!isObject(raw)) return fail(`${where} must be an object`);
  const id = raw.id;
  if (typeof id !== "string" || !SLUG.test(id)) return fail(`${where}.id must be a lower-case ascii slug, got ${JSON.stringify(id)}`);
  const at = `theme "${id}"`;
  if (raw.kind !== "problem" && raw.kind !== "measure") return fail(`${at}: kind must be "problem" or "measure"`);
  if (typeof raw.label !== "string" || raw.label.trim() === "") return fail(`${at}: label must be a non-empty string`);
  const keywords = parseKeywords(raw.keywords, at, fail).sort((a, b) => b[0].length - a[0].length || (a[0] < b[0] ? -1 : 1));
  for (const [term] of keywords) {
    if (term.startsWith("@") && !concepts.has(term.slice(1))) fail(`${at}: keyword "${term}" names no concept of the lexicon or the codebook`);
  }
  const patterns = parsePatterns(raw.patterns, at, fail);
  const combos = parseCombos(raw.combos, at, fail, concepts);
  if (keywords.length === 0 && patterns.length === 0 && combos.length === 0) fail(`${at}: needs at least one keyword or pattern`);
  const addresses = stringArray(raw.addresses, `${at}: addresses`, fail);
  if (raw.kind === "problem" && addresses.length > 0) fail(`${at}: only measure themes may list addresses`);
  const given = typeof raw.family === "string" && raw.family !== "" ? raw.family : undefined;
  if (given && families.size > 0 && !families.has(given)) fail(`${at}: family "${given}" is not one of \`families\``);
  // Without a `families` list (older user codebooks) `family` is the concern, as it used to be.
  const concern = typeof raw.concern === "string" && raw.concern !== "" ? raw.concern : given ?? id;
  return {
    id,
    kind: raw.kind,
    label: raw.label.trim(),
    family: given ?? concern,
    concern,
    keywords,
    patterns,
    combos,
    addresses,
    examples: stringArray(raw.examples, `${at}: examples`, fail),
    opposite: stringArray(raw.kind === "problem" ? raw.positive : raw.negative, `${at}: ${raw.kind === "problem" ? "positive" : "negative"}`, fail),
  };
}

function parseCombos(raw: unknown, at: string, fail: (what: string) => never, concepts: Map<string, Concept>): CodebookCombo[] {
  if (raw === undefined) return [];
  if (!Array.isArray(raw)) return fail(`${at}: combos must be an array of { all: [...], w }`);
  return raw.map((c) => {
    const all = isObject(c) ? c.all : undefined;
    const weight = isObject(c) ? (c.w ?? c.weight ?? 1) : 1;
    if (!Array.isArray(all) || all.length < 2 || all.some((x) => typeof x !== "string" || x === "")) {
      return fail(`${at}: a combo needs \`all\`: at least two words or @concepts`);
    }
    for (const x of all as string[]) if (x.startsWith("@") && !concepts.has(x.slice(1))) fail(`${at}: combo item "${x}" names no concept`);
    if (typeof weight !== "number" || !Number.isFinite(weight)) return fail(`${at}: combo weight must be a number`);
    return { all: all as string[], weight };
  });
}

function parseKeywords(raw: unknown, at: string, fail: (what: string) => never): [string, number][] {
  if (raw === undefined) return [];
  // Accept { term: weight } or [{ term, weight }] / [term] (weight 1).
  const entries: [unknown, unknown][] = Array.isArray(raw)
    ? raw.map((k) => (typeof k === "string" ? [k, 1] : isObject(k) ? [k.term, k.weight ?? 1] : [k, 1]))
    : isObject(raw)
      ? Object.entries(raw)
      : fail(`${at}: keywords must be an object of term → weight`);
  return entries.map(([term, weight]) => {
    if (typeof term !== "string" || term === "") fail(`${at}: keyword terms must be non-empty strings`);
    if (typeof weight !== "number" || !Number.isFinite(weight)) fail(`${at}: weight of keyword "${String(term)}" must be a number`);
    return [term as string, weight as number];
  });
}

function parsePatterns(raw: unknown, at: string, fail: (what: string) => never): CodebookPattern[] {
  if (raw === undefined) return [];
  if (!Array.isArray(raw)) return fail(`${at}: patterns must be an array of { re, w }`);
  return raw.map((p) => {
    const source = isObject(p) ? p.re : p;
    const weight = isObject(p) ? (p.w ?? p.weight ?? 1) : 1;
    if (typeof source !== "string" || source === "") return fail(`${at}: pattern must have a non-empty "re" string`);
    if (typeof weight !== "number" || !Number.isFinite(weight)) return fail(`${at}: weight of pattern /${source}/ must be a number`);
    try {
      return { source, re: new RegExp(source, "u"), weight };
    } catch (err) {
      return fail(`${at}: pattern /${source}/ does not compile (${(err as Error).message})`);
    }
  });
}

function stringArray(raw: unknown, at: string, fail: (what: string) => never): string[] {
  if (raw === undefined) return [];
  if (!Array.isArray(raw) || raw.some((x) => typeof x !== "string")) return fail(`${at} must be an array of strings`);
  return raw as string[];
}

function isObject(x: unknown): x is Record<string, unknown> {
  return typeof x === "object" && x !== null && !Array.isArray(x);
}
