/*
 * Loads the entity lexicons (src/extract/lexicons/*.json): mechanisms, organisations, slogans and
 * figure patterns. The shipped files are the default; a user file of the same shape (any subset of
 * the four sections) can extend them: its entries are added, and entries with a shipped name replace it.
 */
import { readFileSync } from "node:fs";

import { InputError } from "../errors.ts";
import figuresRaw from "./lexicons/figures.json" with { type: "json" };
import mechanismsRaw from "./lexicons/mechanisms.json" with { type: "json" };
import organisationsRaw from "./lexicons/organisations.json" with { type: "json" };
import slogansRaw from "./lexicons/slogans.json" with { type: "json" };
import type { OrgType } from "../types.ts";

/** A named item with literal aliases and regex patterns (both over simplified, quote-free text). */
export interface LexiconEntry {
  name: string;
  aliases: string[];
  patterns?: string[];
  /** A campaign (先进性教育活动, 三严三实 …): recognised, so no longer term is discovered inside it, but not listed as a mechanism. */
  campaign?: boolean;
}

/** Mechanisms: canonical names plus the rules that discover unlisted ones. */
export interface MechanismLexicon {
  entries: LexiconEntry[];
  /** Generic tails a listed mechanism may carry ("三会一课制度" is 三会一课). */
  absorbSuffixes: string[];
  discovery: {
    suffixes: string[];
    quotedSuffixes: string[];
    quotedEndings: string[];
    bookEndings: string[];
    listTails: string[];
    leftBoundaries: string[];
    /** Cores that are generic on their own ("管理" in 管理制度). */
    genericTerms: string[];
    /** Suffixes specific enough that only an exact generic core ("工作责任制") is dropped. */
    strongSuffixes: string[];
    /** A left boundary word does not count when followed by one of these ("对" in 入党对象). */
    boundaryExceptions: Record<string, string[]>;
    /** Words any combination of which is generic ("工作保障", "管理和工作"). */
    genericWords: string[];
    /** A core containing one of these is generic ("考核各项管理"). */
    genericInfixes: string[];
    /** Characters before 和/与/及 that make it part of a word, not a joiner (参与, 涉及, 以及 …). */
    notJoinerAfter?: string;
    /** Characters after 和/与/及 that make it part of a word, not a joiner (和谐, 及时, 与会 …). */
    notJoinerBefore?: string;
    /** A discovered name containing one of these is no mechanism: a problem word ("激励机制不足") or a demonstrative ("这个…工程"). */
    rejectInfixes?: string[];
    /** A discovered core ending in one of these is a place phrase, not a name ("…体系中机制"). */
    rejectCoreEnds?: string[];
    genericPrefixes: string[];
    stripPrefixes: string[];
    /** Nouns of a member group: before a quoted term and its suffix they stay in the name ("流动党员“双向联络”机制"). */
    subjectNouns?: string[];
    /** What may not follow a discovery suffix ("制度建设" is not a mechanism). */
    notFollowedBy: string[];
    /** "开展X活动": a named activity after one of these verbs. */
    verbActivity: { verbs: string[]; suffixes: string[]; maxCore: number };
    /** Suffixes that name a mechanism only when the term is about the party ("农村党员发展规划"). */
    partySuffixes: { suffixes: string[]; coreMustContain: string[] };
    minLength: number;
    maxLength: number;
  };
}

/** One organisation core ("党支部", "教育局") and how it may be qualified. */
export interface OrgCore {
  core: string;
  type: OrgType;
  canonical: string;
  requirePrefix?: boolean;
  requireLevel?: boolean;
  notFollowedBy?: string[];
  notPrecededBy?: string[];
  prefixes?: string[];
  weak?: boolean;
}

/** Organisations: cores, fixed bodies, named institutions and prefix vocabularies. */
export interface OrganisationLexicon {
  cores: OrgCore[];
  fixed: { name: string; type: OrgType; aliases: string[]; notFollowedBy?: string[] }[];
  institutions: { word: string; type: OrgType; needName?: boolean; anonOnly?: boolean; notFollowedBy?: string[]; notPrecededBy?: string[]; maxName?: number }[];
  /** Qualifiers that leave "党组织" generic (基层党组织 is not one body). */
  weakGenericQualifiers: string[];
  prefixTokens: {
    self: string[];
    level: string[];
    distinctive: string[];
    generic: string[];
    levelAliases: Record<string, string>;
  };
  nameStopChars: string;
  nameStopWords: string[];
  /** Section heading words a run-on heading leaves before a name ("基本情况公司党委"): never part of a name. */
  headingWords?: string[];
  /** Verbs that end a clause before a name ("参加社区活动"): never part of a name. */
  nameStopVerbs?: string[];
  /** A bare core followed by one of these names a role or an activity, not a body ("党支部书记", "党支部创建"). */
  bareRoleTails?: string[];
  /** Measure words that follow a number and never start a name ("3家子公司党委"). */
  classifiers?: string;
  /** Qualifiers that leave a party body generic ("基层党支部"): folded like a bare core into the report's specific body. */
  bareQualifiers?: string[];
  /** Stop characters that may still begin a proper name when they stand at a boundary ("关于和平里社区"). */
  nameLeadChars?: string;
  /** Township words after which a short place name (村, 社区) begins: "长岭镇青石村" is 青石村. */
  placeEnds?: string[];
  /** Place names (provinces, large cities) kept before a level word: "上海市委组织部", not 市委组织部. */
  placeNames?: string[];
  /** Regex source: a name it matches is a time phrase, not a proper name ("近三年社区", "今年社区"). */
  nameTimePattern?: string;
  /** Category words ("公立", "国有"): alone before 医院/企业 they make no proper name. */
  categoryWords?: string[];
  /** Distinctive words that only describe when a level word follows ("基层县局党委" is 县局党委). */
  descriptiveBeforeLevel?: string[];
  /** Quantifiers ("多数村", "部分社区"): never part of a name. */
  quantifiers?: string[];
  /** Longer written forms of a qualifier ("行政村" is 村, "两新组织" is 两新): same body, the plain form names it. */
  levelSynonyms?: Record<string, string>;
  anonPattern: string;
  /** Regex sources: "在X的领导下" (X leads the body just before 在) and "X下设…" (X heads the bodies after it). */
  hierarchy: { underLeadership: string; underBefore: string; setsUp: string; sentenceEnd: string };
}

