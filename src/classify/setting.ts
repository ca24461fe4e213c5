/*
 * A report's setting (school, university, rural, community, government, enterprise) from weighted
 * cue words in settings.json. Says which cues decided, so the choice can be explained.
 */
import type { Setting } from "../types.ts";
import { buildAhoCorasick } from "../shared/aho-corasick.ts";
import raw from "./settings.json" with { type: "json" };

const CUES = Object.entries(raw.cues) as [Setting, Record<string, number>][];
/** Every cue of every setting, in that order, compiled into one automaton (a cue of two settings appears twice). */
const CUE_LIST = CUES.flatMap(([, cues]) => Object.keys(cues));
const CUE_SCAN = buildAhoCorasick(CUE_LIST);

/** Classify a report's normalised text; returns the setting and the rule that chose it. */
export function classifySetting(text: string): { setting: Setting; rule: string } {
  const counts = countCues(text);
  let id = 0;
  const scores = CUES.map(([setting, cues]) => {
    let score = 0;
    const hits: string[] = [];
    for (const [cue, weight] of Object.entries(cues)) {
      const n = counts[id++]!;
      if (n > 0) {
        score += n * weight;
        hits.push(`${cue}×${n}`);
      }
    }
    return { setting, score, hits };
  }).sort((a, b) => b.score - a.score || a.setting.localeCompare(b.setting));
  const [best, second] = scores;
  if (!best || best.score < raw.minScore || (second && best.score < second.score * raw.margin)) {
    return { setting: best && best.score >= raw.minScore ? "other" : "unknown", rule: `setting: no clear winner (${fmt(scores)})` };
  }
  return { setting: best.setting, rule: `setting cues ${best.hits.slice(0, 6).join(" ")} (${fmt(scores)})` };
}

function fmt(scores: { setting: string; score: number }[]): string {
  return scores.map((s) => `${s.setting}=${s.score}`).join(", ");
}

/**
 * Occurrences of each cue (CUE_LIST order) in one pass, counted as a search from left to right that
 * resumes after each occurrence counts them: one that overlaps the previous counted one is not counted.
 */
function countCues(text: string): number[] {
  const counts = new Array<number>(CUE_LIST.length).fill(0);
  const freeFrom = new Array<number>(CUE_LIST.length).fill(0);
  CUE_SCAN.forEach(text, (id, end) => {
    const start = end - CUE_LIST[id]!.length;
    if (start < freeFrom[id]!) return;
    counts[id]!++;
    freeFrom[id] = end;
  });
  return counts;
}
