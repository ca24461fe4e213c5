/*
 * The registry of report shapes, in the order they run. Each shape takes only text no earlier shape
 * took, so the surer shapes come first. A new shape is one file in this folder plus one line here.
 */
import { closingMeasures, closingTurn } from "./closing-measures.ts";
import { inlineEnumeration } from "./inline-enumeration.ts";
import { inlineMeasures } from "./inline-measures.ts";
import { leadInList } from "./lead-in-list.ts";
import { measureList } from "./measure-list.ts";
import { pairedParagraphs } from "./paired-paragraphs.ts";
import { paragraphHeads } from "./paragraph-heads.ts";
import { prescriptiveList } from "./prescriptive-list.ts";
import { problemHeads } from "./problem-heads.ts";
import { proseProblems } from "./prose-problems.ts";
import { polarityMeasures, polarityProblems } from "./polarity-list.ts";
import { sectionCue } from "./section-cue.ts";
import type { Shape } from "./types.ts";

export const SHAPES: Shape<any>[] = [
  sectionCue, // 存在的问题 / 对策建议 headings and their items
  leadInList, // 还存在以下问题：一是…  / 提出以下建议：
  polarityProblems, // lists of negative evaluations under any heading, top-level headings that are problems
  inlineEnumeration, // 存在A、B、C等问题
  measureList, // 须从A、B等方面加强… / 提出了A、B和C等对策建议
  polarityMeasures, // lists of prescriptions after the problems
  closingMeasures, // 针对以上问题，…应…
  paragraphHeads, // 需要采取以下措施。then 加强X。正文 paragraphs
  inlineMeasures, // 要优化A、建立B、提升C
  closingTurn, // …等问题。为此，要… (a turn to remedies inside a line)
  pairedParagraphs, // problem，应 measure (no sections at all)
  prescriptiveList, // 应A，加强B，完善C: a prose list of prescribing elements after a forward-looking signal
  problemHeads, // 书记年龄偏大，后备力量不足。evidence…  (short negative first sentences of paragraphs in a row)
  proseProblems, // negative clauses in plain prose (introductions, abstracts, 现状 paragraphs)
];

export { runShape, type Shape } from "./types.ts";