/** Slogans: listed formulas plus the shapes of quoted formulas. */
export interface SloganLexicon {
  entries: LexiconEntry[];
  quoted: {
    minLength: number;
    maxLength: number;
    numberedPattern: string;
    parallelPattern: string;
    typedPattern: string;
    exclude: string[];
    /** A quoted phrase followed by one of these names a thing, not a slogan ("两新"组织). */
    notFollowedBy: string[];
    excludeEndings: string[];
  };
}

/** Figures: membership nouns, units and the words that mark a membership sentence. */
export interface FigureLexicon {
  units: Record<string, string>;
  nouns: { pattern: string; what: string }[];
  keywords: string[];
  ageLabel: string;
  placeholder: string;
  stopUnitsAfter: string[];
  /** Words that make a percentage's clause about something else (收入, 增长 …). */
  percentExclude: string[];
  maxLabelLength: number;
  /** Nouns a count after its number names ("6个党支部组织生活…" counts 党支部); the longest one wins. */
  countNouns?: string[];
  /** "X中Y的占45%": the population X a share is taken among ("党员中高中以上文化程度的" → 党员高中以上文化程度). */
  amongNouns?: string[];
  /** What may not follow a unit ("42人次", "人均"): the number is no count of people or bodies. */
  notAfterUnit?: string[];
  /** Survey-method words ("访谈", "问卷"): a count in their clause is of people asked, not members. */
  surveyWords?: string[];
  /** Words that open a label but are not part of it ("含离退休党员" → 离退休党员). */
  labelLeadWords?: string[];
}

/** All entity lexicons. */
export interface Lexicons {
  mechanisms: MechanismLexicon;
  organisations: OrganisationLexicon;
  slogans: SloganLexicon;
  figures: FigureLexicon;
}

/** The lexicons shipped with kg. */
export const SHIPPED_LEXICONS: Lexicons = {
  mechanisms: mechanismsRaw as unknown as MechanismLexicon,
  organisations: organisationsRaw as unknown as OrganisationLexicon,
  slogans: slogansRaw as unknown as SloganLexicon,
  figures: figuresRaw as unknown as FigureLexicon,
};

/** A user lexicon file: any of the four sections, each partial. */
export interface LexiconOverride {
  mechanisms?: Partial<MechanismLexicon>;
  organisations?: Partial<OrganisationLexicon>;
  slogans?: Partial<SloganLexicon>;
  figures?: Partial<FigureLexicon>;
}

/**
 * The shipped lexicons, extended by the user's file when a path is given.
 * @example const lex = loadLexicons("my-lexicon.json");
 */
export function loadLexicons(overridePath?: string): Lexicons {
  if (!overridePath) return SHIPPED_LEXICONS;
  let parsed: LexiconOverride;
  try {
    parsed = JSON.parse(readFileSync(overridePath, "utf8")) as LexiconOverride;
  } catch (cause) {
    throw new InputError(`loadLexicons: cannot read lexicon file "${overridePath}". Give a JSON file with mechanisms/organisations/slogans/figures sections.`, { cause });
  }
  return mergeLexicons(SHIPPED_LEXICONS, parsed);
}

/** Merge a user override into base lexicons (entries by name; other fields replace). */
export function mergeLexicons(base: Lexicons, over: LexiconOverride): Lexicons {
  return {
    mechanisms: mergeSection(base.mechanisms, over.mechanisms),
    organisations: over.organisations ? { ...base.organisations, ...over.organisations } : base.organisations,
    slogans: mergeSection(base.slogans, over.slogans),
    figures: over.figures ? { ...base.figures, ...over.figures } : base.figures,
  };
}

function mergeSection<T extends { entries: LexiconEntry[] }>(base: T, over: Partial<T> | undefined): T {
  if (!over) return base;
  const extra = over.entries ?? [];
  const names = new Set(extra.map((e) => e.name));
  return { ...base, ...over, entries: [...base.entries.filter((e) => !names.has(e.name)), ...extra] };
}
