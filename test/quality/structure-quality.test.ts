/*
 * Document structure on hand-written fixtures (test/fixtures/structure, gold built by build-gold.py) that copy
 * only the structure of shapes met on real pages: a list restarting at 一、 under a numbered strategy heading
 * and an unnumbered strategy heading (one report, not two), section and item headings fused into one
 * paragraph, a page scraped onto one line with spaces where its breaks were, quoted labels as list items,
 * a traditional report with no sections, paragraphs of a problem section before a stray list item, short quoted labels whose body says how the problem shows (表现在), a visit's news listing requirements, a page title printed twice in the page's head, problems named in a significance section, a first 一是 after a comma. Scored by the same evaluator as `kg eval`; bars are what was
 * measured, the gaps are listed as todo.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";

import { beforeAll, describe, expect, it } from "vitest";

import { formatEvalDetails, parseGoldFile, scoreExtraction } from "../../src/eval/index.ts";
import type { EvalResult, ExtractionJson } from "../../src/eval/index.ts";
import { runPipeline } from "../../src/pipeline.ts";
import { toExtractionJson } from "../../src/sinks/extraction-json.ts";

const DIR = "test/fixtures/structure";

/** Minimum F1 per fixture for reports, problems and measures, as measured on 2026-11-30. */
const BARS: Record<string, { reports: number; problems: number; measures?: number }> = {
  // Before: a second, empty report from the restart at 一、 under 「三、…的对策」, its measures lost (0).
  "heading-restart.txt": { reports: 1, problems: 1, measures: 1 },
  // Before: the restart at 1. under the unnumbered 「…的路径选择」 opened a second report. One report now; the
  // heading is still no measure section (see the todo), so the lines under it are read by their own words.
  "unnumbered-strategy.txt": { reports: 1, problems: 0.85, measures: 0.8 },
  "fused-headings.txt": { reports: 1, problems: 1, measures: 1 },
  // Before: the items after the spaces were not found; measures 0.
  "spaced-oneline.txt": { reports: 1, problems: 1, measures: 1 },
  "no-sections-traditional.txt": { reports: 1, problems: 1, measures: 1 },
  // Measured on 2026-12-01: a lead-in sentence ending on 。 (「…提出以下几点建议。」) between 「三、对策建议」 and the list
  // restarting at 一、 no longer opens a second report (before: reports 0.67, measures 0.00). The 1. 2. under each
  // heading that prescribes stay its sub-points, as the conventions say.
  "restart-lead-in.txt": { reports: 1, problems: 1, measures: 1 },
  // Before: nothing found. The measures after 「为此建议：」 are still missed (see the todo).
  "quoted-labels-oneline.txt": { reports: 1, problems: 0.85, measures: 0 },
  // Measured on 2026-12-01: paragraphs under 「（二）存在的主要短板」, each after a bare 「-」 line, then a title with its
  // 「（一）」 in mid-line that does not end the section and a 「- 」 item of the measures below it. The one item made
  // section-cue read items only and drop the paragraphs (problems 0.29 before); paragraphs before the first item are
  // read when there are three or more. Still extra: an achievement paragraph above. The measures under the mid-line
  // 「（一）」 are not read (see the todo). 2026-12-02: each paragraph's heading, fused with its body by a space, ends at
  // the space, and 「35岁以下」 no longer reads as a lead-in, so the third paragraph's body is no longer read clause by
  // clause (problems 0.66 -> 0.86).
  "paragraphs-before-dash.txt": { reports: 1, problems: 0.85 },
  // Measured on 2026-12-01: 「2.1 当前X存在的主要问题」 under 「2. …存在的主要问题及原因分析」 labels a sub-section; its
  // 2.1.1 … are the problems and 2.2 原因分析's items causes. Before: the label was a problem, 2.1.1 was lost (人 after
  // the number read as a unit) and 2.1.2 sat beside 2.1 with 2.2 under it (problems 0.57).
  "decimal-subsection-label.txt": { reports: 1, problems: 1, measures: 1 },
  // Measured on 2026-12-01: 「一、…的主要不足」 and 「二、X淡化的表现」 (a shortfall's manifestations) are problem sections;
  // before, the second was none and its heading and item bodies were read clause by clause as prose (problems 0.60).
  "section-word-endings.txt": { reports: 1, problems: 1, measures: 1 },
  // Measured on 2026-12-01: a page on one line whose 「一、主要做法」 holds rules stated with negations (不予, 不能): prose
  // clauses past a practice heading on the same line are no problems (before: problems 0.67).
  "oneline-practice.txt": { reports: 1, problems: 1, measures: 1 },
  // Measured on 2026-12-01: items of a problem section headed by a short quoted label (「一是“不X”。表现在A，B。」,
  // 「（一）“不X”。表现为…」): the body after 表现在/表现为 states the problem, the label only names it. Before, the labels
  // were the problems (problems 0.00).
  "quoted-label-manifest.txt": { reports: 1, problems: 1, measures: 1 },
  // Measured on 2026-12-01: a visit's news (no problem stated) whose lead-in announces requirements after a comma
  // (「就下步工作提出三点要求，一是要A。…三是B。」): 一是 after the comma opens the list, and the list is the measures although
  // not every item opens with a modal. Before: no measure (measures 0.00).
  "visit-requirements.txt": { reports: 1, problems: 1, measures: 1 },
  // Measured on 2026-12-01: a paper's page whose title ends on 对策 (with a footnote mark) is printed again under the
  // byline; the repeat was read as a measure section over the whole report (its introduction's problems lost, the
  // byline a measure: problems 0.00, measures 0.00 before).
  "repeated-title-head.txt": { reports: 1, problems: 1, measures: 1 },
  // Measured on 2026-12-01: under a significance heading (no prose read as a finding there), a list of shortfalls that
  // the next sentence calls problems (「有的A，少数B；C等等。这些问题制约着X。」) is read. Before: problems 0.00.
  "significance-named-problems.txt": { reports: 1, problems: 1, measures: 1 },
  // Measured on 2026-12-01: the first item after a comma (「从走访情况看，一是A。…」) with its 二是 at the next line's start.
  // Before: 一是 was no item, its body's clauses were the problems and its heading was lost (problems 0.80).
  "comma-first-item.txt": { reports: 1, problems: 1, measures: 1 },
};

