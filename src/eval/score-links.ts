/*
 * ADDRESSED_BY and CAUSES links within one matched report pair. A predicted link is a TP when its two
 * statements match the two ends of some gold link (by the statement matching rule); it is ignored when
 * it only matches a weak possible_links entry or a link with a borderline end; otherwise it is an FP.
 * Recall counts the gold links (both ends non-borderline) that some predicted link matched.
 */
import type { GoldStatement } from "./gold-statements.ts";
import { emptyTally, type EvalItem, type Tally } from "./result.ts";
import type { StatementMatching } from "./score-statements.ts";
import type { ExtractionJsonLink, ExtractionJsonStatement } from "./types.ts";

/** Gold links of one type in one report, as (from, to) gold statement ids. */
export interface GoldLinkSet {
  strong: { from: string; to: string }[];
  weak: { from: string; to: string }[];
}

/** Which link type to score and the statement matchings of its two ends. */
export interface LinkScoringInput {
  type: "ADDRESSED_BY" | "CAUSES";
  links: ExtractionJsonLink[];
  statements: ExtractionJsonStatement[];
  from: StatementMatching;
  to: StatementMatching;
  gold: GoldLinkSet;
  reportLabel: string;
}

/** Ends of a predicted link: ADDRESSED_BY = problem → measure, CAUSES = cause → problem. */
export function linkEnds(link: ExtractionJsonLink): [string, string] {
  return link.type === "ADDRESSED_BY" ? [link.problem, link.measure] : [link.cause, link.problem];
}

/** Score one link type in one matched report pair. */
export function scoreLinks(input: LinkScoringInput): Tally {
  const tally = emptyTally();
  const goldById = new Map<string, GoldStatement>([...input.from.gold, ...input.to.gold].map((g) => [g.id, g]));
  const isCounted = (l: { from: string; to: string }): boolean =>
    !goldById.get(l.from)?.borderline && !goldById.get(l.to)?.borderline;
  const strong = new Set(input.gold.strong.filter(isCounted).map(key));
  const weak = new Set([...input.gold.weak, ...input.gold.strong.filter((l) => !isCounted(l))].map(key));
  const byId = new Map(input.statements.map((s) => [s.id, s]));
  const found = new Set<string>();
  for (const link of input.links.filter((l) => l.type === input.type)) {
    const [fromId, toId] = linkEnds(link);
    const from = byId.get(fromId);
    const to = byId.get(toId);
    const fromGold = from && from.kind === input.from.kind ? (input.from.matchesOf.get(from) ?? []) : [];
    const toGold = to && to.kind === input.to.kind ? (input.to.matchesOf.get(to) ?? []) : [];
    const candidates = fromGold.flatMap((f) => toGold.map((t) => key({ from: f.id, to: t.id })));
    const hits = candidates.filter((k) => strong.has(k));
    if (hits.length > 0) {
      tally.predTp++;
      hits.forEach((k) => found.add(k));
    } else if (candidates.some((k) => weak.has(k))) tally.ignored++;
    else {
      tally.fp++;
      tally.falsePositives.push(predLinkItem(input.reportLabel, from, to, fromId, toId));
    }
  }
  for (const k of strong) {
    if (found.has(k)) tally.goldFound++;
    else {
      tally.fn++;
      tally.misses.push(goldLinkItem(input.reportLabel, k, goldById));
    }
  }
  return tally;
}

/** Links of an unmatched predicted report are FPs; counted gold links of an unmatched gold report are misses. */
export function tallyUnmatchedLinks(
  type: "ADDRESSED_BY" | "CAUSES",
  links: ExtractionJsonLink[],
  statements: ExtractionJsonStatement[],
  gold: { links: { from: string; to: string }[]; items: GoldStatement[] },
  reportLabel: string,
): Tally {
  const tally = emptyTally();
  const byId = new Map(statements.map((s) => [s.id, s]));
  for (const link of links.filter((l) => l.type === type)) {
    const [fromId, toId] = linkEnds(link);
    tally.fp++;
    tally.falsePositives.push({ ...predLinkItem(reportLabel, byId.get(fromId), byId.get(toId), fromId, toId), note: "report not matched" });
  }
  const goldById = new Map(gold.items.map((g) => [g.id, g]));
  for (const l of gold.links) {
    if (goldById.get(l.from)?.borderline || goldById.get(l.to)?.borderline) continue;
    tally.fn++;
    tally.misses.push({ ...goldLinkItem(reportLabel, key(l), goldById), note: "report not matched" });
  }
  return tally;
}

function key(l: { from: string; to: string }): string {
  return `${l.from}\u0000${l.to}`;
}

function short(text: string): string {
  const chars = Array.from(text);
  return chars.length > 24 ? `${chars.slice(0, 24).join("")}…` : text;
}

function predLinkItem(
  report: string,
  from: ExtractionJsonStatement | undefined,
  to: ExtractionJsonStatement | undefined,
  fromId: string,
  toId: string,
): EvalItem {
  const end = (s: ExtractionJsonStatement | undefined, id: string): string =>
    s ? `[${s.kind} line ${s.line}] ${short(s.text)}` : `(unknown statement id ${id})`;
  const item: EvalItem = { report, text: `${end(from, fromId)} → ${end(to, toId)}` };
  if (from) item.line = from.line;
  return item;
}

function goldLinkItem(report: string, k: string, goldById: Map<string, GoldStatement>): EvalItem {
  const [fromId = "", toId = ""] = k.split("\u0000");
  const end = (id: string): string => {
    const g = goldById.get(id);
    return g ? `${id} ${short(g.text)}` : id;
  };
  const item: EvalItem = { report, text: `${end(fromId)} → ${end(toId)}` };
  const line = goldById.get(fromId)?.line;
  if (line !== undefined) item.line = line;
  return item;
}
