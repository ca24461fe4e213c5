/*
 * Measure misses and false positives left on the real tuning pages (sets a+b, e, g, h; the taxonomy is kept
 * outside the repository, /work/real/tools/meas-taxonomy.md): a list announced by a modal and 以下几项工作,
 * 如何 read as an example list, a list that a copula calls a task or an institution, and the context paragraphs of
 * a measure section. Every text here is written for the test; it copies only the structure of the real sentences.
 */
import { describe, expect, it } from "vitest";

import { polarityOf } from "../../src/classify/polarity.ts";
import { measures, statements } from "../helpers/statements.ts";

describe("lead-ins and examples", () => {
  it("should read 一是/二是 items announced by 「需要立足以下几项工作：」 as measures, in a report without problems", () => {
    const got = measures([
      "关于企业支部工作的调研与思考",
      "一、企业制度与支部建设的联系",
      "企业是经济活动的主体，支部是企业里的基础单位。具体来说，需要立足以下几项工作：一是优化支部设置。业务调整以后，支部设置也应随之变化。二是完善管理制度。企业运转离不开制度，支部也应注重制度建设。",
    ].join("\n"));
    expect(got).toEqual(["优化支部设置", "完善管理制度"]);
  });

  it("should not read those items as measures when the lead-in announces no work (guard)", () => {
    const got = measures([
      "关于企业支部工作的调研与思考",
      "一、企业制度与支部建设的联系",
      "企业是经济活动的主体，支部是企业里的基础单位。具体来说，情况有以下几种：一是支部设置调整。业务调整以后，支部设置随之变化。二是管理制度变化。",
    ].join("\n"));
    expect(got).toEqual([]);
  });

  it("should not read 如何… after a prescribing sentence as an example list", () => {
    const got = measures("企业支部工作调研\n\n企业需要加大支部工作力度，丰富支部活动形式。如何加强支部建设，提升工作水平，为企业发展提供组织保障，成为企业管理中的关键任务。");
    expect(got.some((m) => m.startsWith("何"))).toBe(false);
  });
});

describe("lists that state what something is", () => {
  it("should not read a list that a copula calls an institution (「也是健全A，严格B的重要制度」) as measures", () => {
    const got = measures("支部组织生活调研\n\n例会制度是支部组织生活的基本制度，是支部应当长期坚持的制度，也是健全组织生活，严格党员管理，加强党员教育的重要制度。");
    expect(got).toEqual([]);
  });

  it("should not read a sentence that calls its topic a task to research (「…，是当前必须研究的重要课题」) as measures", () => {
    const got = measures("支部建设研究\n\n摘要：支部活动参与率低等问题较为突出。加强和改进支部工作的对策，以改革精神推进支部建设，是我们当前必须认真研究和解决的重要课题。");
    expect(got).toEqual([]);
  });

  it("should still read a list that prescribes and ends without such a copula (guard)", () => {
    const got = measures("支部建设研究\n\n摘要：支部活动参与率低等问题较为突出。对此应当健全组织生活，严格党员管理，加强党员教育。");
    expect(got.length).toBeGreaterThan(0);
  });
});

describe("context paragraphs of a measure section", () => {
  const section = (para: string) => measures([
    "支部建设调研",
    "一、存在的问题",
    "（一）支部活动形式单一。",
    "（二）党员参与不足。",
    "二、把握支部建设的基本路径",
    para,
    "支部要把理论学习与制度建设结合起来，定期检查落实情况。",
  ].join("\n"));

  it("should not read a paragraph that opens by citing an authority as a measure", () => {
    const got = section("《条例》指出，支部是党在基层的战斗堡垒，担负直接教育党员的职责。");
    expect(got.some((m) => m.includes("《条例》"))).toBe(false);
    expect(got.some((m) => m.startsWith("支部要把理论学习"))).toBe(true);
  });

  it("should not read a paragraph that opens by defining a term as a measure", () => {
    const got = section("理论学习的核心内容是坚定理想信念。");
    expect(got.some((m) => m.includes("核心内容"))).toBe(false);
  });
});

