/*
 * Measures stated inside abstract and intro sentences under normative frames other than a bare
 * 需要/必须 (shapes inline-measures and polarity-measures), each with its guard: the same look without
 * the frame, or in a report of work done, is no measure. All texts are written for these tests.
 */
import { describe, expect, it } from "vitest";

import { classifyReport } from "../../src/classify/classify.ts";
import { outlineReport } from "../../src/outline/index.ts";
import { segmentDocument } from "../../src/segment/segment.ts";
import { plainDoc } from "../helpers/doc.fixtures.ts";
import { measureRuns } from "../helpers/measure-runs.ts";
import { statements } from "../helpers/statements.ts";

function classify(text: string) {
  const doc = plainDoc(text);
  const seg = segmentDocument(doc);
  return seg.reports.map((r) => classifyReport(doc, r, outlineReport(doc, r, seg.markers)));
}

/** Measures, the elements of a run that was split read back as the run (test/helpers/measure-runs.ts). */
const measures = (text: string): string[] => classify(text).flatMap((r) => measureRuns(r.statements, text));
const problems = (text: string): string[] =>
  classify(text).flatMap((r) => r.statements.filter((s) => s.kind === "problem").map((s) => text.slice(s.textSpan.start, s.textSpan.end)));

const TITLE = "某镇支部建设调研\n";
/** Measures as kg states them, one per element of a split run. */
const elementTexts = (text: string): string[] => classify(text).flatMap((r) => r.statements.filter((s) => s.kind === "measure").map((s) => s.text));

