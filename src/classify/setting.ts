/*
 * A report's setting (school, university, rural, community, government, enterprise) from weighted
 * cue words in settings.json. Says which cues decided, so the choice can be explained.
 */
import type { Setting } from "../types.ts";
import raw from "./settings.json" with { type: "json" };

const CUES = Object.entries(raw.cues) as [Setting, Record<string, number>][];

/** Classify a report's normalised text; returns the setting and the rule that chose it. */
export function classifySetting(text: string): { setting: Setting; rule: string } {
  const scores = CUES.map(([setting, cues]) => {
    let score = 0;
    const hits: string[] = [];
    for (const [cue, weight] of Object.entries(cues)) {
      const n = countOccurrences(text, cue);
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

function countOccurrences(text: string, cue: string): number {
  let n = 0;
  for (let i = text.indexOf(cue); i !== -1; i = text.indexOf(cue, i + cue.length)) n++;
  return n;
}
