/*
 * Shape "section-cue": a heading names its section (存在的问题, 原因分析, 对策建议 …, sections.json)
 * and the section's numbered items, or its paragraphs when unnumbered, are the statements. Topic
 * headings (「党员队伍方面」) hand over to their items; sub-points stay under their parent; causes
 * written under one problem ("原因分析：…") are attached to it; in a 问题与建议 section each item is
 * sorted by what it says. Sections of every kind are recorded for the other shapes and for contexts.
 */
import { headingSpan } from "../../outline/build-outline.ts";
import { isInlineKind } from "../../outline/markers.ts";
import { SEGMENT_SIGNALS } from "../../segment/signals.ts";
import { classifyHeading, fusedSectionHeading, isMixedHeading, isUnnumberedSectionHeading, LEXICON, readsAsMeasure } from "../../shared/section-headings.ts";
import { matchesAny, stripDecoration } from "../../shared/text.ts";
import type { Line, OutlineNode, Span, Statement, StatementKind } from "../../types.ts";
import { pushAll } from "../../util/arrays.ts";
import { type ClassifyContext, collectNodes, MIN_CLAUSE, type Section } from "../context.ts";
import { isNegative, POLARITY, polarityOf } from "../polarity.ts";
import { takeHeadingProblem } from "./heading-problem.ts";
import { listedProblems, MIN_ELEMENT, sidedProblems } from "./problem-elements.ts";
import { isProblemClause, MAX_BARE_HEADING, MAX_STATEMENT, problemClauses } from "./prose-problems.ts";
import type { Shape } from "./types.ts";

const ID = "section-cue";
const CONFIDENCE = 0.9;
/** Section kinds whose paragraphs are statements. */
const STATEMENT_KINDS = new Set(["problem", "measure", "cause"]);

export const sectionCue: Shape<OutlineNode[]> = {
  id: ID,
  description: "a heading names the section (存在的问题, 原因分析, 对策建议); its items or paragraphs are the statements",
  detect: (ctx) => [ctx.outline],
  take: (ctx, roots) => walk(ctx, roots, null),
};

/** Walk the outline; `inherited` is the innermost enclosing section. */
function walk(ctx: ClassifyContext, nodes: OutlineNode[], inherited: Section | null) {
  for (const node of nodes) {
    const own = sectionOf(ctx, node, inherited);
    if (own) {
      ctx.sections.push(own);
      ctx.regions.push({ span: own.span, kind: own.kind });
      takeItems(ctx, node, own);
      walk(ctx, node.children, own);
    } else {
      walk(ctx, node.children, inherited);
    }
  }
}

/** The section a node opens, if its heading names one. */
export function sectionOf(ctx: ClassifyContext, node: OutlineNode, inherited: Section | null): Section | null {
  const heading = ctx.heading(node);
  let kind = classifyHeading(heading);
  let fused = false;
  // Text without line breaks: "二、存在的主要问题当前…" — the section title fused with its body (a short heading too,
  // when its text runs on past a comma: 「三、建议措施建议街道…，推动…」).
  const f = !kind || /[,，]/.test(heading) ? fusedSectionHeading(heading) : null;
  if (f && (!kind || f.kind === kind)) {
    kind = f.kind;
    fused = true;
  }
  if (!kind) return null;
  // A bullet is a list item: it opens a section only as a bare title ("● 存在的问题"), not as a finding
  // that happens to name 措施 or 问题 ("·最需要强化的激励措施是…").
  // So is a 一是/二是 clause: 「二是A短板突出」 among its sibling clauses is one of them, no section over the rest.
  if ((node.markerKind === "bullet" || isInlineKind(node.markerKind)) && !isUnnumberedSectionHeading(heading)) return null;
  // A title naming 对策 would make the whole report one measure section and hide its problems.
  if (kind === "measure" && isTitleLine(ctx, node)) return null;
  // "党员作用发挥不明显" says 作用 but is a shortfall, not a practice section.
  if ((kind === "practice" || kind === "situation") && isNegative(heading)) return null;
  // "管理监督措施不够有力" names 措施 but is itself a problem, not a section of measures.
  if (kind === "measure" && !isMixedHeading(heading) && isNegative(heading)) return null;
  const topLevel = node.depth === 0;
  // Inside a problem or measure section, "小区党支部作用发挥不平衡" is an item that happens to say 作用,
  // not a practice section: only a short title there opens a section of another kind.
  const insideStatements = inherited !== null && ["problem", "measure", "cause"].includes(inherited.kind);
  if (!topLevel && insideStatements && (kind === "practice" || kind === "situation") && heading.length > 10) return null;
  // (「2.1 当前X存在的主要问题」 under 「2. …存在的主要问题及原因分析」 only labels its sub-section, however long.)
  const opensList = node.children.length > 0 && (!inherited || inherited.kind !== kind || heading.length <= 14 || LEXICON.sectionLabel.test(heading));
  if (!topLevel && !opensList && !fused) return null;
  return { kind, span: { ...node.span }, heading: fused ? heading.slice(0, f!.length) : heading, line: node.line };
}

/**
 * An unnumbered first line whose item runs to the report's end is the report's title
 * (「…存在的问题及对策」), not a section heading over the whole report.
 */
function isTitleLine(ctx: ClassifyContext, node: OutlineNode): boolean {
  return node.depth === 0 && node.markerKind === "none" && node.line === ctx.segment.startLine && node.span.end >= ctx.segment.span.end;
}