describe("inline-measures: normative frames", () => {
  it("should read 要以A促B，以C促D… as measures: the elements open as the one after the modal does", () => {
    const text = `${TITLE}摘要：调查发现该镇支部凝聚力不强。总结经验，要以学习带动提升本领，以服务带动增进信任，以考核带动压实责任，有效发挥支部的堡垒作用。`;
    expect(measures(text)).toEqual(["以学习带动提升本领，以服务带动增进信任，以考核带动压实责任，有效发挥支部的堡垒作用"]);
  });

  it("should not read the same 以A促B list without a modal (a village's own practice) as measures", () => {
    const text = `${TITLE}摘要：该镇一村以学习带动提升本领，以服务带动增进信任，以考核带动压实责任，成为当地示范。`;
    expect(measures(text)).toEqual([]);
  });

  it("should read 这就需要A，B；C；D with 指导/开辟 among the verbs", () => {
    const text = `${TITLE}当前支部活动单一，经费不足成为制约因素。这就需要健全支部学习制度，指导党员自主学习；建立完备的考评办法激发活力；开辟线上、宿舍两类阵地推进建设。`;
    expect(measures(text)).toEqual(["健全支部学习制度，指导党员自主学习；建立完备的考评办法激发活力；开辟线上、宿舍两类阵地推进建设"]);
  });

  it("should read 需要 after a subject with half-width separators, counting 加强对A和对B as two measures", () => {
    const text = `${TITLE}摘要: 园区支部的组织方式面临不少困难, 联系不紧。园区党建的下一步发展需要加快健全有关制度, 加强对支部建设的统筹和对志愿力量的整合。`;
    expect(measures(text)).toEqual(["加快健全有关制度, 加强对支部建设的统筹和对志愿力量的整合"]);
  });

  it("should read 要准确定位A，发挥B作用，有效应对C，把D融入E as measures", () => {
    const text = `${TITLE}支部面临治理主体多元的新课题。要准确定位支部的职能，发挥其引领、协调、服务作用，有效应对利益多样、诉求分散带来的考验，把共治理念融入支部工作全过程。`;
    expect(measures(text)).toHaveLength(1);
    expect(measures(text)[0]).toMatch(/^准确定位支部的职能.*把共治理念融入支部工作全过程$/);
  });

  it("should read 提出以A、B、C三大要素… as the list of measures", () => {
    const text = `${TITLE}摘要：本文分析了支部书记履职的短板，提出以培训和实践结合、考核和激励并重、经费和场地双保障三大要素支撑书记履职。`;
    expect(measures(text)).toEqual(["培训和实践结合、考核和激励并重、经费和场地双保障"]);
  });

  it("should read 只有通过A、B、C等方面的努力，才能… after the problems", () => {
    const text = `${TITLE}一、面临的问题\n支部党员老龄化，活动缺少吸引力。只有通过优化结构、丰富活动、改进管理手段等方面的努力，才能够提高支部的战斗力。`;
    expect(measures(text)).toEqual(["优化结构、丰富活动、改进管理手段"]);
  });

  it("should read a 通过A与B，将X… sentence right after a list of measures, but not on its own", () => {
    const list = "摘要：该制度的短板可能放大。需要用好该制度，更需要从制度上调整，引导书记走深群众路线，推进强村富民。";
    const means = "通过角色调整与职能转变，将书记的工作重心从争取外部资源转到激发村庄内生动力上来。";
    expect(measures(`${TITLE}${list}${means}`)).toEqual([
      "用好该制度，更需要从制度上调整，引导书记走深群众路线，推进强村富民",
      "角色调整与职能转变，将书记的工作重心从争取外部资源转到激发村庄内生动力上来",
    ]);
    expect(measures(`${TITLE}摘要：该制度的短板可能放大。${means}`)).toEqual([]);
  });

  it("should read each ；-part after 提出了以下意见和建议： as a measure, inside the problem paragraph too", () => {
    const text = `${TITLE}调研发现两方面问题：一是支部人手短缺，缺少专职党务人员；二是党建与业务结合不紧。针对发现的问题，领导提出了以下意见和建议：鼓励企业培养懂党建的骨干；多交流多借鉴，深入剖析典型案例；主动走出去学习，在观摩中拓宽思路等。`;
    expect(measures(text)).toEqual(["鼓励企业培养懂党建的骨干", "多交流多借鉴，深入剖析典型案例", "主动走出去学习，在观摩中拓宽思路"]);
  });

  it("should read a list opened by 并从 after a clause", () => {
    const text = `${TITLE}摘要：该镇以整合为抓手推进改革，并从构建多元参与的议事机制，强化支部的统领功能；激活社会资源；借助信息手段，全面提高回应群众的效能。`;
    expect(measures(text)).toEqual(["构建多元参与的议事机制，强化支部的统领功能；激活社会资源；借助信息手段，全面提高回应群众的效能"]);
  });

  it("should read a list that a sentence declares the measures afterwards (A、B和C是…的有效措施)", () => {
    const text = `${TITLE}摘要：调研发现书记后备人选不足、学习形式单一等问题。充实书记后备人选、健全学习制度、出台激励办法和建立保障机制则是推动书记队伍建设的有效措施。`;
    expect(measures(text)).toEqual(["充实书记后备人选、健全学习制度、出台激励办法和建立保障机制"]);
  });

  it("should read a list of prescriptions in a sentence opening with 因此", () => {
    const text = `${TITLE}摘要：新群体党建面临组织不健全、手段滞后等挑战。因此，坚持继承与创新相结合，如打造立体的教育体系，健全严密的组织体系，建立思政工作新机制等。`;
    expect(measures(text)).toHaveLength(1);
    expect(measures(text)[0]).toMatch(/^坚持继承与创新相结合.*建立思政工作新机制$/);
  });

  it("should not read what a practice makes possible (这样能够聚焦A；发挥B) as measures", () => {
    const text = `${TITLE}摘要：支部按专业设置，依托学科成立小组。这样能够聚焦学生关注的热点，促成党员全面发展；发挥学科优势，实现党建学术互促；深化育人工作，增强支部活力。`;
    expect(measures(text)).toEqual([]);
  });

  it("should read the examples (如A，B，C) after a sentence that prescribes with a modal, but not examples of work done", () => {
    const lead = `${TITLE}摘要：支部工作必须与时俱进，把握党员的新特点。`;
    expect(measures(`${lead}如按照专业设置支部，依托课题组成立学习小组，由导师担任支部书记。`)).toEqual([
      "按照专业设置支部，依托课题组成立学习小组，由导师担任支部书记",
    ]);
    expect(measures(`${lead}如按照专业设置了支部，依托课题组成立了学习小组，由导师担任支部书记。`)).toEqual([]);
  });

  it("should read the examples (比如A，B，…等等) after a sentence that says problems remain to be solved as problems, not measures", () => {
    const text = `${TITLE}该镇支部建设取得了一些成绩。但是也要看到，一些支部还存在着不少困难和问题需要解决。比如，部分支部书记对党务还不熟悉，学习教育多停留在读文件上，支部活动的吸引力还不够强，青年党员参与的积极性不高等等，因此，通过重心下移推动工作落地。`;
    expect(measures(text)).toEqual([]);
    expect(problems(text)).toEqual(["部分支部书记对党务还不熟悉", "学习教育多停留在读文件上", "支部活动的吸引力还不够强", "青年党员参与的积极性不高"]);
  });

  it("should read a quoted list that 提出了要“…”的对策建议 declares, without its modal and quotation marks", () => {
    const text = `${TITLE}摘要：本文分析了项目支部作用发挥的现状，提出了要“落实好‘四同步’要求，提升对支部工作的认识，推进支部规范化建设，抓好党务队伍自身建设”的对策建议。`;
    expect(measures(text)).toEqual(["落实好‘四同步’要求", "提升对支部工作的认识", "推进支部规范化建设", "抓好党务队伍自身建设"]);
  });

  it("should read 通过A，实现B；通过C，实现D；… as one measure per ；-part, but not means of work done", () => {
    const text = `${TITLE}摘要：协会支部与会员企业联系不足，作用发挥不充分。通过设岗定责与联系走访相结合，实现支部与会员企业的经常联系；通过共办活动与共享阵地相结合，实现支部与社区的资源共享。`;
    expect(measures(text)).toEqual(["通过设岗定责与联系走访相结合，实现支部与会员企业的经常联系", "通过共办活动与共享阵地相结合，实现支部与社区的资源共享"]);
    const done = `${TITLE}摘要：去年，协会通过设岗定责与联系走访相结合，实现了支部与会员企业的经常联系；通过共办活动与共享阵地相结合，实现了支部与社区的资源共享。`;
    expect(measures(done)).toEqual([]);
  });

  it("should read 要把A做强、把B做细、把C做实 as one measure per 把 phrase", () => {
    const text = `${TITLE}摘要：该镇党建工作取得了一定成效，但也面临诸多挑战，要进一步把支部做强、把服务做细、把考核做实，推动全镇党建工作上台阶。`;
    const got = elementTexts(text);
    expect(got).toEqual(expect.arrayContaining(["把服务做细", "把考核做实"]));
    expect(got.some((m) => m.includes("把支部做强") && !m.includes("把服务"))).toBe(true);
  });

  it("should read 笔者认为，应当A，…；应B，…；应C，… as one measure per ；-part, its first clause", () => {
    const text = `${TITLE}现在一些村的远程教育收看流于形式，党员学习积极性不高。如何让远程教育发挥作用？笔者认为，应当丰富学习内容，可以采取走访收集等方式，及时掌握党员的学习需求；应灵活学习形式，通过现场教学的模式，定期组织专家授课；应创新学习手段，推进远程教育上手机，方便党员随时学习。`;
    expect(elementTexts(text)).toEqual(["应当丰富学习内容", "应灵活学习形式", "应创新学习手段"]);
  });

  it("should read what 从A的角度，可以… lists, up to its purpose clause", () => {
    const text = `${TITLE}调研发现外出党员参加学习难，学习形式单一。\n从便于党员集中学习的角度，可以开设周末课堂、组织读书分享、建立线上学习群等，便于外出党员参加。\n从激发学习热情的角度，可以定期通过知识竞赛等形式，使党员主动参加学习。`;
    expect(measures(text)).toEqual(["开设周末课堂、组织读书分享、建立线上学习群", "定期通过知识竞赛等形式"]);
  });
});

