/*
 * scoreExtraction(): scores one `kg extract --json` document against a gold file. The rules, in full
 * (each score-*.ts module repeats its own):
 * - Document: the predicted document whose path basename equals gold.source, else the only one.
 * - Text: every comparison normalises both sides (normalise-text.ts): traditional→simplified, NFKC
 *   (full-width→half-width), no \p{P} \p{S} \s, Latin lower-cased.
 * - Reports: paired one to one when the predicted startLine equals gold start_line or alt_start_line.
 *   Everything below is compared within pairs; whatever sits in an unpaired predicted report is a false
 *   positive and whatever sits in an unpaired gold report is a miss. Counts are summed over reports.
 * - Problems, measures, causes (per kind): a prediction matches a gold quote when it covers at least
 *   60% of it (longest common substring / gold length; containment = 100%). A prediction is a TP if it
 *   matches a non-borderline gold item, ignored if it matches only borderline ones, else an FP. Recall =
 *   matched non-borderline gold / non-borderline gold. With match "one-to-one" a maximum matching pairs
 *   each prediction with at most one gold item and each gold item with at most one prediction; an unpaired
 *   prediction is an FP (ignored if it covers a borderline item). Gold causes: distinct strings of
 *   problems[].causes plus general_causes.
 * - Themes (problems, measures): each matched gold item takes its best prediction; over pairs of such
 *   items from different reports, gold "same" = equal primary theme, predicted "same" = equal themeId.
 *   P/R/F1 over "same" pairs. themesGoldSameIf "any" lets intersecting theme sets count as same for
 *   precision; the table always shows both rules.
 * - Links: a predicted ADDRESSED_BY (CAUSES) link is a TP when its statements match the ends of a gold
 *   link (gold CAUSES = problem.causes); matching only a possible_links entry is ignored; else an FP.
 * - Mechanisms, organisations, slogans: by normalised name (or variant / surface form), one to one per
 *   report; borderline gold counts neither way. Slogans only when the prediction has a slogans field.
 * - Figures: by value and line, one to one; borderline gold counts neither way.
 */
import { UsageError } from "../errors.ts";
import { EVAL_STATEMENT_KINDS, goldCauses, goldStatements, type EvalStatementKind, type GoldStatement } from "./gold-statements.ts";
import { alignReports, predReportLabel, scoreReports } from "./match-reports.ts";
import { addTally, emptyTally, toMetricScore, type EvalOptions, type EvalResult, type MetricScore, type Tally } from "./result.ts";
import { scoreFigures, goldFigureValues } from "./score-figures.ts";
import { scoreLinks, tallyUnmatchedLinks, type GoldLinkSet } from "./score-links.ts";
import { goldMechanismNames, goldOrganisationNames, goldSloganNames, scoreNames, type GoldName } from "./score-names.ts";
import { matchStatements, statementsOfKind, type MatchMode, tallyStatements, tallyUnmatchedStatements } from "./score-statements.ts";
import { scoreThemePairs, type ThemeEntry } from "./score-themes.ts";
import { DEFAULT_COVERAGE_THRESHOLD } from "./text-match.ts";
import type { ExtractionJson, ExtractionJsonDocument, ExtractionJsonReport, GoldFile, GoldReport } from "./types.ts";

const KIND_METRIC: Record<EvalStatementKind, string> = { problem: "problems", measure: "measures", cause: "causes" };
const NAME_METRICS = ["mechanisms", "organisations", "slogans"] as const;
type NameMetric = (typeof NAME_METRICS)[number];

/** The predicted document to score: the one whose path basename is gold.source, else the only one. */
export function selectDocument(pred: ExtractionJson, gold: GoldFile): ExtractionJsonDocument {
  const basename = (p: string): string => p.split(/[\\/]/).pop() ?? p;
  const named = pred.documents.find((d) => basename(d.path) === gold.source);
  if (named) return named;
  const [only, ...rest] = pred.documents;
  if (only && rest.length === 0) return only;
  const paths = pred.documents.map((d) => d.path).join(", ") || "none";
  throw new UsageError(`eval: no predicted document is named "${gold.source}" (documents: ${paths}). Extract that file, or pass a prediction with one document.`);
}

/**
 * Score a prediction against gold.
 * @example const result = scoreExtraction(JSON.parse(predText), JSON.parse(goldText)); console.log(formatEvalTable(result));
 */