/** Statements of a problem / measure / cause section: its items, or its paragraphs when unnumbered. */
function takeItems(ctx: ClassifyContext, node: OutlineNode, section: Section) {
  if (section.kind !== "problem" && section.kind !== "measure" && section.kind !== "cause") return;
  const items = node.children.filter((c) => sectionOf(ctx, c, section) === null);
  // 「一、最普遍的问题：农村党员年龄老化…」: the section title is a label and the statement follows the colon.
  const labelled = ctx.itemText(node, section.kind as StatementKind);
  if (labelled.refinement === "label-heading") {
    const detail = `section "${section.heading}" (${section.kind}) > label-heading`;
    ctx.add({ kind: section.kind as StatementKind, textSpan: labelled.span, span: node.span, rule: { id: ID, detail }, confidence: CONFIDENCE });
    if (items.length === 0) return;
  }
  if (items.length === 0) {
    // Over sub-sections of its own (「一、…存在的问题」 over 「（一）…存在的主要问题」), one or two paragraphs introduce them.
    takeParagraphs(ctx, node, section, node.children.length > 0 ? MIN_PARAGRAPHS_BEFORE_ITEMS : 0);
    return;
  }
  if (section.kind === "problem") takeLeadInCause(ctx, node, items[0]!);
  // Paragraphs before the first item are read as well when there are several of them: a page whose sections lost
  // their numbering can leave the next section's first list item under this heading, after this section's own
  // paragraphs (one or two lines before the items are a lead-in and context, read by other shapes).
  takeParagraphs(ctx, node, section, MIN_PARAGRAPHS_BEFORE_ITEMS, section.kind === "problem" && items.some((item) => isNegative(ctx.heading(item))));
  for (const item of items) {
    // 「2.1 加强党组织建设」 over bullets that each open with a head and a colon (「• 设立楼栋党小组：…」): in a measure section
    // each bullet's head is a measure of its own, and so is the heading when it prescribes.
    const bullets = section.kind === "measure" && labelledBullets(ctx, item);
    if (bullets || isTopic(ctx, item)) {
      // 「（一）加强党员队伍建设」 over 1. 2.: a parent that prescribes is a measure as well as its items
      // (「党员队伍方面」 only names a topic and is none).
      if (section.kind === "measure" && prescribes(ctx.heading(item))) {
        const detail = `section "${section.heading}" (measure) > parent item ${item.markerKind} "${item.marker}" that prescribes`;
        ctx.add({ kind: "measure", textSpan: ctx.itemText(item, "measure").span, span: { start: item.span.start, end: item.children[0]!.span.start }, rule: { id: ID, detail }, confidence: 0.8 });
      }
      for (const child of item.children) takeItem(ctx, child, section, `topic "${ctx.heading(item)}" > `);
    } else if (statesWithItsItems(ctx, item, section.kind)) {
      // 「（一）支委作用不突出」 over 1. 2. 3. that each state a problem of their own: the parent states the problem
      // they share, and each numbered item is one statement too (its heading alone, not the items' text).
      const detail = `section "${section.heading}" (${section.kind}) > parent item ${item.markerKind} "${item.marker}" over numbered items that state their own`;
      const kind = section.kind as StatementKind;
      ctx.add({ kind, textSpan: ctx.itemText(item, kind).span, span: { start: item.span.start, end: item.children[0]!.span.start }, rule: { id: ID, detail }, confidence: 0.8 });
      for (const child of item.children) takeItem(ctx, child, section, `parent "${ctx.heading(item)}" > `);
    } else {
      takeItem(ctx, item, section, "");
    }
  }
}

/**
 * Whether an item that states a problem (or a measure) itself has two or more numbered items (1. 2. under （一）;
 * not 一是…二是 sub-points) of which most state one of the same kind, each over a paragraph of its own. Bare
 * one-line items (「1.A；2.B。」) only detail their parent, which stays the one statement.
 */
function statesWithItsItems(ctx: ClassifyContext, item: OutlineNode, kind: Section["kind"]): boolean {
  if (kind !== "problem" && kind !== "measure") return false;
  const want = kind === "problem" ? "negative" : "prescription";
  const items = item.children;
  if (items.length < 2 || items.some((c) => isInlineKind(c.markerKind)) || polarityOf(ctx.heading(item)) !== want) return false;
  const own = (c: OutlineNode) => polarityOf(ctx.heading(c)) === want && ctx.text.slice(c.headingSpan.end, c.span.end).replace(/\s/g, "").length >= MIN_ITEM_BODY;
  return items.filter(own).length >= MAJORITY_OF_ITEMS * items.length;
}

/** Share of an item's numbered items that must state their own problem (or measure). */
const MAJORITY_OF_ITEMS = 0.6;
/** Characters of explanation an item needs past its heading to be read as a statement of its own. */
const MIN_ITEM_BODY = 20;

/** A parent heading that only names a topic (「党员队伍方面」, 「“两差”问题」) over a list of its own. */
export function isTopic(ctx: ClassifyContext, item: OutlineNode): boolean {
  if (item.children.length < 2) return false;
  // Numbered sub-headings of their own (1、 2、 under (一)) are the statements; 一是…二是… stay sub-points.
  const pol = polarityOf(ctx.heading(item));
  if (item.children.filter((c) => !isInlineKind(c.markerKind)).length >= 2 && (pol === "neutral" || pol === "achievement")) return true;
  const heading = ctx.heading(item);
  if (!POLARITY.topicHeading.test(heading) || heading.length > 24) return false;
  // 「2.1 加强党组织建设」 over bullets: a heading that prescribes is the measure, its bullets are its sub-points.
  if (pol === "prescription" && item.children.every((c) => isInlineKind(c.markerKind))) return false;
  return /(问题|方面)$/.test(heading) || polarityOf(heading) !== "negative";
}

