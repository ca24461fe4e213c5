/*
 * The polarity of a statement read from its own words (lexicons in polarity.json): a negative
 * evaluation (a problem), an achievement (a practice), a prescription (a measure), or neutral.
 */
import raw from "./polarity.json" with { type: "json" };
import { memoByString } from "../shared/memo.ts";

export type Polarity = "negative" | "achievement" | "prescription" | "neutral";

const compile = (list: string[]) => new RegExp(list.map((s) => `(?:${s})`).join("|"));

/** The compiled polarity lexicon. */
export const POLARITY = {
  negative: compile(raw.negative),
  achievement: compile(raw.achievement),
  prescription: compile(raw.prescription),
  negatedContext: new RegExp(raw.negatedContext),
  remedyObjectContext: new RegExp(raw.remedyObjectContext),
  solveThem: new RegExp(raw.solveThem),
  topicHeading: new RegExp(raw.topicHeading),
  suggestionOpen: new RegExp(raw.suggestionOpen),
  quotedShortfallLabel: new RegExp(raw.quotedShortfallLabel),
  situationTopic: new RegExp(raw.situationTopic),
  quotedLabelHeading: new RegExp(raw.quotedLabelHeading),
  problemBackReference: new RegExp(raw.problemBackReference),
  requirementLeadIn: new RegExp(raw.requirementLeadIn),
  manifestLead: new RegExp(raw.manifestLead),
  summaryLead: new RegExp(raw.summaryLead),
  problemLabel: new RegExp(raw.problemLabel),
  measureLabel: new RegExp(raw.measureLabel),
  contrastLead: new RegExp(raw.contrastLead),
  stillLead: new RegExp(raw.stillLead),
  problemLeadIn: new RegExp(raw.problemLeadIn),
  problemListLeadIn: new RegExp(raw.problemListLeadIn),
  measureLeadIn: new RegExp(raw.measureLeadIn),
  notLeadIn: new RegExp(raw.notLeadIn),
  causeLeadIn: new RegExp(raw.causeLeadIn),
  inlineEnumeration: raw.inlineEnumeration.map((s) => new RegExp(s, "g")),
  inlineEnumerationFallback: raw.inlineEnumerationFallback.map((s) => new RegExp(s, "g")),
  inlineEnumerationNamed: raw.inlineEnumerationNamed.map((s) => new RegExp(s, "g")),
  inlineAspectEnumeration: raw.inlineAspectEnumeration.map((s) => new RegExp(s, "g")),
  inlineRestart: new RegExp(raw.inlineRestart, "g"),
  remedyObjectFallback: raw.remedyObjectFallback.map((s) => new RegExp(s, "g")),
  closingMeasureLead: new RegExp(raw.closingMeasureLead),
  closingMeasureTurn: new RegExp(raw.closingMeasureTurn),
  problemSectionTurn: new RegExp(raw.problemSectionTurn),
  plannedAction: new RegExp(raw.plannedAction),
  measureFrame: new RegExp(raw.measureFrame),
  measureFrameParts: new RegExp(raw.measureFrameParts),
  measureAnnouncement: new RegExp(raw.measureAnnouncement),
  pairedProblemMeasure: new RegExp(raw.pairedProblemMeasure),
  formsHeading: new RegExp(raw.formsHeading),
  measureEnumerationTrigger: new RegExp(raw.measureEnumerationTrigger, "g"),
  achievementInSentence: new RegExp(raw.achievementInSentence),
  purposeLead: new RegExp(raw.purposeLead),
  // (A 把 phrase that says what to make of its object, `baResult`, prescribes as a list element too.)
  listPrescription: new RegExp(`${raw.listPrescription}|${raw.baResult}`),
  baResult: new RegExp(raw.baResult),
  baHeading: new RegExp(raw.baHeading),
  modalPrescription: new RegExp(raw.modalPrescription),
  strongPrescription: new RegExp(raw.strongPrescription),
  measureAside: new RegExp(raw.measureAside),
  notProposal: new RegExp(raw.notProposal),
  measureColonLeadIn: new RegExp(raw.measureColonLeadIn),
  measureCountFrame: new RegExp(raw.measureCountFrame),
  proposalFrame: raw.proposalFrame.map((s) => new RegExp(s, "d")),
  activityReport: new RegExp(raw.activityReport),
  parallelOpener: new RegExp(raw.parallelOpener),
  authoritySpeech: new RegExp(raw.authoritySpeech),
  authorityProposal: new RegExp(raw.authorityProposal),
  analysisClause: new RegExp(raw.analysisClause),
  measureDeclaredAfter: new RegExp(raw.measureDeclaredAfter),
  modalSentence: new RegExp(raw.modalSentence),
  modalStatesProblems: new RegExp(raw.modalStatesProblems),
  measurePromise: new RegExp(raw.measurePromise),
  meansPart: new RegExp(raw.meansPart),
  modalPart: new RegExp(raw.modalPart),
  exampleList: new RegExp(raw.exampleList),
  strongMeasureFrame: new RegExp(raw.strongMeasureFrame),
  perfective: new RegExp(raw.perfective),
  angleFrame: new RegExp(raw.angleFrame),
  angleStop: new RegExp(raw.angleStop),
  meansContinuation: new RegExp(raw.meansContinuation),
  listContinuation: new RegExp(raw.listContinuation),
  singleMeasureCue: new RegExp(raw.singleMeasureCue),
  singleMeasureStop: new RegExp(raw.singleMeasureStop),
  proseSkipLine: new RegExp(raw.proseSkipLine, "i"),
  proseContextSection: new RegExp(raw.proseContextSection),
  proseContrast: new RegExp(raw.proseContrast),
  proseAddition: new RegExp(raw.proseAddition),
  quotedAuthority: new RegExp(raw.quotedAuthority, "g"),
  proseAttach: new RegExp(raw.proseAttach),
  proseNotProblem: new RegExp(raw.proseNotProblem),
  proseNotFinding: new RegExp(raw.proseNotFinding),
  proseVerdict: new RegExp(raw.proseVerdict),
  proseLead: new RegExp(raw.proseLead),
  aspectLead: new RegExp(raw.aspectLead),
  proseTail: new RegExp(raw.proseTail),
  definitionHeading: new RegExp(raw.definitionHeading),
  proseFindingLabel: new RegExp(raw.proseFindingLabel),
  inlineTail: new RegExp(raw.inlineTail),
  proseCauseTurn: new RegExp(raw.proseCauseTurn),
  proseCauseSentence: new RegExp(raw.proseCauseSentence),
  countUmbrella: new RegExp(raw.countUmbrella),
  proseStatistic: new RegExp(raw.proseStatistic),
  notNegative: new RegExp(raw.notNegative, "g"),
  resolvedAfter: new RegExp(raw.resolvedAfter, "y"),
  genericProblemNoun: new RegExp(raw.genericProblemNoun, "g"),
  forwardAnnouncement: new RegExp(raw.forwardAnnouncement),
  umbrellaAnnouncement: new RegExp(raw.umbrellaAnnouncement),
  umbrellaListLead: new RegExp(raw.umbrellaListLead),
  findingAfterRemedy: new RegExp(raw.findingAfterRemedy),
  listEnd: new RegExp(raw.listEnd),
  wishProblem: new RegExp(raw.wishProblem),
  fusedSubHeading: new RegExp(raw.fusedSubHeading, "g"),
  bodyProblemFrame: new RegExp(raw.bodyProblemFrame, "g"),
  namedProblem: new RegExp(raw.namedProblem),
  causeObject: new RegExp(raw.causeObject),
  proseSubject: new RegExp(raw.proseSubject),
  proseSameSubject: new RegExp(raw.proseSameSubject),
  proseGroupRun: new RegExp(raw.proseGroupRun),
};