const KNOWN_GAPS = [
  "unnumbered-strategy.txt: a bare line ending on 路径/策略/途径 (「加强…的路径选择」) as a measure section heading; tried and taken back: on a fresh set of real pages it made 18 false measures and lost 4 problems",
  "paragraphs-before-dash.txt: a title with its （一） in mid-line (「提升…的对策 （一）构建…」) ends no section and opens no measure section; its measures are not read",
  "quoted-labels-oneline.txt: the measures after 「为此建议：」 on a one-line page whose breaks are spaces (folded to 。) are not read",
];

describe("document structure on hand-written fixtures", () => {
  const results = new Map<string, EvalResult>();

  beforeAll(async () => {
    for (const name of Object.keys(BARS)) {
      const gold = parseGoldFile(JSON.parse(readFileSync(join(DIR, name.replace(/\.txt$/, ".gold.json")), "utf8")));
      const extraction = await runPipeline([join(DIR, name)]);
      const pred = JSON.parse(JSON.stringify(toExtractionJson(extraction))) as ExtractionJson;
      results.set(name, scoreExtraction(pred, gold));
    }
  }, 120_000);

  const cases = Object.entries(BARS).flatMap(([name, bars]) => Object.entries(bars).map(([metric, min]) => [name, metric, min] as const));
  it.each(cases)("%s: %s F1 >= %s", (name, metric, min) => {
    const score = results.get(name)!.metrics[metric]!;
    if (score.f1 < min) process.stdout.write(`${name}\n${formatEvalDetails(results.get(name)!)}`);
    expect(score.f1).toBeGreaterThanOrEqual(min);
  });

  for (const gap of KNOWN_GAPS) it.todo(gap);
});