/** Whether an item's children are two or more bullets that each open with a short head and a colon (「• 设立X：在…」). */
function labelledBullets(ctx: ClassifyContext, item: OutlineNode): boolean {
  return item.children.length >= 2 && item.children.every((c) => c.markerKind === "bullet" && /^\s*[:：]/.test(ctx.text.slice(c.headingSpan.end, c.headingSpan.end + 2)) && ctx.heading(c).length <= MAX_BULLET_HEAD);
}

/** Longest head of a labelled bullet (the words before its colon). */
const MAX_BULLET_HEAD = 20;

/** A problem section's introduction that gives a reason ("由于…，主要存在下列问题") is a general cause. */
function takeLeadInCause(ctx: ClassifyContext, node: OutlineNode, firstItem: OutlineNode) {
  const from = node.headingSpan.end;
  const text = ctx.text.slice(from, firstItem.span.start);
  const at = text.search(LEXICON.generalCauseLead);
  if (at < 0 || ctx.skipped(from + at)) return;
  const sentenceEnd = text.slice(at).search(/[。:：]/);
  let clause = sentenceEnd < 0 ? text.slice(at) : text.slice(at, at + sentenceEnd);
  const tail = LEXICON.leadInTail.exec(clause);
  if (tail) clause = clause.slice(0, tail.index);
  // 「由于A，B不平衡。」: when what follows the reason falls short, that is a problem the reason explains.
  const comma = clause.search(/[,，]/);
  const effect = comma < 0 ? "" : clause.slice(comma + 1);
  const effectAt = from + at + comma + 1 + (effect.length - effect.trimStart().length);
  // Not when the sentence goes on to announce the list (「由于A，目前B不好，主要存在下列问题：」: B only sums up), nor when the
  // part after the comma carries the reason on (「由于A，特别是B」).
  const splits = comma > 0 && !tail && effect.trim().length >= MIN_LEAD_IN_EFFECT && !REASON_GOES_ON.test(effect.trim())
    && isProblemClause(effect.trim()) && !ctx.claimed(effectAt);
  const causeEnd = splits ? comma : clause.trimEnd().length;
  const effectSpan = { start: effectAt, end: from + at + clause.trimEnd().length };
  const problem = splits ? ctx.add({ kind: "problem", textSpan: effectSpan, span: effectSpan, rule: { id: ID, detail: `lead-in of problem section "${ctx.heading(node)}": the shortfall its reason explains` }, confidence: 0.6 }) : null;
  const span = { start: from + at, end: from + at + causeEnd };
  ctx.add({ kind: "cause", textSpan: span, span, rule: { id: ID, detail: `lead-in of problem section "${ctx.heading(node)}" giving a reason` }, confidence: 0.7, ...(problem ? { attachedTo: problem.id } : {}) });
}

/** The opening of a clause that carries a reason on rather than state its effect. */
const REASON_GOES_ON = /^(?:特别是|尤其是|而且|并且|以及|加之|加上|再加上|同时)/;

/** Fewest characters of a shortfall after a lead-in's reason (「由于A，B不平衡」) read as a problem of its own. */
const MIN_LEAD_IN_EFFECT = 6;

function takeItem(ctx: ClassifyContext, item: OutlineNode, section: Section, via: string) {
  // An item that reports an achievement (「结构合理、素质高」) is no problem or measure, whatever its heading,
  // and neither is an item that only names a section of another kind (「基本情况」).
  const named = classifyHeading(ctx.heading(item));
  if (section.kind !== "cause" && polarityOf(ctx.heading(item)) === "achievement") return;
  // (「搭建作用发挥平台」 says 作用 but prescribes: it is an item.)
  if ((named === "situation" || named === "practice") && ctx.heading(item).length <= 8 && !isNegative(ctx.heading(item)) && polarityOf(ctx.heading(item)) !== "prescription") return;
  // Under a heading that names a situation as well (「现状与挑战」), only items that fall short are problems.
  if (section.kind === "problem" && situationToo(section.heading) && !isNegative(ctx.heading(item))) return;
  // 「一是“不X”。表现在A，B。」 under a problem section: the short quoted label only names the problem; the
  // negative clauses of the body after 表现在/表现为 are the problems.
  // A label that is a shortfall of its own (「“不团结”。表现在…」, `quotedShortfallLabel`) is a problem too: readers
  // of real reports split between the label and the clauses that say how it shows, so kg gives both.
  if (section.kind === "problem" && POLARITY.quotedLabelHeading.test(ctx.heading(item).trim())) {
    const bodyEnd = item.children[0]?.span.start ?? item.span.end;
    const lead = POLARITY.manifestLead.exec(ctx.text.slice(item.headingSpan.end, bodyEnd));
    if (lead) {
      const body = { start: item.headingSpan.end + lead[0].length, end: bodyEnd };
      const detail = `section "${section.heading}" (problem) > quoted label item "${item.marker}" > how it shows > clause`;
      const found = manifestStatements(ctx, body);
      const label = POLARITY.quotedShortfallLabel.test(ctx.heading(item).trim()) ? ctx.itemText(item, "problem").span : null;
      if (label) ctx.add({ kind: "problem", textSpan: label, span: label, rule: { id: ID, detail: `section "${section.heading}" (problem) > quoted label item "${item.marker}" that falls short itself` }, confidence: 0.7 });
      // Without a label of its own, the first statement's span holds the label as well: no other shape reads it as a problem.
      found.forEach((c, i) => ctx.add({ kind: "problem", textSpan: c, span: i === 0 && !label ? { start: item.span.start, end: c.end } : c, rule: { id: ID, detail }, confidence: 0.7 }));
      if (found.length > 0 || label) return;
    }
  }
  // 「1.当前X运转情况。body」 under a problem section names the situation: the body's negative clauses are the problems.
  if (section.kind === "problem" && POLARITY.situationTopic.test(ctx.heading(item)) && !isNegative(ctx.heading(item))) {
    const body = { start: item.headingSpan.end, end: item.children[0]?.span.start ?? item.span.end };
    const detail = `section "${section.heading}" (problem) > situation item "${item.marker}" > clause`;
    for (const c of problemClauses(ctx, body)) ctx.add({ kind: "problem", textSpan: c, span: c, rule: { id: ID, detail }, confidence: 0.7 });
    return;
  }
  const kind = itemKind(ctx, item, section);
  const causeParas = kind === "problem" ? causeParagraphs(ctx, item) : [];
  const bodyEnd = causeParas[0]?.start ?? item.span.end;
  const span = { start: item.span.start, end: bodyEnd };
  const subPoints = item.children
    .filter((c) => !causeParas.some((p) => c.span.start >= p.start && c.span.start < p.end))
    .map((c) => ctx.heading(c));
  const mixed = kind !== section.kind ? ` read as ${kind}` : "";
  const own = ctx.itemText(item, kind);
  const shortfall = kind === "problem" && own.refinement === null ? definitionBodyShortfall(ctx, item) : null;
  const { span: textSpan, refinement } = shortfall ? { span: shortfall, refinement: "definition heading > body sentence" } : own;
  const detail = `section "${section.heading}" (${section.kind}) > ${via}item ${item.markerKind} "${item.marker}"${mixed}${refinement ? ` > ${refinement}` : ""}`;
  // 「二是一方面是A，另一方面是B」: one problem a side.
  const sides = kind === "problem" ? sidedProblems(ctx.text, textSpan) : null;
  if (sides) {
    ctx.addParts(sides, span, { kind, rule: { id: ID, detail }, confidence: CONFIDENCE, subPoints }, "side");
    takeSubPoints(ctx, item, causeParas, detail);
    return;
  }
  const problem = ctx.add({ kind, textSpan, span, rule: { id: ID, detail }, confidence: CONFIDENCE, subPoints });
  if (kind === "problem") takeSubPoints(ctx, item, causeParas, detail);
  // 「完善考核机制，着力解决激励不足的问题」: the problem the measure heading names (heading-problem.ts).
  if (problem && kind === "measure") takeHeadingProblem(ctx, problem, detail);
  for (const para of causeParas) takeCauses(ctx, para, item, problem);
  if (problem && kind === "problem" && kind !== section.kind) takeSuggestion(ctx, item, problem);
}