const NEGATIVE_ALL = new RegExp(POLARITY.negative.source, "g");

/**
 * Whether the text holds a negative evaluation that is not the object of a remedy (解决…不足).
 * Memoised: the shapes test the same clauses several times (a clause, its umbrella test, a later shape).
 */
/** A negative cue that itself says a shortfall (不力, 不够, 缺乏 …), not a problem named as an object. */
const SHORTFALL_CUE = /^[不未无缺欠难少差弱低偏滞]/;

export const isNegative: (text: string) => boolean = memoByString(negativeIn);

function negativeIn(text: string): boolean {
  const t = text.replace(POLARITY.notNegative, (m) => " ".repeat(m.length));
  // exec on the one compiled regex, not matchAll (which copies the regex, a large one, on every call).
  const re = NEGATIVE_ALL;
  re.lastIndex = 0;
  for (let m = re.exec(t); m !== null; m = re.exec(t)) {
    if (m[0] === "") re.lastIndex++;
    const before = t.slice(0, m.index);
    if (POLARITY.negatedContext.test(before)) continue;
    // 「持续整治形式主义」: the problem a remedy attacks; 「整治不力」 says the remedy falls short.
    if (POLARITY.remedyObjectContext.test(before) && !SHORTFALL_CUE.test(m[0])) continue;
    // 「A弱化、虚化现象得到了纠正」: a shortfall put right (sticky, read from the cue's end: no copy of the rest).
    const resolved = POLARITY.resolvedAfter;
    resolved.lastIndex = m.index + m[0].length;
    if (resolved.test(t)) continue;
    return true;
  }
  return false;
}

/**
 * Polarity of a statement: negative evaluation first (「加强党建的意识不强」 is a problem), then a
 * prescription at its start, then an achievement.
 * @example polarityOf("党员队伍老化") // "negative"
 */
export const polarityOf: (text: string) => Polarity = memoByString(polarityIn);

function polarityIn(text: string): Polarity {
  const t = text.trim();
  if (isNegative(t)) return "negative";
  if (POLARITY.prescription.test(t)) return "prescription";
  if (POLARITY.achievement.test(t)) return "achievement";
  return "neutral";
}