describe("an abstract's 提出了…必须做到A、B、C等", () => {
  it("should start the list after the modal inside its first element, not at 提出", () => {
    const text = ["摘要", "本文结合某卫生院各支部的实际，提出了新形势下建强卫生院支部带头人必须做到完善选任机制、加强日常管理、加大培训力度、健全考评办法等。"].join("\n");
    expect(measures(text)).toEqual(["完善选任机制", "加强日常管理", "加大培训力度", "健全考评办法"]);
  });
});

describe("measures right after the problems of the same sentence", () => {
  it("should read the list after 「…等三项问题，因此，X需要」 (a turn word and a subject before the signal)", () => {
    const text = ["摘要", "调查表明：当前一些园区主要存在组织覆盖不全、书记力量薄弱以及活动阵地缺乏等三项问题，因此，园区党委需要采取加快组建支部、选优配强书记以及整合活动阵地等三方面的措施，全面提升园区党建水平。"].join("\n");
    expect(measures(text).join("|")).toContain("加快组建支部");
  });
});

describe("a work summary's plans (今后的打算)", () => {
  it("should read the items of a list of plans (今后的打算) as measures, one that opens 继续… and ends on 不断提升… among them", () => {
    const text = ["某镇党委党建工作总结", "一、存在的问题", "一是支部带富能力不强。二是党员年龄偏大。", "二、今后的打算", "一是继续在全镇推广示范村经验，深入开展星级支部创建，不断提升支部战斗力。二是加大党员培训力度，培养一批致富带头人。"].join("\n");
    const got = measures(text);
    expect(got.some((m) => m.startsWith("继续在全镇推广示范村经验"))).toBe(true);
    expect(got.some((m) => m.startsWith("加大党员培训力度"))).toBe(true);
  });
});

describe("a research group's suggestion inside a line", () => {
  it("should read what 「调研组建议，应…」 proposes after the problems", () => {
    const text = ["某区社区书记队伍调研", "调研发现，影响年轻人担任社区书记的主要因素是待遇低、晋升难。调研组建议，应健全社区书记的薪酬保障制度，拓宽优秀书记的上升通道。"].join("\n");
    expect(measures(text).join("|")).toContain("健全社区书记的薪酬保障制度");
  });
});

describe("frames that declare their list the way forward", () => {
  it("should read 「以A、B以及C为着力点」 and 「路径在于A、B、C等方面」 one measure per part", () => {
    expect(measures(["摘要", "面对支部活动吸引力下降，应以丰富活动载体、健全激励机制以及加强书记培训为着力点，构建提升组织力的路径。"].join("\n"))).toEqual(["丰富活动载体", "健全激励机制", "加强书记培训"]);
    expect(measures(["摘要", "目前园区党建还存在不少困难，突破的路径在于建强组织、联建共享、服务引领等方面。"].join("\n"))).toEqual(["建强组织", "联建共享", "服务引领"]);
  });

  it("should not split an object list (提升A的组织力、号召力) nor read a practice done that way (guard)", () => {
    expect(measures(["摘要", "社区围绕网格设置支部，以提升支部的组织力、号召力和扩大覆盖面为着力点。"].join("\n")).filter((m) => m === "号召力")).toEqual([]);
    const done = ["某社区党建工作总结", "一、主要做法", "去年以来，社区党委以建强网格支部、健全议事机制以及联系在职党员为抓手，推动了各项工作。"].join("\n");
    expect(measures(done)).toEqual([]);
  });
});