/**
 * A problem item's inline sub-points (一是…二是…, ①…) that each evaluate negatively are problems of
 * their own: the item heading sums them up, each sub-point states one shortfall.
 */
export function takeSubPoints(ctx: ClassifyContext, item: OutlineNode, causeParas: Span[], itemDetail: string, id = ID) {
  const points = item.children.filter((c) => isInlineKind(c.markerKind) && !causeParas.some((p) => c.span.start >= p.start && c.span.start < p.end));
  // A page cut off after the item's 一是 leaves one sub-point: it counts when it falls short.
  const cut = points.length === 1 && ctx.segment.truncated && item.span.end >= ctx.segment.span.end;
  if (points.length < 2 && !cut) return;
  // 「一方面是A，另一方面是B」 opens with its frame word: it falls short when either side does.
  const negative = points.filter((c) => isProblemClause(ctx.heading(c).replace(/^一方面(是)?/, "")));
  if (negative.length * 2 < points.length) return;
  for (const c of negative) {
    const { span: textSpan } = ctx.itemText(c, "problem");
    const detail = `${itemDetail} > sub-point ${c.markerKind} "${c.marker}"`;
    // 「二是一方面是A，另一方面是B」: one problem a side.
    const sides = sidedProblems(ctx.text, textSpan);
    if (sides) ctx.addParts(sides, c.span, { kind: "problem", rule: { id, detail }, confidence: 0.8 }, "side");
    else ctx.add({ kind: "problem", textSpan, span: c.span, rule: { id, detail }, confidence: 0.8 });
  }
}

/** A heading that prescribes: a measure of its own (「加强党员队伍建设」, 「规范发展程序」). */
function prescribes(heading: string): boolean {
  return polarityOf(heading) === "prescription" && readsAsMeasure(heading);
}

/** In a section of problems and suggestions, "…。建议…。" inside a problem item is its measure. */
function takeSuggestion(ctx: ClassifyContext, item: OutlineNode, problem: Statement) {
  const from = item.headingSpan.end;
  const body = ctx.text.slice(from, item.span.end);
  const lead = LEXICON.suggestionLead.exec(body);
  if (!lead) return;
  const start = from + lead.index + lead[0].length;
  const hs = headingSpan(ctx.text, start, item.span.end);
  const detail = `suggestion inside problem item "${item.marker}" of mixed section`;
  ctx.add({ kind: "measure", textSpan: hs, span: { start, end: item.span.end }, rule: { id: ID, detail }, confidence: 0.8, attachedTo: problem.id });
}

/**
 * An item's kind: its section's, except in a section of problems and suggestions together, and
 * except where the item's own words plainly say the other thing (a shortfall under a heading that
 * names 对策, a prescription under a heading that names 问题): combined evidence, not the heading alone.
 */
function itemKind(ctx: ClassifyContext, item: OutlineNode, section: Section): StatementKind {
  if (section.kind === "measure" && isMixedHeading(section.heading)) {
    return readsAsMeasure(ctx.heading(item)) ? "measure" : "problem";
  }
  const own = polarityOf(ctx.heading(item));
  // 「牢固树立“抓好X是本职、不抓X是失职”理念」: the negative words of a quoted formula are the slogan's, not a shortfall.
  if (section.kind === "measure" && own === "negative" && isNegative(withoutQuotedFormulas(ctx.heading(item)))) return "problem";
  if (section.kind === "problem" && own === "prescription" && POLARITY.strongPrescription.test(ctx.heading(item))) return "measure";
  return section.kind as StatementKind;
}