describe("inline-measures: one more measure after a list, and single-clause frames", () => {
  const colon = `${TITLE}调研发现支部人手短缺，党建与业务结合不紧。领导提出了以下意见和建议：鼓励企业培养懂党建的骨干；深入剖析典型案例。`;

  it("should read a sentence opening with 并 + a prescription right after a list of measures as one more measure", () => {
    expect(measures(`${colon}并鼓励企业围绕中心工作开展活动，如在公益服务方面发挥作用。`)).toEqual([
      "鼓励企业培养懂党建的骨干",
      "深入剖析典型案例",
      "鼓励企业围绕中心工作开展活动",
    ]);
  });

  it("should not read a 并 sentence that reports work done after the list as a measure", () => {
    expect(measures(`${colon}并鼓励了企业围绕中心工作开展活动。`)).toEqual(["鼓励企业培养懂党建的骨干", "深入剖析典型案例"]);
  });

  it("should read 这就需要 + one clause, up to its purpose clause", () => {
    const text = `${TITLE}改革会触及一些人的利益，职工思想波动较大，这就需要支部切实做好职工的思想工作，使得职工紧紧团结在组织周围。`;
    expect(measures(text)).toEqual(["支部切实做好职工的思想工作"]);
  });

  it("should read 尝试从A与B两方面，X as the measure an abstract ends with", () => {
    const text = `${TITLE}摘要：调查发现支部组织生活形式单一等问题。在提出整改意见的基础上，尝试从线上与线下两方面，丰富组织生活的内容与载体。`;
    expect(measures(text)).toEqual(["丰富组织生活的内容与载体"]);
  });
});