export function scoreExtraction(pred: ExtractionJson, gold: GoldFile, options: EvalOptions = {}): EvalResult {
  const opts: Required<EvalOptions> = {
    themesGoldSameIf: options.themesGoldSameIf ?? "primary",
    coverageThreshold: options.coverageThreshold ?? DEFAULT_COVERAGE_THRESHOLD,
    match: options.match ?? "many-to-many",
  };
  const doc = selectDocument(pred, gold);
  const alignment = alignReports(gold.reports, doc.reports);
  const t = new Map<string, Tally>();
  const add = (name: string, tally: Tally): void => void addTally(t.get(name) ?? t.set(name, emptyTally()).get(name)!, tally);
  const themeEntries: Record<"problem" | "measure", ThemeEntry[]> = { problem: [], measure: [] };

  for (const { gold: g, pred: p } of alignment.pairs) scorePair(g, p, opts.coverageThreshold, opts.match, add, themeEntries);
  for (const g of alignment.unmatchedGold) scoreUnmatchedGold(g, add);
  for (const p of alignment.unmatchedPred) scoreUnmatchedPred(p, add);

  const alt = opts.themesGoldSameIf === "primary" ? "any" : "primary";
  add("problem-themes", scoreThemePairs(themeEntries.problem, opts.themesGoldSameIf));
  add(`problem-themes/${alt}`, scoreThemePairs(themeEntries.problem, alt));
  add("measure-themes", scoreThemePairs(themeEntries.measure, opts.themesGoldSameIf));
  add(`measure-themes/${alt}`, scoreThemePairs(themeEntries.measure, alt));
  add("reports", scoreReports(alignment));

  const hasSlogans = doc.reports.some((r) => Array.isArray(r.slogans));
  const order = ["reports", "problems", "measures", "causes", "problem-themes", `problem-themes/${alt}`, "measure-themes",
    `measure-themes/${alt}`, "addressed-by", "cause-links", "mechanisms", "organisations", ...(hasSlogans ? ["slogans"] : []), "figures"];
  const metrics: Record<string, MetricScore> = {};
  for (const name of order) metrics[name] = toMetricScore(name, t.get(name) ?? emptyTally());
  return {
    document: doc.path,
    goldSource: gold.source,
    reportPairs: alignment.pairs.map(({ gold: g, pred: p }) => ({ gold: g.id, pred: p.id, predStartLine: p.startLine })),
    options: opts,
    metrics,
  };
}

type Add = (name: string, tally: Tally) => void;

function scorePair(g: GoldReport, p: ExtractionJsonReport, threshold: number, mode: MatchMode, add: Add, themes: Record<"problem" | "measure", ThemeEntry[]>): void {
  const label = g.id;
  const statements = p.statements ?? [];
  const m = {} as Record<EvalStatementKind, ReturnType<typeof matchStatements>>;
  for (const kind of EVAL_STATEMENT_KINDS) {
    m[kind] = matchStatements(kind, goldStatements(g, kind), statementsOfKind(statements, kind), threshold, mode);
    add(KIND_METRIC[kind], tallyStatements(m[kind], label));
  }
  for (const kind of ["problem", "measure"] as const) {
    for (const item of m[kind].gold) {
      const best = m[kind].best.get(item.id);
      if (best && !item.borderline) themes[kind].push({ report: label, gold: item, pred: best });
    }
  }
  const links = p.links ?? [];
  add("addressed-by", scoreLinks({ type: "ADDRESSED_BY", links, statements, from: m.problem, to: m.measure, gold: addressedByGold(g), reportLabel: label }));
  add("cause-links", scoreLinks({ type: "CAUSES", links, statements, from: m.cause, to: m.problem, gold: causesGold(g), reportLabel: label }));
  for (const metric of NAME_METRICS) add(metric, scoreNames(goldNames(metric, g), predNames(metric, p), label));
  add("figures", scoreFigures(goldFigureValues(g.figures), p.figures ?? [], label));
}

function scoreUnmatchedGold(g: GoldReport, add: Add): void {
  const items: GoldStatement[] = EVAL_STATEMENT_KINDS.flatMap((kind) => goldStatements(g, kind));
  for (const kind of EVAL_STATEMENT_KINDS) add(KIND_METRIC[kind], tallyUnmatchedStatements([], goldStatements(g, kind), g.id));
  add("addressed-by", tallyUnmatchedLinks("ADDRESSED_BY", [], [], { links: addressedByGold(g).strong, items }, g.id));
  add("cause-links", tallyUnmatchedLinks("CAUSES", [], [], { links: causesGold(g).strong, items }, g.id));
  for (const metric of NAME_METRICS) add(metric, markUnmatched(scoreNames(goldNames(metric, g), [], g.id)));
  add("figures", markUnmatched(scoreFigures(goldFigureValues(g.figures), [], g.id)));
}

function scoreUnmatchedPred(p: ExtractionJsonReport, add: Add): void {
  const label = predReportLabel(p);
  const statements = p.statements ?? [];
  for (const kind of EVAL_STATEMENT_KINDS) add(KIND_METRIC[kind], tallyUnmatchedStatements(statementsOfKind(statements, kind), [], label));
  for (const type of ["ADDRESSED_BY", "CAUSES"] as const) {
    const metric = type === "ADDRESSED_BY" ? "addressed-by" : "cause-links";
    add(metric, tallyUnmatchedLinks(type, p.links ?? [], statements, { links: [], items: [] }, label));
  }
  for (const metric of NAME_METRICS) add(metric, markUnmatched(scoreNames([], predNames(metric, p), label)));
  add("figures", markUnmatched(scoreFigures([], p.figures ?? [], label)));
}

function addressedByGold(g: GoldReport): GoldLinkSet {
  const pairs = (links: GoldReport["links"]): { from: string; to: string }[] => (links ?? []).map((l) => ({ from: l.problem, to: l.measure }));
  return { strong: pairs(g.links), weak: pairs(g.possible_links) };
}

function causesGold(g: GoldReport): GoldLinkSet {
  return { strong: goldCauses(g).links.map((l) => ({ from: l.cause, to: l.problem })), weak: [] };
}

function goldNames(metric: NameMetric, g: GoldReport): GoldName[] {
  if (metric === "mechanisms") return goldMechanismNames(g);
  return metric === "organisations" ? goldOrganisationNames(g) : goldSloganNames(g);
}

function predNames(metric: NameMetric, p: ExtractionJsonReport): string[] {
  return (p[metric] ?? []).map((item) => item.name);
}

function markUnmatched(tally: Tally): Tally {
  for (const item of [...tally.misses, ...tally.falsePositives]) item.note ??= "report not matched";
  return tally;
}