describe("closing paragraphs", () => {
  it("should not read a clause of a closing paragraph that states a significance as a measure", () => {
    const got = measures("社区支部调研\n\n支部活动形式单一，年轻党员参与不足。\n为此，开展组团式服务是一项重要的工作，对于推动社区发展、增强党员的归属感都有着重要的意义。");
    expect(got.some((m) => m.includes("意义"))).toBe(false);
  });

  it("should read the paragraph after a list of features that sums them up (以上这些X决定了…，必须…) and what 这就需要 asks for", () => {
    const text = [
      "关于物流园区党建的思考",
      "一、园区的情况决定了支部工作的方向",
      "（1）园区企业规模小，员工流动频繁，党员难以集中。",
      "（2）多数企业主对党建心存顾虑，支持不够。",
      "以上这些情况决定了园区支部工作的方向,必须先易后难,分批推进,建成一个巩固一个。同时也增加了组织覆盖的难度,这就需要园区党建工作更贴近企业、更讲实效。",
      "二、园…………",
    ].join("\n");
    const got = measures(text);
    expect(got).toEqual(["必须先易后难,分批推进,建成一个巩固一个", "园区党建工作更贴近企业、更讲实效"]);
    // The heading cut off by the page is no statement.
    expect(statements(text).filter((s) => s.text.includes("…"))).toEqual([]);
  });

  it("should still read a prescribing clause of that paragraph (guard)", () => {
    const got = measures("社区支部调研\n\n支部活动形式单一，年轻党员参与不足。\n为此，社区支部应建立组团式服务队伍。");
    expect(got).toEqual(["应建立组团式服务队伍"]);
  });
});

describe("measure headings fused into one paragraph", () => {
  it("should read each short prescribing sentence that heads a longer one as a measure", () => {
    const text = [
      "社会组织党建调研",
      "一、存在的问题",
      "社会组织党员少，党组织覆盖面窄，党建工作作用发挥不明显。",
      "二、对策建议",
      "扩大党组织覆盖面。采取单独组建、联合组建等办法，在还没有党组织的社会组织中建立党组织。健全党建工作机制。向没有党员的社会组织派驻党建指导员，帮助开展党建工作。转变党员思想观念。加强对社会组织党员的教育，改变重利益轻党建的思想。",
    ].join("\n");
    expect(measures(text)).toEqual(["扩大党组织覆盖面", "健全党建工作机制", "转变党员思想观念"]);
  });

  it("should not read the sentences of a paragraph that opens with a long one (guard)", () => {
    const text = [
      "社会组织党建调研",
      "一、存在的问题",
      "社会组织党员少，党组织覆盖面窄。",
      "二、对策建议",
      "要采取单独组建、联合组建等办法，在还没有党组织的社会组织中建立党组织。健全党建工作机制。向没有党员的社会组织派驻党建指导员，帮助开展党建工作。加强教育。",
    ].join("\n");
    expect(measures(text)).toHaveLength(1);
  });
});

describe("a research group's suggestions after a colon", () => {
  it("should read each ；-part after 「课题组建议：」 as a measure", () => {
    const text = "农村党员队伍调查\n当前农村党员队伍存在结构失衡、能力不足等问题。为此，课题组建议：以老带新，让新老党员结对共进；分类培训，让不同党员各有所长；搭建平台，让能人党员带头致富。";
    const got = measures(text);
    expect(got).toHaveLength(3);
    expect(got[0]).toMatch(/^以老带新/);
  });
});

describe("a page that opens inside a list of measures", () => {
  it("should read 「3.…」 「4.…」 at the page's top, before a measure section, as measures, and the section beside them", () => {
    const text = [
      "党员轮训情况调查(第3/3页)",
      "3.统一建立轮训的经费保障办法。各级党委要安排专门经费，保证轮训按时进行。",
      "4.统一对轮训情况的考评检查。应把轮训情况列入年度考评。",
      "四、关于改进轮训方法的建议",
      "要推行菜单式培训，让党员按需选学。",
    ].join("\n");
    const got = measures(text);
    expect(got).toEqual(expect.arrayContaining(["统一建立轮训的经费保障办法", "统一对轮训情况的考评检查"]));
    expect(got.some((m) => m.includes("菜单式培训"))).toBe(true);
  });
});

describe("a frame that declares its list the measures", () => {
  it("should read 「围绕A、B、C等提出…对策」 one measure per element, whatever its words", () => {
    const text = "学生党支部建设研究\n摘要：学生党支部建设取得了成效，同时也存在先进性不够、战斗力不强等问题。结合实践经验，围绕学习教育常态化、共建机制构建、支部文化丰富等提出可行对策。";
    expect(measures(text)).toEqual(["学习教育常态化", "共建机制构建", "支部文化丰富"]);
  });

  it("should read 统一 before a prescribing verb as a prescription", () => {
    expect(polarityOf("统一建立党员培训的保障机制")).toBe("prescription");
  });
});