/** Paragraphs under a section heading before its first item that are read as statements too. */
const MIN_PARAGRAPHS_BEFORE_ITEMS = 3;

/**
 * Unnumbered section body: each paragraph that is not a lead-in is one statement (none when there are fewer than
 * `minParagraphs`). Before items that state problems themselves (`beforeProblemItems`), a paragraph is one only
 * when it falls short in its own words.
 */
function takeParagraphs(ctx: ClassifyContext, node: OutlineNode, section: Section, minParagraphs = 0, beforeProblemItems = false) {
  // A fused heading ("存在的主要问题当前…") leaves its body on the heading's own line.
  const fused = section.heading.length < ctx.heading(node).length;
  const bodyStart = fused ? node.headingSpan.start + section.heading.length : node.headingSpan.end;
  // Sub-sections under the heading are read on their own: the paragraphs end where the first one starts.
  const end = node.children[0]?.span.start ?? node.span.end;
  const lines = joinWrapped(ctx, ctx.linesIn({ start: node.span.start, end }))
    .filter((line) => (fused ? line.end > bodyStart : line.start > bodyStart) && !ctx.skipped(line.start))
    .map((line) => {
      const from = Math.max(line.start, bodyStart);
      const raw = ctx.text.slice(from, Math.min(line.end, end));
      const written = stripDecoration(raw).replace(/^[\s:：,，]+/, "").trim();
      // A paragraph joined over a hard wrap is read without the break.
      const text = written.replace(/\s*\n\s*/g, "");
      // (A sub-section that starts on this line, on a page scraped onto one line, ends the paragraph there.)
      return { line: { ...line, end: Math.min(line.end, end) }, text, start: written ? from + raw.indexOf(written) : from };
    })
    .filter((l) => l.start < end)
    .filter((l) => l.text.length >= MIN_CLAUSE && !isLeadInLine(l.text));
  if (lines.length < minParagraphs) return;
  const mixed = section.kind === "measure" && isMixedHeading(section.heading);
  // Under a heading that names a situation as well (「现状与存在的问题」), or problems and measures together, a
  // paragraph is read for what it says itself: survey text and background are no problems. So are the paragraphs
  // before items that state the problems themselves (a quoted rule or the stakes, 「…是…的重要保证」, before （一）（二）).
  const perStatement = mixed || (section.kind === "problem" && (situationToo(section.heading) || beforeProblemItems));
  for (let i = 0; i < lines.length; i++) {
    const { line, text, start } = lines[i]!;
    const next = lines[i + 1];
    const headingOnly = text.length <= MAX_BARE_HEADING && !/[。！？!?；;]/.test(text);
    if (headingOnly && matchesAny(SEGMENT_SIGNALS.signature, text)) continue;
    // 「《准则》指出，…」, 「X的核心内容是Y」 opening a paragraph of a measure section: context, no measure.
    if (section.kind === "measure" && !mixed && POLARITY.measureAside.test(text)) continue;
    // A bare line that names a section of statements of another kind (「系统性优化策略构建 (一)…」 after the problems)
    // ends this section's paragraphs: it is the next section's title, however its numbering was lost. (A line that
    // names a practice, 「发挥…作用」, is an item of a measure section.)
    const names = headingOnly ? classifyHeading(text) : null;
    if (names !== null && names !== section.kind && STATEMENT_KINDS.has(names) && !isNegative(text)) break;
    // Word's lost numbering leaves "heading line, body paragraph" pairs: one item.
    const withBody = headingOnly && next !== undefined && next.text.length > text.length;
    const span = { start, end: withBody ? next.line.end : line.end };
    if (withBody) i++;
    let kind: StatementKind = mixed ? (readsAsMeasure(text) ? "measure" : "problem") : (section.kind as StatementKind);
    if (kind === "problem" && LEXICON.causeLead.test(text)) kind = "cause";
    // A paragraph that plainly prescribes under a problem heading is a measure (combined evidence).
    else if (kind === "problem" && polarityOf(text) === "prescription" && POLARITY.strongPrescription.test(text)) kind = "measure";
    const detail = `section "${section.heading}" (${section.kind}) > ${withBody ? "bare heading with body" : "paragraph"}${perStatement ? " read by its own words" : ""}`;
    const first = headingSpan(ctx.text, start, line.end, ctx.wraps);
    // In such a section a heading over a body is a problem only when it falls short itself.
    if (perStatement && withBody && kind === "problem" && !isProblemClause(text)) continue;
    if (kind !== "problem" || withBody) {
      ctx.add({ kind, textSpan: first, span, rule: { id: ID, detail }, confidence: 0.8 });
      // 「…，还应注重A。…，要学会B，以…」: a later sentence of a measure paragraph that prescribes with a modal of its own
      // states one more measure (from its modal to the end of its clause).
      if (kind === "measure" && section.kind === "measure" && !mixed && !withBody) {
        for (const c of laterModalClauses(ctx, first.end, Math.min(line.end, end))) ctx.add({ kind, textSpan: c, span: c, rule: { id: ID, detail: `${detail} > later modal clause` }, confidence: 0.7 });
        // 「扩大覆盖面。采取…。健全工作机制。派驻…。」: headings that lost their numbering, fused into one paragraph.
        for (const c of fusedMeasureHeadings(ctx, first, Math.min(line.end, end))) ctx.add({ kind, textSpan: c, span: c, rule: { id: ID, detail: `${detail} > fused heading` }, confidence: 0.7 });
        // 「三、建议措施建议A。建立B，…。通过C等方式，D。」: a section fused with its text (a page that lost its line
        // breaks) runs its measures together; each later sentence that opens with a prescribing verb is one more.
        if (fused) for (const c of laterPrescribingSentences(ctx, first.end, Math.min(line.end, end))) ctx.add({ kind, textSpan: c, span: c, rule: { id: ID, detail: `${detail} > later sentence that prescribes` }, confidence: 0.7 });
      }
      continue;
    }
    // A problem paragraph: its first sentence; when that only leads in ("不少党员谈到："), each clause
    // after it that evaluates negatively (the rest of a paragraph that opens with a problem elaborates it).
    // A line that opens with lead words and goes on (「调研发现，A不强，B偏少」) is read clause by clause, unless it lists
    // its problems inside one frame (「支部活动主要表现在A、B、C等方面」: one per element).
    const led = (LEXICON.leadIn.some((re) => re.test(text)) && listedProblems(ctx.text, first) === null) || POLARITY.umbrellaListLead.test(text);
    // 「党员队伍结构不合理：部分…比例偏低」: a label that falls short itself is the problem, its colon no lead-in.
    const firstText = ctx.text.slice(first.start, first.end);
    const colon = ctx.text[first.end] === ":" || ctx.text[first.end] === "：";
    const shortfallLabel = colon && firstText.length <= MAX_SHORTFALL_LABEL && isProblemClause(firstText) && !POLARITY.problemLeadIn.test(`${firstText}：`);
    const leadIn = led || (colon && !shortfallLabel) || !isProblemClause(firstText);
    const clauses = leadIn ? problemClauses(ctx, { start: first.start, end: line.end }) : [];
    // A summing-up paragraph ("因此，X是个要紧的问题，值得重视") with no clause that falls short names no problem,
    // and neither does a paragraph read by its own words, nor one that opens on an achievement (「随着…，素质有所提高」).
    if (clauses.length === 0 && leadIn && POLARITY.summaryLead.test(text)) continue;
    if (clauses.length === 0 && leadIn && (perStatement || polarityOf(ctx.text.slice(first.start, first.end)) === "achievement")) continue;
    if (clauses.length === 0) addListed(ctx, first, span, detail, 0.8);
    for (const c of clauses) addListed(ctx, c, c, `${detail} > clause`, 0.7);
  }
}