describe("inline-measures: guards", () => {
  it("should not read a dated account of the inquiry as measures", () => {
    const text = `${TITLE}为落实上级要深入基层的部署，充分发挥支部作用，5月6日上午县里组成调研小组，深入两个园区开展调研，听取意见。`;
    expect(measures(text)).toEqual([]);
  });

  it("should not read the modals inside a quoted authority as the report's measures", () => {
    const text = `${TITLE}会议报告指出：“建设现代化的任务繁重，必须坚持农业优先发展，坚持城乡融合发展，畅通要素流动。”本文在此背景下展开调查。`;
    expect(measures(text)).toEqual([]);
  });

  it("should not read the modals after an authority's 指出, quoted without marks, as the report's measures", () => {
    const text = `${TITLE}总书记在一次座谈会上指出，要加强支部建设，健全考核办法，完善激励机制。本文在此背景下展开调查。`;
    expect(measures(text)).toEqual([]);
  });

  it("should not read what a higher document or a congress proposed (…《意见》…提出了, 党的X大…提出) as the report's measures", () => {
    const issued = `${TITLE}摘要：近日，上级印发了《关于加强乡镇支部工作的意见》，对支部建设提出了新的要求，本文围绕这些要求，以建强支部为重点，突出服务功能，持续加强支部自身建设，提升支部工作的质量。`;
    expect(measures(issued)).toEqual([]);
    const congress = `${TITLE}今年以来，该镇按照党的二十大报告对基层组织建设提出的要求，认真落实县里的各项部署，扎实开展支部达标行动，稳步提升支部建设质效，推动全镇支部工作上台阶。`;
    expect(measures(congress)).toEqual([]);
    // The report's own 提出 still frames its measures.
    const own = `${TITLE}摘要：调查发现支部凝聚力不强，本文提出：健全学习制度，完善考评办法，拓展活动阵地。`;
    expect(measures(own).length).toBeGreaterThan(0);
  });

  it("should not read what a central document proposed with a modal (「中央一号文件提出要A，B，C」) as the report's measures", () => {
    const text = `${TITLE}2019年的中央一号文件明确提出要推进乡村全面振兴，进一步加大对农村的政策倾斜，通过整合各方力量，建设宜居宜业的乡村。在这一过程中，支部的凝聚力至关重要。`;
    expect(measures(text)).toEqual([]);
  });

  it("should not read a cue inside a document's name (《…的建议》强调) as the report's measure list", () => {
    const text = `${TITLE}社区治理的难题日益显现。《中共中央关于城乡治理的建议》强调，健全基层议事制度，激发居民自治活力，推动多方共同参与社区治理。本文以一个社区为例展开分析。`;
    expect(measures(text)).toEqual([]);
  });

  it("should not read a research outlook (未来可从A、B…推进研究) as measures", () => {
    const text = `${TITLE}本研究的样本有限，未来可从扩大样本、深化比较分析，以及探索追踪调查和跨地区比较等方向推进研究。`;
    expect(measures(text)).toEqual([]);
  });

  it("should not read a list of work done (perfective 了) as measures", () => {
    const text = `${TITLE}近年来，县供销社聚焦农业发展难点，充分整合各方资源，大力发展基层网点，不断探索服务模式，走出了一条联动发展的新路。`;
    expect(measures(text)).toEqual([]);
  });

  it("should not read a list that is the subject of 是 (a statement of significance) as measures", () => {
    const text = `${TITLE}因此，加强后备干部队伍建设，培养一支能力强的村干部队伍，切实解决后继乏人问题，是推动乡村振兴的重要保证。`;
    expect(measures(text)).toEqual([]);
  });

  it("should not read the 应 of 顺应 as a modal", () => {
    const text = `${TITLE}开展书记述职评议，既是顺应形势的要求，也是回应群众期待，推进作风建设的需要。`;
    expect(measures(text)).toEqual([]);
  });
});