describe("a closing turn that lists its actions", () => {
  const intro = "学院基层党建调研\n本院基层党组织存在制度不够健全、支部书记责任心不强、党员理论学习不够等问题。";

  it("should read three or more verb-led actions after 「将着手」 as one measure each", () => {
    const got = measures(`${intro}为解决这些问题，院党委将着手健全支部工作制度，明确支部工作任务，提高支部服务师生的能力。`);
    expect(got).toEqual(["健全支部工作制度", "明确支部工作任务", "提高支部服务师生的能力"]);
  });

  it("should leave out the last action when the page is cut off inside it", () => {
    const got = measures(`${intro}为解决这些问题，院党委将着手健全支部工作制度，明确支部工作任务，提高支部服务师`);
    expect(got).toEqual(["健全支部工作制度", "明确支部工作任务"]);
  });

  it("should keep an action with its purpose, and leave out a frame, as one measure (guard)", () => {
    const got = measures(`${intro}为此，应该采取有效措施，加强支部书记培训，提高支部的战斗力。`);
    expect(got).toHaveLength(1);
    expect(got[0]).toContain("加强支部书记培训");
  });
});

describe("measure headings over numbered items (brief meas, set j shape 1)", () => {
  it("should read a parent that prescribes (「（一）加强X」) as a measure beside its numbered items, and not a topic-only parent", () => {
    const got = measures([
      "关于村级党建的调研报告",
      "一、存在的问题",
      "（一）党员队伍老化。年轻党员很少。",
      "（二）组织生活不规范。会议记录缺项。",
      "二、对策建议",
      "（一）加强党员队伍建设",
      "1.拓宽发展党员渠道，注重从返乡青年中培养积极分子。",
      "2.完善党员教育培训机制，每年轮训一遍。",
      "（二）组织生活方面",
      "1.严格落实三会一课制度。",
      "2.丰富主题党日内容。",
    ].join("\n"));
    expect(got).toEqual(["加强党员队伍建设", "拓宽发展党员渠道，注重从返乡青年中培养积极分子", "完善党员教育培训机制，每年轮训一遍", "严格落实三会一课制度", "丰富主题党日内容"]);
  });
});

describe("closing turns with 首先是要/二是/三是 steps (set-t shape)", () => {
  it("should read each step after 「针对上述问题，需要从三个方面着力。」 and not the announcement", () => {
    const got = measures([
      "非公企业党建工作的调查",
      "当前，一些企业党组织作用发挥不明显，党员教育管理松散。针对上述问题，需要从三个方面着力。首先是要加强对企业出资人的宣传引导，消除顾虑。二是坚持分类指导，推行结对帮扶。三是延长党员服务站开放时间，方便群众办事。",
    ].join("\n"));
    expect(got).toEqual(["要加强对企业出资人的宣传引导，消除顾虑", "坚持分类指导，推行结对帮扶", "延长党员服务站开放时间，方便群众办事"]);
  });
});

describe("prescriptive lists with 利用/提供 (set-t shape)", () => {
  it("should read 「应A，构建B，利用C，提供D」 as a list, and not 所需 as its signal", () => {
    const got = measures([
      "外出党员工作研究",
      "摘要：外出党员联系难、管理难的问题日渐突出。笔者建议，外出党员工作应健全驻外党组织，搭建双向联系的沟通机制，利用网络平台开展线上学习，提供外出党员所需的学习资料。",
    ].join("\n"));
    expect(got.join("|")).toContain("利用网络平台开展线上学习");
    expect(got.join("|")).toContain("提供外出党员所需的学习资料");
    expect(got.some((m) => m.startsWith("的学习资料"))).toBe(false);
  });
});

describe("work plans as a measure section (set-t shape)", () => {
  it("should read the items under 「四、下一步的工作打算」 as measures", () => {
    const got = measures([
      "非公企业党建情况汇报",
      "三、存在的问题",
      "1、部分企业主对党建工作不支持。",
      "2、党务工作者没有报酬。",
      "四、下一步的工作打算",
      "1、抓好新建企业的党组织组建。党员人数够条件的企业随时单独建立支部。",
      "2、加强党员教育管理。定期组织集中学习。",
    ].join("\n"));
    expect(got).toEqual(["抓好新建企业的党组织组建", "加强党员教育管理"]);
  });
});

