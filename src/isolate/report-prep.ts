/*
 * What the cross-report stages (themes, links) read of a report that depends on that report and the codebook
 * only, computed in the pool's worker threads when there are several jobs (each prepares the documents it
 * extracted, all together once every file is delivered: scoring and word segmentation run faster with their
 * tables hot than file by file between the other stages), so that the main thread, which runs the cross-report
 * stages alone, only clusters, assigns and checks. Per statement: its codebook ranking (as assignThemes reads
 * it) and its clustering word features; per report: its links as linkReport gives them when every statement
 * keeps the codebook theme it scores best (which holds unless an analyst's decision moved one).
 *
 * `assemble` (src/pipeline.ts) uses a report's preparation only when it was made with a codebook of the same
 * key, and links only where the final themes are those the links were made with; it computes whatever is
 * missing itself, the same way. So the output is the same with or without preparations, for any number of jobs.
 * A preparation travels beside its report (a WeakMap keyed by the report's statements array, which the
 * shallow copies of a report keep), never in the extraction itself: the extraction JSON does not change.
 */
import { linkReport } from "../links/link-report.ts";
import { loadCodebook } from "../themes/codebook.ts";
import type { Codebook } from "../themes/codebook.ts";
import { clusterFeatures, type ClusterFeatures, featureKeys, type FeatureKeys } from "../themes/cluster.ts";
import { headAbove, type PreparedStatement, rankStatement, type StatementRanking, statementTheme } from "../themes/assign-themes.ts";
import type { ThemeScore } from "../themes/score-themes.ts";
import type { Link, ReportExtraction, ScoredStatement, Statement } from "../types.ts";

/**
 * How much of a statement's text and of its item body the cross-report stages read. Real statements are a
 * few hundred characters; a pathological one (a whole report run into one line) would otherwise make theme
 * scoring and linking, which compare hits within a text, take minutes.
 */
export const SCORED_CHARS = 4_000;

/**
 * The statement as the themes and links stages see it (ScoredStatement): the same id, report, kind, line, spans
 * and attachment, its normalised text cut at SCORED_CHARS. With `own`, its text is a string of its own, not a
 * slice that keeps the whole document's text alive (V8 slices do): for what is kept after the document is let go.
 */
export function scoredStatement(st: ScoredStatement, own = false): ScoredStatement {
  const normText = st.normText.length <= SCORED_CHARS ? st.normText : st.normText.slice(0, SCORED_CHARS);
  return {
    id: st.id,
    reportId: st.reportId,
    kind: st.kind,
    normText: own ? ownCopy(normText) : normText,
    line: st.line,
    span: { start: st.span.start, end: st.span.end },
    textSpan: { start: st.textSpan.start, end: st.textSpan.end },
    ...(st.attachedTo !== undefined ? { attachedTo: st.attachedTo } : {}),
  };
}

/** The item body of a statement as the cross-report stages read it: the document's text of its span, cut at SCORED_CHARS. */
export function scoredBody(documentText: string, st: Pick<Statement, "span">): string {
  return documentText.slice(st.span.start, Math.min(st.span.end, st.span.start + SCORED_CHARS));
}

/** A copy of `s` that holds its own characters (a slice of a longer string keeps that string alive). */
export function ownCopy(s: string): string {
  return s.length < 13 ? s : Buffer.from(s, "utf16le").toString("utf16le");
}

/**
 * What the cross-report stages need of one report (its id, first line, statements as scored and their item
 * bodies, one per statement), without the rest of the report or its document.
 */
export interface CompactReport {
  id: string;
  startLine: number;
  statements: ScoredStatement[];
  /** One per statement: its item body (scoredBody). */
  bodies: string[];
}

/**
 * A report as the cross-report stages read it. With `own`, its strings hold their own characters, so that
 * keeping it does not keep the document (see scoredStatement).
 */
export function compactReport(documentText: string, report: Pick<ReportExtraction, "segment" | "statements">, own = false): CompactReport {
  return {
    id: report.segment.id,
    startLine: report.segment.startLine,
    statements: report.statements.map((st) => scoredStatement(st, own)),
    bodies: report.statements.map((st) => (own ? ownCopy(scoredBody(documentText, st)) : scoredBody(documentText, st))),
  };
}

/** A ThemeScore as sent between threads: the theme by its place in the codebook (each thread has its own copy). */
export type SentThemeScore = Omit<ThemeScore, "theme"> & { theme: number };

/** What was prepared of one statement (plain data, sent from a worker). */
export interface StatementPrep {
  /** Problems and measures: their ranking (StatementRanking), themes by place. */
  ranked?: SentThemeScore[];
  body?: SentThemeScore[];
  /** Problems and measures: the codebook theme they take (`cb:<id>`) when no decision moves them; absent when none reaches the threshold. */
  pick?: string;
  /**
   * Problems and measures: their clustering features; for one with a `pick`, which is not clustered, only which
   * features it has (all the clustering's IDF reads of it).
   */
  features?: ClusterFeatures | FeatureKeys;
}