/** Longest sentence read as a measure heading fused into its paragraph. */
const MAX_FUSED_HEADING = 20;

/**
 * Later headings of a measure paragraph whose numbering was lost (「扩大党组织覆盖面。采取…办法，…。健全党建工作机制。…」):
 * when the paragraph opens with such a heading (a short sentence that prescribes, followed by a longer one), each later
 * sentence of that kind is one more measure.
 */
function fusedMeasureHeadings(ctx: ClassifyContext, first: Span, to: number): Span[] {
  const isHeading = (sentence: string, next: string | undefined) =>
    sentence.length >= MIN_CLAUSE && sentence.length <= MAX_FUSED_HEADING && !/[,，;；:：]/.test(sentence)
    && POLARITY.prescription.test(sentence) && next !== undefined && next.length > sentence.length;
  const parts: { span: Span; text: string }[] = [];
  for (const m of ctx.text.slice(first.start, to).matchAll(/[^。！!]+/g)) {
    const lead = m[0].length - m[0].trimStart().length;
    const a = first.start + (m.index ?? 0) + lead;
    const text = m[0].trim();
    parts.push({ span: { start: a, end: a + text.length }, text });
  }
  if (parts.length < 4 || !isHeading(parts[0]!.text, parts[1]?.text)) return [];
  return parts.slice(2).filter((p, k) => isHeading(p.text, parts[k + 3]?.text)).map((p) => p.span);
}

/** Longest label before a colon read as the problem itself (「党建工作经费不足：…」). */
const MAX_SHORTFALL_LABEL = 24;

/** A modal that opens a prescription inside a sentence (一要, 要, 应当, 必须 …), after a clause mark or a short subject. */
const LATER_MODAL = /(?:^|[,，:：]|[一二三四五六七八九十](?=要))\s*(?:[\u4e00-\u9fff]{0,6}?)((?:[一二三四五六七八九十])?(?:(?<![主重需纲概摘提只不])要(?![求素点害是])|应当|应该|(?<![反相响回对适])应(?![用对有该])|必须|务必))(?=[\u4e00-\u9fff]{2})/;
/** Longest clause read as one later measure (longer ones are elaborations of their own). */
const MAX_LATER_CLAUSE = 50;

/**
 * The clauses after `from` of a measure paragraph (up to `to`), one a sentence or ；-part, that open with a modal of
 * their own (「，要学会A」, 「；二要B」): each from its modal to the end of its comma clause. A sentence that sets a condition
 * (只有…才) or reports what was done (…了) prescribes nothing new.
 */
function laterModalClauses(ctx: ClassifyContext, from: number, to: number): Span[] {
  const out: Span[] = [];
  const text = ctx.text.slice(from, to);
  for (const m of text.matchAll(/[^。！？!?；;]+/g)) {
    const part = m[0];
    const at = from + (m.index ?? 0);
    if (/只有|才能|才会/.test(part) || POLARITY.perfective.test(part) || ctx.inQuotedAuthority(at)) continue;
    const modal = LATER_MODAL.exec(part);
    if (!modal) continue;
    const start = at + (modal.index ?? 0) + modal[0].length - modal[1]!.length;
    const clause = runOnClause(ctx.text.slice(start, at + part.length));
    if (clause.length - modal[1]!.length < MIN_CLAUSE || clause.length > MAX_LATER_CLAUSE || isNegative(clause)) continue;
    out.push({ start, end: start + clause.length });
  }
  return out;
}

/**
 * A measure clause at the start of `rest`: it runs on over the comma clauses that add to it (「压担子，安排其参与X」), up to
 * one that states its purpose or means (「，以…」, 「，确保…」) or would make it longer than MAX_LATER_CLAUSE; the first
 * `keep` clauses always. Without its closing punctuation.
 */