describe("policy background (brief meas, shape 4)", () => {
  it("should not read a party congress's words (「党的十九大提出要…」) as the report's measures", () => {
    const got = measures([
      "农村基层党组织组织力提升研究",
      "摘要：农村基层党组织还存在班子战斗力不强、党员队伍老化等问题。为此，应选优配强村党组织书记，加强党员教育管理。",
      "一、引言",
      "党的十九大提出要以提升组织力为重点，突出政治功能。",
    ].join("\n"));
    expect(got.some((m) => m.includes("提升组织力"))).toBe(false);
    expect(got.join("|")).toContain("选优配强村党组织书记");
  });
});

describe("a quoted list named as measures (set-t shape)", () => {
  it("should read 「“A、B、C与D”的四项推进措施」 as one measure per element", () => {
    const got = measures([
      "党建引领社区微更新研究",
      "摘要：当前社区微更新存在资金来源单一、居民参与不足等问题。文章梳理了党建引领微更新的机制，提出“阵地共建、资金共筹、项目共商与成果共享”的四共推进措施。",
    ].join("\n"));
    expect(got).toEqual(["阵地共建", "资金共筹", "项目共商", "成果共享"]);
  });

  it("should not read a quoted list of features (「“A、B、C”的特点」) as measures", () => {
    const got = measures([
      "党建引领社区微更新研究",
      "摘要：当前社区微更新存在资金来源单一、居民参与不足等问题。文章认为社区微空间呈现“规模小、分布散、权属杂”的特点。",
    ].join("\n"));
    expect(got).toEqual([]);
  });
});

describe("an abstract's 建议：A；B；C (brief meas, shape 3)", () => {
  it("should not quote the colon after 建议 with the first measure", () => {
    const got = measures(["高校党建研究", "摘要：当前学生党支部存在活动形式单一、党员意识淡薄等问题。建议：健全支部工作制度；创新组织生活形式；加强支部书记培训。"].join("\n"));
    expect(got).toEqual(["健全支部工作制度", "创新组织生活形式", "加强支部书记培训"]);
  });
});

describe("Markdown bullets under 原因分析 and 具体措施 labels (set-t shape)", () => {
  const text = [
    "社区志愿服务调研",
    "一、短板分析",
    "1. 志愿服务参与面窄",
    "原因分析",
    "- 活动时间多安排在工作日;",
    "- 服务项目与党员特长不匹配。",
    "二、对策建议",
    "1. 扩大党员参与面",
    "具体措施",
    "- 把志愿服务活动调整到周末;",
    "- 按照党员特长组建服务小队。",
  ].join("\n");

  it("should read each bullet as a cause or a measure, and not the labels", () => {
    const got = statements(text).map((s) => `${s.kind}:${s.text}`);
    expect(got).toEqual([
      "problem:志愿服务参与面窄",
      "cause:活动时间多安排在工作日",
      "cause:服务项目与党员特长不匹配",
      "measure:扩大党员参与面",
      "measure:把志愿服务活动调整到周末",
      "measure:按照党员特长组建服务小队",
    ]);
  });
});

describe("a turn to remedies inside a problem section's paragraph", () => {
  it("should take what follows 「因此，需要…」 as measures", () => {
    const text = [
      "关于乡镇事业单位党建工作的调研",
      "一、党组织建设方面的问题",
      "事业单位党组织是乡镇党建的重要力量。一些单位党组织存在班子配备不齐、活动阵地简陋等问题，导致工作难以开展。因此，需要配齐支部班子，改善活动阵地，健全议事规则。",
      "二、党员队伍方面的问题",
      "部分单位党员年龄偏大，发展新党员的渠道不畅。",
    ].join("\n");
    expect(measures(text)).toEqual(["需要配齐支部班子，改善活动阵地，健全议事规则"]);
  });
});