describe("polarity-measures: modal items under a situation heading", () => {
  const lines = ["某局文化建设调研", "一、调研的基本情况", "调研组到五个单位座谈。", "---此处隐藏3000字---"];

  it("should read a list whose every item opens with 要 as measures whose own heading the page lost", () => {
    const items = ["（一）要加强行业领导。领导重视是关键，各单位要结合实际。", "（二）要加大对文化建设的投入。把文化建设与中心工作结合起来。"];
    expect(measures([...lines, ...items].join("\n"))).toEqual(["要加强行业领导", "要加大对文化建设的投入"]);
  });

  it("should not read items that report work done there as measures", () => {
    const items = ["（一）加强了行业领导。各单位结合了实际。", "（二）加大了对文化建设的投入。文化建设与中心工作结合起来。"];
    expect(measures([...lines, ...items].join("\n"))).toEqual([]);
  });
});

describe("closing-turn: an announced analysis is no measure", () => {
  it("should not read 需立足…问题，进行全方位分析 as a measure, but the prescriptions after it", () => {
    const text = `${TITLE}支部存在职责不清、活动单一等问题。对此，支部需立足现有的问题，进行全方位分析。要加强党员教育，完善考核办法。`;
    const found = measures(text);
    expect(found.some((m) => m.includes("分析"))).toBe(false);
    expect(found.join("|")).toContain("加强党员教育");
  });
});

describe("closing-turn: 在今后的工作中，X将… after the problems of a news item", () => {
  const text = `${TITLE}王院长谈到，系里支部建设总体不错，但还有差距，主要是支部工作与教学结合不紧；支部特色不够鲜明；教工支部和学生支部交流太少等等。在今后的工作中，系党总支将聚焦提升组织力、凝聚力和服务力等方面下功夫，进一步抓好支部规范化建设。`;

  it("should read the planned work as the measure, and no problem in it", () => {
    expect(measures(text).join("|")).toContain("聚焦提升组织力");
    expect(problems(text).some((p) => /下功夫|规范化建设/.test(p))).toBe(false);
    expect(problems(text)).toContain("支部特色不够鲜明");
  });
});

describe("inline-measures: 只有通过A、B和C，才能…", () => {
  const text = `${TITLE}首先，支部活动形式单一，很多支部只读文件。其次，考核流于形式，只看台账。总之，支部建设的短板必须正视。只有通过健全学习制度、丰富活动载体和完善考核办法，才能真正提升支部的组织力。`;

  it("should end the list at 才能 and part its last two measures at 和", () => {
    const found = classify(text).flatMap((r) => r.statements.filter((s) => s.kind === "measure").map((s) => text.slice(s.textSpan.start, s.textSpan.end)));
    expect(found).toEqual(["健全学习制度", "丰富活动载体", "完善考核办法"]);
  });
});

describe("closing-measures: who speaks before the measures (…，王书记强调，各单位要…)", () => {
  it("should start the measure at the modal, without the speaker", () => {
    const text = `${TITLE}检查发现，有的支部学习抓得不紧，台账资料不完备。\n针对检查中发现的问题，王书记强调，各支部要严格落实学习制度，健全台账管理；要加强党员日常教育，发挥党员作用。`;
    const found = measures(text);
    expect(found[0]).toMatch(/^要严格落实学习制度/);
    expect(found.join("|")).not.toContain("强调");
  });
});

describe("inline-measures: 研究认为，A，B，C，是…的重要途径", () => {
  const text = `${TITLE}调查发现，书记们普遍缺少系统培训，对支部工作重点把握不准。研究认为，健全培训课程体系，充实书记培训的案例资料，以线上线下结合的方式扩大培训覆盖面，是教师支部书记队伍建设稳步推进和持续见效的重要途径。`;

  it("should read the list the sentence declares the way forward, without its lead", () => {
    const found = measures(text);
    expect(found.length).toBeGreaterThan(0);
    expect(found[0]).toMatch(/^健全培训课程体系/);
    expect(found.join("|")).toContain("充实书记培训的案例资料");
    expect(found.join("|")).not.toContain("研究认为");
  });

  it("should not read it when the list only names aspects (guard)", () => {
    expect(measures(`${TITLE}研究认为，课程体系，案例资料，培训方式，是影响培训效果的重要因素。`)).toEqual([]);
  });
});