function runOnClause(rest: string, keep = 1): string {
  let clause = "";
  for (const [k, c] of rest.split(/(?<=[,，;；])/).entries()) {
    const body = c.replace(/[,，;；]$/, "");
    if (k >= keep && (POLARITY.purposeLead.test(body.trim()) || /^\s*(以|为|通过)/.test(body) || clause.length + body.length > MAX_LATER_CLAUSE)) break;
    clause += c;
  }
  return clause.replace(/[,，;；\s]+$/, "");
}

/** A sentence that opens with the means of a measure (「通过设置A等方式，B」): the measure runs on to the clause after. */
const MEANS_SENTENCE = /^通过[^。，,]{2,40}?(?:方式|途径|办法|手段|形式|渠道|平台)[,，]/;

/**
 * The sentences after `from` of a measure paragraph (up to `to`) that open with a prescribing verb (建立, 完善 …;
 * POLARITY.strongPrescription) or with the means of one (MEANS_SENTENCE): each one measure, from its start over the
 * comma clauses that add to it, up to one that states a purpose or a means (as laterModalClauses). A sentence that
 * opens with a modal is laterModalClauses' own.
 */
function laterPrescribingSentences(ctx: ClassifyContext, from: number, to: number): Span[] {
  const out: Span[] = [];
  const text = ctx.text.slice(from, to);
  for (const m of text.matchAll(/[^。！？!?]+/g)) {
    const lead = m[0].length - m[0].trimStart().length;
    const part = m[0].trim();
    const start = from + (m.index ?? 0) + lead;
    if (/^(要|应|必须|务必)/.test(part) || POLARITY.perfective.test(part) || ctx.inQuotedAuthority(start)) continue;
    const means = MEANS_SENTENCE.test(part);
    if (!means && !POLARITY.strongPrescription.test(part)) continue;
    // A means sentence always takes its second clause, what the means are for.
    const clause = runOnClause(part, means ? 2 : 1);
    if (clause.length < MIN_CLAUSE || clause.length > MAX_LATER_CLAUSE || isNegative(clause)) continue;
    out.push({ start, end: start + clause.length });
  }
  return out;
}

/**
 * A problem sentence of a section paragraph that lists its problems inside itself (「X存在A、B、C等问题」,
 * 「X主要表现在A、B、C等方面」) states one problem per element (problem-elements.ts); any other, one problem.
 */
function addListed(ctx: ClassifyContext, textSpan: Span, span: Span, detail: string, confidence: number) {
  const elements = listedProblems(ctx.text, textSpan);
  if (!elements) {
    ctx.add({ kind: "problem", textSpan, span, rule: { id: ID, detail }, confidence });
    return;
  }
  // The first element holds the paragraph, as the sentence did.
  ctx.addParts(elements, span, { kind: "problem", rule: { id: ID, detail }, confidence, minChars: MIN_ELEMENT }, "element");
}

/**
 * A paragraph that only leads in to what follows (「主要表现在以下几个方面：」). A line that goes on to say it
 * (「支部活动主要表现在形式单一、内容陈旧等方面。」) is a statement: after its lead words comes a shortfall.
 */
function isLeadInLine(text: string): boolean {
  for (const re of LEXICON.leadIn) {
    const m = re.exec(text);
    if (!m) continue;
    const rest = text.slice(m.index + m[0].length).replace(/[。！!；;]\s*$/, "");
    if (/[:：]/.test(rest) || rest.length < MIN_CLAUSE || !isNegative(rest)) return true;
  }
  return false;
}

/** Lines with those a hard wrap broke joined back into one (the joined line spans the break). */
function joinWrapped(ctx: ClassifyContext, lines: Line[]): Line[] {
  const out: Line[] = [];
  for (const line of lines) {
    const prev = out[out.length - 1];
    if (prev && ctx.wraps.has(prev.end)) out[out.length - 1] = { number: prev.number, start: prev.start, end: line.end };
    else out.push(line);
  }
  return out;
}

/** Spans of the cause paragraphs inside a problem item ("原因分析：…", "造成这种状况的原因…"). */
export function causeParagraphs(ctx: ClassifyContext, item: OutlineNode): Span[] {
  const out: Span[] = [];
  for (const line of ctx.linesIn(item.span)) {
    if (line.end <= item.headingSpan.end || line.start >= item.span.end) continue;
    const from = Math.max(line.start, item.headingSpan.end);
    const text = ctx.text.slice(from, Math.min(line.end, item.span.end));
    // A cause lead at the line start, or after a sentence end inside run-on text.
    for (const hit of text.matchAll(/(^|[。；;]\s*)/g)) {
      const at = (hit.index ?? 0) + hit[0].length;
      if (LEXICON.causeLead.test(text.slice(at).trimStart())) {
        out.push({ start: from + at, end: Math.min(line.end, item.span.end) });
        break;
      }
    }
  }
  return out;
}