describe("principles and challenges are no proposals", () => {
  it("should not take an introduction's 「要搞好X，必须A，B」 before a sectioned report's first section, nor 「提出了新的要求和挑战，如何…」", () => {
    const text = [
      "关于某中学党建工作的调研报告",
      "学校党组织是学校工作的领导核心。要做好新时期的学校党建工作，必须增强党组织的凝聚力，健全党员教育制度，完善党建考核办法。",
      "一、存在的问题",
      "（一）党员教育流于形式。",
      "二、对策建议",
      "教育改革不断深化，给学校党组织提出了新的要求和挑战，如何发挥党组织的作用，引导教师投身改革，是我们必须回答的课题。",
      "（一）创新党员教育方式。",
    ].join("\n");
    expect(measures(text)).toEqual(["创新党员教育方式"]);
  });

  it("should still take the measures an abstract proposes before the sections (guard)", () => {
    const text = [
      "某社区党员管理研究",
      "摘要：调查发现社区党员管理存在分类粗放等问题。要健全党员分类管理制度，完善党员积分办法，创新党员教育方式。",
      "一、引言",
      "社区是党员管理的基本单元。",
    ].join("\n");
    expect(measures(text).join("|")).toContain("健全党员分类管理制度");
  });
});

describe("a measure section fused with its text (a page that lost its line breaks)", () => {
  const page = [
    "关于楼院党建的调研报告",
    "二、存在的问题部分楼院没有党组织，居民诉求无人收集。三、建议措施建议街道党工委依托网格划分，推动楼院党小组全覆盖。建立以楼院为单元的议事机制，由党小组牵头协调物业和业委会。通过设立意见箱和党员上门走访等方式，及时掌握居民诉求。这些做法已在两个社区试行。",
  ].join("\n");

  it("should read the text after a short fused title, and each later sentence that opens with a prescribing verb or its means as one more measure", () => {
    expect(statements(page).filter((s) => s.kind === "problem").map((s) => s.text)).toEqual(["部分楼院没有党组织，居民诉求无人收集"]);
    const got = measures(page);
    expect(got).toEqual([
      "建议街道党工委依托网格划分，推动楼院党小组全覆盖",
      "建立以楼院为单元的议事机制，由党小组牵头协调物业和业委会",
      "通过设立意见箱和党员上门走访等方式，及时掌握居民诉求",
    ]);
  });

  it("should read only the paragraph's first sentence when the section heading stands on a line of its own", () => {
    const lines = ["关于楼院党建的调研报告", "三、建议措施", "建议街道党工委依托网格划分，推动楼院党小组全覆盖。建立以楼院为单元的议事机制，由党小组牵头协调物业和业委会。"];
    expect(measures(lines.join("\n"))).toEqual(["建议街道党工委依托网格划分，推动楼院党小组全覆盖"]);
  });
});

describe("a list after 「主要措施包括：」 in a section of practices", () => {
  it("should not read what was done (工作亮点 > 主要措施包括：) as measures, and read the same list as measures outside it", () => {
    const done = ["村党支部三年工作回顾", "一、工作亮点", "1. 发展集体经济", "支部带领村民发展特色种植，集体收入逐年增加。主要措施包括：", "- 土地流转：引导农户把闲置土地集中流转。", "- 技术培训：请农技员到村开展种植培训。"];
    expect(measures(done.join("\n"))).toEqual([]);
    const proposed = ["村党支部三年工作回顾", "一、下一步打算", "支部准备继续发展特色种植。主要措施包括：", "- 加强土地流转：引导农户把闲置土地集中流转。", "- 开展技术培训：请农技员到村开展种植培训。"];
    expect(measures(proposed.join("\n")).length).toBeGreaterThan(0);
  });
});