describe("inline-measures: a bare 通过 whose list closes with 等措施/举措/途径", () => {
  const found = "调查发现，部分科室支部存在组织生活不规范、党员参与热情不高等问题。";

  it("should read 通过A、B、C等举措，推动… as one run of measures", () => {
    const text = `${TITLE}摘要：${found}通过理顺支部与科室的议事流程、丰富结合业务的主题党日、健全书记述职评议等举措，推动支部建设与业务协同提升。`;
    expect(measures(text)).toEqual(["理顺支部与科室的议事流程、丰富结合业务的主题党日、健全书记述职评议"]);
  });

  it("should not read the same list without the closer as measures (a bare 通过 is no modal)", () => {
    const text = `${TITLE}摘要：${found}通过理顺支部与科室的议事流程、丰富结合业务的主题党日、健全书记述职评议，推动支部建设与业务协同提升。`;
    expect(measures(text)).toEqual([]);
  });

  it("should not read it under a 主要做法 heading: there it reports what was done", () => {
    const text = `${TITLE}一、主要做法\n该院通过理顺支部与科室的议事流程、丰富结合业务的主题党日、健全书记述职评议等举措，推动支部建设与业务协同提升。\n二、存在的问题\n${found}`;
    expect(measures(text)).toEqual([]);
  });

  it("should not read work done (…等措施，有效提升了…) or the inquiry's methods (走访、问卷等方式) as measures", () => {
    const done = `${TITLE}摘要：${found}通过理顺支部与科室的议事流程、丰富结合业务的主题党日、健全书记述职评议等措施，有效提升了支部的凝聚力。`;
    const methods = `${TITLE}摘要：课题组通过走访座谈、问卷调查、查阅台账等方式，了解支部情况。${found}`;
    expect(measures(done)).toEqual([]);
    expect(measures(methods)).toEqual([]);
  });
});

describe("inline-measures: ；-parts that open with a modal of their own", () => {
  const lead = `${TITLE}摘要：调查发现，部分中学支部存在组织设置不够合理、活动内容较为陈旧等问题。\n`;

  it("should read each 要进一步… part as a list of its own, though the first ends in a purpose clause", () => {
    const text = `${lead}学校党组织要确立抓基层的导向，补齐工作短板，推动力量下沉到年级组，使支部成为年级工作的主心骨；要进一步理顺支部与教研组的关系，规范支部委员选配，推进支部标准化达标；要进一步丰富组织活动，加强党务骨干培训，强化课程思政建设。`;
    expect(measures(text)).toEqual([
      "确立抓基层的导向，补齐工作短板，推动力量下沉到年级组",
      "进一步理顺支部与教研组的关系，规范支部委员选配，推进支部标准化达标",
      "进一步丰富组织活动，加强党务骨干培训，强化课程思政建设",
    ]);
  });

  it("should not read the parts of an authority's words (总书记强调，要A；要B) as the report's measures", () => {
    const text = `${lead}总书记强调，要确立抓基层的导向，补齐工作短板，推动力量下沉；要进一步理顺支部与教研组的关系，规范支部委员选配，推进支部标准化达标。`;
    expect(measures(text)).toEqual([]);
  });

  it("should keep each ；-part after a colon lead-in one measure (提出了以下意见和建议：A；要B；C)", () => {
    const text = `${TITLE}调研发现两方面问题：一是支部人手短缺，缺少专职党务人员；二是党建与业务结合不紧。针对发现的问题，领导提出了以下意见和建议：充实支部人手；要进一步丰富组织活动，加强党务骨干培训；强化课程思政建设。`;
    expect(measures(text)).toEqual(["充实支部人手", "要进一步丰富组织活动，加强党务骨干培训", "强化课程思政建设"]);
  });
});

describe("inline-measures: a sentence that opens 整改措施有：", () => {
  it("should read each ；-part after it as one measure, whole", () => {
    const text = `${TITLE}村级支部存在的问题有：支部书记统筹“虚化”；党员作用“弱化”；组织生活“淡化”。整改措施有：突出政治引领，提升支部号召力，把学习摆在首位；突出党员主体，提升队伍凝聚力；突出阵地建设，提升服务覆盖面。`;
    expect(measures(text)).toEqual(["突出政治引领，提升支部号召力，把学习摆在首位", "突出党员主体，提升队伍凝聚力", "突出阵地建设，提升服务覆盖面"]);
  });
});