/** What was prepared of one report (plain data, sent from a worker). */
export interface ReportPrep {
  /** Key of the codebook it was made with (Codebook.key). */
  codebook: string;
  /** One per statement of the report, in its order. */
  statements: StatementPrep[];
  /** The report's links when every statement takes its `pick` (and the others no codebook theme). */
  links: Link[];
}

/**
 * Prepare reports for the cross-report stages.
 * @example const preps = prepareReports(doc.reports.map((r) => compactReport(doc.document.text, r)), loadCodebook());
 */
export function prepareReports(reports: readonly Pick<CompactReport, "statements" | "bodies">[], codebook: Codebook): ReportPrep[] {
  return reports.map((report) => prepareReport(report, codebook));
}

function prepareReport({ statements: own, bodies: list }: Pick<CompactReport, "statements" | "bodies">, codebook: Codebook): ReportPrep {
  const bodies = new Map(own.map((st, i) => [st.id, list[i]!]));
  const themeOf = new Map<string, string>();
  const ranked = new Map<string, ThemeScore[]>();
  const bodyRanked = new Map<string, ThemeScore[]>();
  const order = themeIndex(codebook);
  const send = (list: ThemeScore[]): SentThemeScore[] => list.map((r) => ({ ...r, theme: order.get(r.theme)! }));
  const statements = own.map((st): StatementPrep => {
    if (st.kind !== "problem" && st.kind !== "measure") return {};
    const ranking = rankStatement(st, bodies.get(st.id), codebook);
    const pick = statementTheme(ranking.ranked, codebook, st.kind, st.normText);
    if (pick) themeOf.set(st.id, `cb:${pick.theme.id}`);
    const above = headAbove(ranking.ranked, codebook.settings.threshold);
    if (above.length > 0) ranked.set(st.id, above);
    if (ranking.body.length > 0) bodyRanked.set(st.id, ranking.body);
    return {
      ranked: send(ranking.ranked),
      ...(ranking.body.length > 0 ? { body: send(ranking.body) } : {}),
      ...(pick ? { pick: `cb:${pick.theme.id}` } : {}),
      features: pick ? featureKeys(clusterFeatures(st, bodies)) : clusterFeatures(st, bodies),
    };
  });
  const links = linkReport(own, bodies, themeOf, codebook, { ranked, bodyRanked });
  return { codebook: codebook.key, statements, links };
}

const INDEX = new WeakMap<Codebook, Map<unknown, number>>();

function themeIndex(codebook: Codebook): Map<unknown, number> {
  let index = INDEX.get(codebook);
  if (!index) INDEX.set(codebook, (index = new Map(codebook.themes.map((t, i) => [t, i]))));
  return index;
}

const PREPS = new WeakMap<readonly Statement[], ReportPrep>();

/** Keep a report's preparation beside it (and beside every shallow copy of it that keeps its statements). */
export function attachPrep(report: ReportExtraction, prep: ReportPrep): void {
  if (prep.statements.length === report.statements.length) PREPS.set(report.statements, prep);
}

/**
 * Let a report's preparation go (once the cross-report stages have used it and will not run again over the
 * report: kg import, before the graph is built). Without it the stages compute the same, in the main thread.
 */
export function forgetPrep(report: ReportExtraction): void {
  PREPS.delete(report.statements);
}

/** A report's preparation, if it has one made with `codebook` (same key). */
export function prepOf(report: ReportExtraction, codebook: Codebook): ReportPrep | undefined {
  const prep = PREPS.get(report.statements);
  return prep && prep.codebook === codebook.key && prep.statements.length === report.statements.length ? prep : undefined;
}

/** A statement's preparation as assignThemes reads it: its themes taken from `codebook`. */
export function receivePrep(prep: StatementPrep, codebook: Codebook): PreparedStatement {
  const take = (list: SentThemeScore[]): ThemeScore[] => list.map((r) => ({ ...r, theme: codebook.themes[r.theme]! }));
  const ranking: StatementRanking | undefined = prep.ranked ? { ranked: take(prep.ranked), body: prep.body ? take(prep.body) : [] } : undefined;
  return { ranking, features: prep.features };
}

/**
 * Whether a report's prepared links hold for the final themes: every statement's codebook theme (`cb:…`, other
 * themes do not count for links) is the one it was prepared with.
 */
export function linksHold(prep: ReportPrep, statements: readonly ScoredStatement[], themeOf: ReadonlyMap<string, string>): boolean {
  return statements.every((st, i) => {
    const now = themeOf.get(st.id);
    return (now?.startsWith("cb:") ? now : undefined) === prep.statements[i]!.pick;
  });
}

const CODEBOOKS = new Map<string, Codebook | null>();

/**
 * The codebook at `path` (undefined: the shipped one), loaded once per thread; null when it cannot be loaded
 * (then nothing is prepared: the main thread, which loaded it already, reports the problem).
 */
export function preparingCodebook(path: string | undefined): Codebook | null {
  const key = path ?? "";
  if (!CODEBOOKS.has(key)) {
    try {
      CODEBOOKS.set(key, loadCodebook(path));
    } catch {
      CODEBOOKS.set(key, null);
    }
  }
  return CODEBOOKS.get(key)!;
}