function takeCauses(ctx: ClassifyContext, para: Span, item: OutlineNode, problem: Statement | null) {
  const inner = collectNodes(item.children).filter((c) => c.span.start >= para.start && c.span.start < para.end);
  const detail = `cause paragraph under problem item "${item.marker}"`;
  ctx.regions.push({ span: para, kind: "cause" });
  const attachedTo = problem?.id;
  if (inner.length > 0) {
    for (const c of inner) {
      // The label that opens the paragraph (「原因分析」 on its own line, over its bullets) is no cause.
      if (c.children.length > 0 && classifyHeading(ctx.heading(c)) === "cause" && ctx.heading(c).length <= 8) continue;
      const hs = headingSpan(ctx.text, c.span.start + c.marker.length, Math.min(c.span.end, para.end));
      ctx.add({ kind: "cause", textSpan: cutAtSemicolon(ctx.text, hs), span: c.span, rule: { id: ID, detail: `${detail} > ${c.markerKind}` }, confidence: 0.8, ...(attachedTo ? { attachedTo } : {}) });
    }
    return;
  }
  const text = ctx.text.slice(para.start, para.end);
  const lead = LEXICON.causeLead.exec(text);
  let offset = para.start + (lead ? lead[0].length : 0);
  const after = ctx.text.slice(offset, para.end);
  const colon = /^[^。]{0,20}?[:：,，]/.exec(after);
  if (colon) offset += colon[0].length;
  for (const clause of splitClauses(ctx.text, { start: offset, end: para.end })) {
    if (LEXICON.notCause.some((re) => re.test(ctx.text.slice(clause.start, clause.end)))) continue;
    ctx.add({ kind: "cause", textSpan: clause, span: clause, rule: { id: ID, detail: `${detail} > clause` }, confidence: 0.8, ...(attachedTo ? { attachedTo } : {}) });
  }
}

/** A sub-point's heading ends at a semicolon too ("①思想上不够重视；②…"). */
function cutAtSemicolon(text: string, span: Span): Span {
  const slice = text.slice(span.start, span.end);
  const i = slice.search(/[;；]/);
  return i > 0 ? { start: span.start, end: span.start + i } : span;
}

/** Split a cause paragraph into clauses at semicolons and sentence ends. */
export function splitClauses(text: string, span: Span): Span[] {
  const out: Span[] = [];
  let start = span.start;
  for (let i = span.start; i <= span.end; i++) {
    const ch = text[i];
    if (i === span.end || ch === "；" || ch === ";" || ch === "。" || ch === "\n") {
      let s = start;
      let e = i;
      while (s < e && /[\s,，:：]/.test(text[s] ?? "")) s++;
      while (e > s && /[\s,，。]/.test(text[e - 1] ?? "")) e--;
      if (e - s >= MIN_CLAUSE) out.push({ start: s, end: e });
      start = i + 1;
    }
  }
  return out;
}

/** Whether a problem section's heading names the situation as well (「现状与挑战」, 「现状与存在的问题」). */
function situationToo(heading: string): boolean {
  return LEXICON.kinds.situation?.some((re) => re.test(heading)) ?? false;
}

/** Shortest quoted passage read as a formula (a slogan, a quotation) rather than a quoted label (“不团结”). */
const MIN_QUOTED_FORMULA = 6;

/**
 * The problems of a quoted label's body (「表现在A，B。C。」): a sentence with a negative clause is one statement (a
 * description of one manifestation); one too long to be a statement gives the run from its start to its first
 * negative clause, then its other negative clauses.
 */
function manifestStatements(ctx: ClassifyContext, body: Span): Span[] {
  const out: Span[] = [];
  const text = ctx.text.slice(body.start, body.end);
  for (const m of text.matchAll(/[^。；;！!？?]+/g)) {
    const raw = m[0];
    const lead = raw.length - raw.trimStart().length;
    const sentence = raw.trim();
    if (!sentence) continue;
    const span = { start: body.start + (m.index ?? 0) + lead, end: body.start + (m.index ?? 0) + lead + sentence.length };
    const clauses = problemClauses(ctx, span);
    if (clauses.length === 0) continue;
    if (sentence.replace(/\s+/g, "").length <= MAX_STATEMENT) out.push(span);
    // Too long for one statement: from its start up to its first shortfall (「A各行其是，B互不配合，…C不到位，以致…」).
    else if (clauses[0]!.end - span.start <= MAX_STATEMENT) {
      out.push({ start: span.start, end: clauses[0]!.end });
      pushAll(out, clauses.slice(1));
    } else pushAll(out, clauses);
  }
  return out;
}

/** A heading with its quoted formulas (“A是B、C是D”, six characters or more) blanked out. */
function withoutQuotedFormulas(heading: string): string {
  return heading.replace(/“([^“”]*)”/g, (m, inner: string) => (inner.length >= MIN_QUOTED_FORMULA ? " ".repeat(m.length) : m));
}

/** How far into an item's body the shortfall after a defining heading is looked for. */
const MAX_DEFINITION_BODY = 120;

/**
 * 「五是X是Y的关键。少数书记把…理解为一人说了算。」: an item of a problem section whose heading only says what
 * the thing is for (`definitionHeading`) states its problem in the body's next sentence; that sentence is the statement.
 */
function definitionBodyShortfall(ctx: ClassifyContext, item: OutlineNode): Span | null {
  const hs = item.headingSpan;
  const heading = ctx.text.slice(hs.start, hs.end);
  if (isNegative(heading)) return null;
  const bodyEnd = Math.min(item.children[0]?.span.start ?? item.span.end, item.span.end, hs.end + MAX_DEFINITION_BODY);
  const body = ctx.text.slice(hs.end, bodyEnd);
  // The body's next sentence starts after its first stop (a heading broken by a hard wrap ends before it).
  const firstStop = body.search(/[。；;]/);
  if (firstStop < 0) return null;
  if (!POLARITY.definitionHeading.test((heading + body.slice(0, firstStop)).replace(/\s+/g, ""))) return null;
  const from = hs.end + firstStop + 1;
  const m = /^\s*([^。；;！!？?]+)/.exec(ctx.text.slice(from, bodyEnd));
  if (!m) return null;
  const start = from + m[0].indexOf(m[1]!);
  const sentence = m[1]!.replace(/\s+$/, "");
  return polarityOf(sentence.replace(/\s*\n\s*/g, "")) === "negative" ? { start, end: start + sentence.length } : null;
}