describe("inline-measures: 更新 prescribes", () => {
  it("should read 提出要从更新A、健全B、提升C入手 as measures, 更新 among the verbs", () => {
    const text = `${TITLE}摘要：调查发现，该镇社区治理在理念、机制和能力方面存在不足，提出要从更新治理观念、健全议事协商机制、提升支部统筹能力入手提高治理效能。`;
    // The frame 要从…入手 names its elements the measures (shape measure-list): 入手 and the purpose after it are no part of them.
    expect(measures(text)).toEqual(["更新治理观念、健全议事协商机制、提升支部统筹能力"]);
  });

  it("should not read a report of what was renewed (更新了…) as a measure", () => {
    const text = `${TITLE}摘要：调查发现，该镇社区治理存在不足。该镇从更新了治理观念、健全了议事机制、提升了统筹能力入手，提高了治理效能。`;
    expect(measures(text)).toEqual([]);
  });
});

describe("a proposal list whose parts are separated by ；", () => {
  it("should read each ；-part after 「提出…的建议：」 as one measure, whole", () => {
    const text = `${TITLE}摘要：本文调查了镇属单位的支部建设，并提出整体推进支部建设的建议：统一部署、分类指导，增强推动力；整合场地、统一标准，增强凝聚力；创新载体、用好网络，增强吸引力。`;
    const got = statements(text).filter((s) => s.kind === "measure").map((s) => s.text);
    expect(got).toEqual(["统一部署、分类指导，增强推动力", "整合场地、统一标准，增强凝聚力", "创新载体、用好网络，增强吸引力"]);
  });
});

describe("a single measure after 「在这种情况下，可以…」", () => {
  it("should read what the report says can be done in that situation as its measure, and nothing without the cue", () => {
    const text = `${TITLE}当前一些企业支部活动形式老套，年轻职工参与不多。在这种情况下可以把志愿服务引入支部活动，开展结对帮扶。`;
    expect(measures(text)).toEqual(["把志愿服务引入支部活动，开展结对帮扶"]);
    expect(measures(`${TITLE}当前一些企业支部活动形式老套，年轻职工参与不多。`)).toEqual([]);
  });
});

describe("lists of measures declared by their frame, without a modal", () => {
  it("should read each element of 「…，在优化A、完善B、实施C和加强D等方面进行改革」 as a measure, and none of a report of work done", () => {
    const text = `${TITLE}摘要：针对支部活动不足，学校与党员相互配合，在优化支部设置、完善组织生活、实施分类管理和健全考评办法等方面进行改革探索。`;
    expect(statements(text).filter((s) => s.kind === "measure").map((s) => s.text)).toEqual(["优化支部设置", "完善组织生活", "实施分类管理", "健全考评办法"]);
    const done = `${TITLE}近年来，学校在优化支部设置、完善组织生活、实施分类管理和健全考评办法等方面进行了改革。`;
    expect(statements(done).filter((s) => s.kind === "measure")).toEqual([]);
  });

  it("should read each ；-part of 「同时从A，实现B；C，促进D；…等，给出了…对策」 as one measure, from the last 从 before the list", () => {
    const text = `${TITLE}【摘 要】文章从智慧党建的发展入手，梳理了平台建设的现状，同时从搭建党员管理平台，实现动态管理；完善考核办法，实现科学评价；丰富交流活动，提高学习效果等，给出了提升支部信息化水平的几点对策。`;
    expect(statements(text).filter((s) => s.kind === "measure").map((s) => s.text)).toEqual([
      "搭建党员管理平台，实现动态管理",
      "完善考核办法，实现科学评价",
      "丰富交流活动，提高学习效果",
    ]);
  });
});

describe("a 从…等方面 frame after another angle in the same sentence", () => {
  it("should read the list after the last 从 (「文章从A分析，从B、C、D等方面探析了…途径」), one measure each", () => {
    const text = `${TITLE}摘要：文章从后勤支部建设的意义和现状分析，从明确工作职责、健全组织生活、加强队伍建设、丰富活动载体等方面探析了后勤支部提升服务的有效途径。`;
    expect(statements(text).filter((s) => s.kind === "measure").map((s) => s.text)).toEqual(["明确工作职责", "健全组织生活", "加强队伍建设", "丰富活动载体"]);
  });
});