describe("decimal sub-headings under a measure heading", () => {
  it("should read 利用X开展Y as prescribing, so a numbered measure's 2.1/2.2 sub-headings are measures of their own", () => {
    expect(polarityOf("依托党群服务中心开展志愿服务")).toBe("prescription");
    const got = measures([
      "关于外出务工党员管理的调研",
      "一、存在的问题",
      "1. 联系难",
      "外出务工党员分散在各地，支部很难与他们保持经常联系，有的一年也联系不上一次。",
      "二、对策",
      "1. 改进外出党员学习方式",
      "1.1 利用手机课堂开展集中学习",
      "支部每月在手机课堂上组织一次集中学习，外出党员在务工地也能按时参加，学习情况记入台账。",
      "1.2 开展送学上门活动",
      "春节等外出党员返乡的时节，支部组织委员把学习材料送到党员家中，当面交流学习体会。",
    ].join("\n"));
    expect(got).toEqual(expect.arrayContaining(["利用手机课堂开展集中学习", "开展送学上门活动"]));
  });
});

describe("paragraphs whose heads open alike with a modal", () => {
  const para = (head: string) => `${head}这是做好品牌工作的前提。品牌不管在创建还是维护中，都离不开这一条，否则只会挂了牌子却不见实效。`;
  it("should read three or more such heads as measures, with no sentence announcing them", () => {
    const text = ["打造支部品牌的几点思考", "近年来，不少支部热衷于挂牌子，品牌建设存在一阵风的现象。", para("打造支部品牌要把准政治方向。"), para("打造支部品牌要把准群众需求。"), para("打造支部品牌要把准长效机制。")].join("\n");
    expect(measures(text)).toEqual(expect.arrayContaining(["打造支部品牌要把准政治方向", "打造支部品牌要把准群众需求", "打造支部品牌要把准长效机制"]));
  });

  it("should not read two such heads, or heads that state without a modal, as measures (guard)", () => {
    const two = ["打造支部品牌的几点思考", para("打造支部品牌要把准政治方向。"), para("打造支部品牌要把准群众需求。")].join("\n");
    expect(measures(two).filter((m) => m.startsWith("打造支部品牌要"))).toEqual([]);
    const stated = ["打造支部品牌的几点思考", para("支部品牌的第一属性是政治性。"), para("支部品牌的第二属性是群众性。"), para("支部品牌的第三属性是长效性。")].join("\n");
    expect(measures(stated).filter((m) => m.startsWith("支部品牌的"))).toEqual([]);
  });
});

describe("bare 把… lines over paragraphs", () => {
  const body = "考核要围绕支部书记抓党建的实绩来设计指标，把平时了解和年终评议结合起来。";
  it("should read three bare lines that say what to make of their object, each over a paragraph, as measures", () => {
    const text = ["做好支部考核的几点体会", "把考核对象定准", body, "把考核结果用好", "考核结果要同评先评优挂钩，让实干的支部书记得到褒奖。", "把考核方法搞活", "可以采取现场观摩、群众测评等办法，让考核看得见摸得着。"].join("\n");
    expect(measures(text)).toEqual(expect.arrayContaining(["把考核对象定准", "把考核结果用好", "把考核方法搞活"]));
  });

  it("should not read such lines as measures when they stand in a row with no paragraph between (guard)", () => {
    const text = ["做好支部考核的几点体会", "把考核对象定准", "把考核结果用好", "把考核方法搞活", body].join("\n");
    expect(measures(text).filter((m) => m.startsWith("把考核"))).toEqual([]);
  });
});

describe("requirements after a meeting's lead-in", () => {
  it("should read 一是…三是… after 「提出了三点要求：」 or 「做了安排部署。」 as measures, whatever they open with", () => {
    const asked = ["某区机关支部工作调研座谈", "座谈会后，指导组就今后的工作提出了三点要求：一是支部责任再压实。要落实书记第一责任。二是支部活力再激发。要让党员动起来。三是担当作为勤落实。要带头干事创业。"].join("\n");
    expect(measures(asked)).toEqual(expect.arrayContaining(["支部责任再压实", "支部活力再激发", "担当作为勤落实"]));
    const planned = ["某部机关支部委员会会议", "会上，支部书记对下一步工作做了安排部署。一是高度重视。认清规范化建设的意义。二是对照自查。逐项查找支部设置、组织生活方面的短板。三是压实责任。书记带头抓。"].join("\n");
    expect(measures(planned)).toEqual(expect.arrayContaining(["高度重视", "对照自查", "压实责任"]));
  });
});
