import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";

import { describe, expect, it } from "vitest";

import { assignThemes, loadCodebook } from "../../src/themes/index.ts";
import { pairwiseF1 } from "../fixtures/themes/seed-gold.fixtures.ts";
import { makeStatement } from "../fixtures/themes/settings.fixtures.ts";

/*
 * A third probe of unseen wording, written in our own words after reading many more real reports' problem and
 * measure sections (village, community, school, university, hospital, state and private enterprise, government
 * organs): 19 problem concerns and 16 measure concerns, four wordings each, every wording in its own report. The
 * labels follow the groups careful readers of real reports use (e.g. a secretary's lack of ability is the
 * cadre-competence problem; the staffing of party work is another).
 * First run, before anything was tuned on this set: problems P 0.81 R 0.58 F1 0.68, measures P 0.92 R 0.81 F1 0.86
 * (the codebook before the wider-coverage work: problems F1 0.61, measures 0.76).
 * Missing then, and added as general wording: 没有吸收…党员, 党员后备, 认识存在偏差, 业务…让路, 党费返还, 急难险重,
 * 学用两张皮, 劲头不足, 不关心/不参与, 选进班子, 常态化学习, 培养储备; a secretary's 本领 no longer
 * counts for party-work staffing.
 */
type Item = { theme: string; report: string; text: string };
const fixtures = JSON.parse(
  readFileSync(fileURLToPath(new URL("../fixtures/themes/wordings-round3.fixtures.json", import.meta.url)), "utf8"),
) as { problems: Item[]; measures: Item[] };
const codebook = loadCodebook();

/*
 * A fourth probe, written the same way after the third was fixed (16 problem and 12 measure concerns, among them the
 * newer themes: property, cadre pay and succession, supervision, coverage of new sectors).
 * First run: problems P 0.95 R 0.36 F1 0.53, measures P 0.85 R 0.49 F1 0.62 (the codebook before the wider-coverage
 * work: 0.50 and 0.60): most misses reached no theme at all. Added then as general wording: 缺人手 / 两头忙,
 * 互不相干 / 不沾边 / 为党建而党建, 党建…脱节, 党建耽误挣钱, 不上心, 重痕迹, 偏软, 养老保障, 书记人选难,
 * 新兴业态 / 小微企业, 收受礼金, 瘫痪, 浮在面上 / 绕着走, 党员攻关, 评先, 村务监督 / 举报, 下基层, 联合党委, 拆分.
 */
const round4 = JSON.parse(
  readFileSync(fileURLToPath(new URL("../fixtures/themes/wordings-round4.fixtures.json", import.meta.url)), "utf8"),
) as { problems: Item[]; measures: Item[] };

/*
 * A fifth probe, written after the fourth was fixed and deliberately further from report phrasing (两套人马, 自掏腰包,
 * 说话不灵, 上下一般粗 …; 15 problem and 12 measure concerns). First run: problems P 0.37 R 0.18 F1 0.24, measures
 * P 0.68 R 0.42 F1 0.52 (the codebook before the wider-coverage work: 0.23 and 0.50): the third and fourth rounds'
 * additions did not carry over to it, which is the honest lesson: each round of wording mostly covers itself, so new
 * reports will keep bringing wordings the codebook lacks. Fixed afterwards like the others (problems 0.78,
 * measures 0.70).
 */
const round5 = JSON.parse(
  readFileSync(fileURLToPath(new URL("../fixtures/themes/wordings-round5.fixtures.json", import.meta.url)), "utf8"),
) as { problems: Item[]; measures: Item[] };

/*
 * A sixth probe, of measures only (15 concerns, four wordings each, in our own words), written after the measure
 * groups of two more sets of real reports (e and g) were read: training, organisational life, leadership teams,
 * funding, venues, care and incentives, responsibility and assessment, recruitment, integration with the business,
 * informatisation, political function, the fortress role, study, rules and co-building. First run: P 0.95 R 0.46
 * F1 0.62 (the codebook before this round: F1 0.59). Added then as general wording: 冬训 / 脱产学习 / 学时 / 培训班,
 * 备案管理, 专款专用 and funds set aside for party work, 党群活动中心, 看望 / 生活困难 / 褒奖, 评分 / 排名通报 and
 * reporting on 抓党建, 经营目标 and planning party work with the business, 管理系统 online, matters first discussed by
 * the party organisation, 后进支部 / 星级支部, 学习心得, 用制度管, 联席会.
 */
const round6 = JSON.parse(
  readFileSync(fileURLToPath(new URL("../fixtures/themes/wordings-round6.fixtures.json", import.meta.url)), "utf8"),
) as { problems: Item[]; measures: Item[] };

/*
 * A seventh probe, of measures (14 concerns × 4, in our own words, further from report phrasing: 打分排队, 跟班锻炼,
 * 结成对子 …), written after the sixth was fixed and the 党建带群建 theme added. First run: P 0.70 R 0.45 F1 0.55
 * (the codebook before the measure work of this round: 0.46). Added then: 研修 / 跟班 / 讲授 / 党员课堂, 研读 / 党章 /
 * 打卡, 党建服务站, 宽容 / 失误 and rewards given, 打分 / 排队, party work 融进 the business, 视频会议 / 远程,
 * 对子 / 结成帮扶, filling or replacing 支委 and 书记; 集中 is a measure frame word.
 */
const round7 = JSON.parse(
  readFileSync(fileURLToPath(new URL("../fixtures/themes/wordings-round7.fixtures.json", import.meta.url)), "utf8"),
) as { problems: Item[]; measures: Item[] };

/*
 * An eighth probe, of measures in the long form of a report's 对策 (10 concerns × 4, own words): an action followed by
 * a purpose clause that names another concern (…活动室，让支部活动有地方开展; …经费，为主题党日提供支持). First run:
 * P 0.93 R 0.83 F1 0.88 (the codebook before this round: 0.90; the seventh round's 支部活动 had taken a venue
 * measure's purpose clause to organisational life, and is gone). Added then: 党员信息 online, 党建引领 the business,
 * 发展优势, working 围绕 the development goals; 发展 and 优势 are measure frame words.
 */
const round8 = JSON.parse(
  readFileSync(fileURLToPath(new URL("../fixtures/themes/wordings-round8.fixtures.json", import.meta.url)), "utf8"),
) as { problems: Item[]; measures: Item[] };

/*
 * A ninth probe, of measures (10 concerns × 4, own words) on the groups readers of real reports use that the earlier
 * probes hardly touched: upper-level planning and guidance, pooling resources, keeping close to the masses, rousing
 * members' enthusiasm, members' day-to-day management, the party organisation's say in decisions, governance, the
 * division of powers, strengthening branches, rules. First run: P 0.80 R 0.27 F1 0.40 (the codebook before this
 * round: 0.38): most of it reached no theme. Added then: 总体规划 / 整体规划 / 培树 / 典型, 党建资源 / 调配 / 资源清单 /
 * 下沉 and pooling 资源, 入户走访 / 民生实事 / 诉求, 获得感 / 积分兑换 / 褒扬 and rousing 积极性 or 热情, 教育提醒 / 纪实,
 * 重大决策 / 政治标准 and the party organisation's 话语权, the division between the party organisation and the
 * administration or the two committees, 建强, 细则 / 若干规定; 一批 is a stock word.
 */
const round9 = JSON.parse(
  readFileSync(fileURLToPath(new URL("../fixtures/themes/wordings-round9.fixtures.json", import.meta.url)), "utf8"),
) as { problems: Item[]; measures: Item[] };

/*
 * A tenth probe, of measures (12 concerns × 4, own words) on conduct, integrity, supervision, rectification, publicity,
 * ideological work, reserve cadres, mobile members, the vanguard, cadre pay, organisation setup and democratic
 * centralism. First run: P 1.00 R 0.44 F1 0.62 (the codebook before this round: 0.59). Added then: 一线办公 / 蹲点 /
 * 调研 / 田间地头, 财务收支, 专项审计, 查摆 / 逐项销号, 专栏 / 宣讲 and 讲好…故事, 疏导, 在外党员, 亮出 / 冲在前 / 急难险重,
 * dividing party groups or branches, 末位表态.
 */
const round10 = JSON.parse(
  readFileSync(fileURLToPath(new URL("../fixtures/themes/wordings-round10.fixtures.json", import.meta.url)), "utf8"),
) as { problems: Item[]; measures: Item[] };

/*
 * An eleventh probe, of terse four-to-six-character measures as abstracts and headings give them (12 concerns × 4, own
 * words: 把牢政治方向, 夯实组织基础, 提振干事热情 …). First run: P 1.00 R 0.42 F1 0.59 (the codebook before this round:
 * 0.60). Added then: 政治方向, 组织基础 / 组织细胞, 过硬班子 / 骨干队伍, 干事热情 and 提振, 制度笼子 and 以制度…固,
 * 服务效能 / 服务末梢 / 群众关切, 互融 / 党建业务, 履职本领 / 能力短板, 思想根基, 传导…压力, 活动活力.
 */
const round11 = JSON.parse(
  readFileSync(fileURLToPath(new URL("../fixtures/themes/wordings-round11.fixtures.json", import.meta.url)), "utf8"),
) as { problems: Item[]; measures: Item[] };

/*
 * A twelfth probe, of measures whose wording names a setting (hospital, university, school, state or private
 * enterprise, village, organ: 10 concerns × 4, own words), so that the setting must not decide. First run: P 0.81
 * R 0.57 F1 0.67 (the codebook before this round: 0.59). Added then: 院长负责制 / 党委领导下的 and a secretary also
 * heading the committee, board or administration, 把好…方向 and the party organisation leading the institution,
 * 党政联席会议 (democratic centralism, not co-building), 党建指导员 / 没有党员 for coverage, party work 统筹 with or
 * 体现在 the business. Left: a student activist's assessment reads as recruitment, a graduate's transfer as mobility.
 */
const round12 = JSON.parse(
  readFileSync(fileURLToPath(new URL("../fixtures/themes/wordings-round12.fixtures.json", import.meta.url)), "utf8"),
) as { problems: Item[]; measures: Item[] };

/*
 * A thirteenth probe, on the boundary readers draw between training, study, members' day-to-day management,
 * ideological work and organisational life (5 concerns × 5, own words), all of which speak of 教育. First run:
 * P 1.00 R 0.62 F1 0.77 (the codebook before this round: 0.68). Added then: 授课, 心得 / 红色, 思想疙瘩 / 价值观,
 * 支部委员会.
 */
const round13 = JSON.parse(
  readFileSync(fileURLToPath(new URL("../fixtures/themes/wordings-round13.fixtures.json", import.meta.url)), "utf8"),
) as { problems: Item[]; measures: Item[] };

/*
 * A fourteenth probe, of village and community measures (grids and councils, the collective economy, reserve cadres,
 * first secretaries, services, co-building, mobile members, pay, venues, funds: 10 concerns × 4, own words). First
 * run: P 0.95 R 0.60 F1 0.74 (the codebook before this round: 0.71). Added then: 议事会, 主导产业, 请回 / 挂职锻炼 for
 * reserve cadres (a reserve cadre is no longer counted as the leadership team), 坐班 / 值守 / 上门服务, reporting to the
 * community (到社区报到). Left: party groups set up on the grid read as organisation setup.
 */
const round14 = JSON.parse(
  readFileSync(fileURLToPath(new URL("../fixtures/themes/wordings-round14.fixtures.json", import.meta.url)), "utf8"),
) as { problems: Item[]; measures: Item[] };

/*
 * A fifteenth probe, of measures of universities, hospitals and enterprises (8 concerns × 4, own words: 课程思政,
 * 党员突击队, 党建+医疗服务 …). First run: P 1.00 R 0.60 F1 0.75 (the codebook before this round: 0.70). Added then:
 * 师德师风 / 医德医风, 党员突击队, 特色党日, 关键岗位, 党建引领 the enterprise. Left: a branch set up on a project reads
 * as organisation setup, a distinctive 党日 activity as organisational life.
 */
const round15 = JSON.parse(
  readFileSync(fileURLToPath(new URL("../fixtures/themes/wordings-round15.fixtures.json", import.meta.url)), "utf8"),
) as { problems: Item[]; measures: Item[] };

/*
 * A sixteenth and a seventeenth probe, of measures (10 and 8 concerns × 4, own words: 积分制管理, 夜校, 党建驿站,
 * 党费返还, 一岗双责, 工作指引, 一肩挑, 把方向, 有奔头 …), written before the measure threshold change of this round
 * and never tuned on: no keyword was added for them. First run: round 16 P 1.00 R 0.43 F1 0.60, round 17 P 0.74
 * R 0.35 F1 0.48. With measures taking a theme at their own threshold (settings.measureThreshold: one object word
 * names it, a bare verb does not): 0.65 and 0.45 (round 17 loses 督导 and 干部 read as the responsibility and
 * leadership-team themes, where the probe says guidance and awareness).
 */
const round16 = JSON.parse(
  readFileSync(fileURLToPath(new URL("../fixtures/themes/wordings-round16.fixtures.json", import.meta.url)), "utf8"),
) as { problems: Item[]; measures: Item[] };
const round17 = JSON.parse(
  readFileSync(fileURLToPath(new URL("../fixtures/themes/wordings-round17.fixtures.json", import.meta.url)), "utf8"),
) as { problems: Item[]; measures: Item[] };

/*
 * An eighteenth probe (12 problem and 8 measure concerns × 4, own words), written after the boundaries of this round
 * (a branch's role not played is the fortress problem; a student setting does not decide; a training's poor effect
 * is education effect; outdated methods are monotony) and before the wording below was added. It mixes settings into
 * ordinary concerns (a student branch's study, a student branch's assessment). First run: problems P 0.94 R 0.47
 * F1 0.63 (the codebook at the start of the round: 0.51), measures P 1.00 R 0.75 F1 0.86 (start: 0.86). Added then as
 * general wording: 招数不多 / 老办法 / 念材料 / 套路化 and 跟不上新形势 (monotony), education that does not meet members'
 * needs, 可抓可不抓 / 排不上号 (not valued), 各搞各的 and 对业务的带动作用不明显 / 与业务联系不紧密 (two skins), 没有钱,
 * 时开时不开, scattered data (informatisation), 懂党务 and 党建人才 (party workers, not successors), 冲上去 / 站出来,
 * 辖区企业, a branch's work assessed (responsibility). Left: 丰富主题党日的形式 reads as organisational life (giving
 * 丰富…形式 more weight cost the earlier tuning slice 0.84 → 0.84 with 7 more false pairs).
 */
const round18 = JSON.parse(
  readFileSync(fileURLToPath(new URL("../fixtures/themes/wordings-round18.fixtures.json", import.meta.url)), "utf8"),
) as { problems: Item[]; measures: Item[] };

describe.each([
  ["round3", fixtures, 0.85],
  ["round4", round4, 0.85],
  ["round5", round5, 0.65],
  ["round6", round6, 0.9],
  ["round7", round7, 0.85],
  ["round8", round8, 0.9],
  ["round9", round9, 0.9],
  ["round10", round10, 0.9],
  ["round11", round11, 0.9],
  ["round12", round12, 0.9],
  ["round13", round13, 0.9],
  ["round14", round14, 0.9],
  ["round15", round15, 0.9],
  ["round16", round16, 0.6],
  ["round17", round17, 0.4],
  ["round18", round18, 0.9],
] as const)("assignThemes on unseen wordings, %s (four per concern, each in its own report)", (name, set, min) => {
  const kinds: ["problem" | "measure", Item[]][] = [
    ["problem", set.problems],
    ["measure", set.measures],
  ];
  it.each(kinds.filter(([, items]) => items.length > 0))("should group %s statements that say the same thing in different words (pairwise F1 at the set's bar)", (kind, items) => {
    const statements = items.map((x, i) => makeStatement(`${kind}-${i}`, x.report, kind, x.text, 0));
    const label = new Map(items.map((x, i) => [`${kind}-${i}`, x.theme]));
    const { themeOf } = assignThemes(statements, new Map(), codebook);
    const s = pairwiseF1(statements.map((x) => x.id), (id) => statements.find((x) => x.id === id)!.reportId, (id) => label.get(id)!, (id) => themeOf.get(id));
    console.log(`[themes] wordings-${name} ${kind}s: P=${s.precision.toFixed(3)} R=${s.recall.toFixed(3)} F1=${s.f1.toFixed(3)}`);
    expect(s.f1).toBeGreaterThanOrEqual(min);
  });
});

describe("theme boundaries as careful readers draw them", () => {
  it("should read a setting (students, private firms) as a setting: the shortcoming named decides the theme", () => {
    const texts = ["学生党支部的堡垒作用体现不出来", "学生党员的理论功底普遍较薄", "民营企业党建的激励办法不足", "非公企业党建活动形式单一",
      "一些具备条件的民营企业还没有建立党组织", "学生党员入党动机比较功利"];
    const st = texts.map((t, i) => makeStatement(`s${i}`, `r${i}`, "problem", t, 0));
    const { themeOf } = assignThemes(st, new Map(), codebook);
    expect(st.map((x) => themeOf.get(x.id))).toEqual(["cb:p-cohesion-weak", "cb:p-learning-ineffective", "cb:p-incentive-lacking",
      "cb:p-activity-monotonous", "cb:p-two-new-coverage", "cb:p-students-members"]);
  });

  it("should put a branch whose role is not played with a party pushed aside (the role theme), apart from weak cohesion", () => {
    // Annotators of all five real sets keep 作用发挥不充分 apart from 软弱涣散/凝聚力不强; three of them (t, u, m) label it
    // together with 虚化、边缘化.
    const a = makeStatement("a", "r1", "problem", "有的基层党组织作用发挥不充分", 0);
    const b = makeStatement("b", "r2", "problem", "党组织在企业决策中被边缘化", 0);
    const c = makeStatement("c", "r3", "problem", "个别村党支部软弱涣散，凝聚力不强", 0);
    const { themeOf } = assignThemes([a, b, c], new Map(), codebook);
    expect(themeOf.get("a")).toBe("cb:p-party-role-weakened");
    expect(themeOf.get("b")).toBe("cb:p-party-role-weakened");
    expect(themeOf.get("c")).toBe("cb:p-cohesion-weak");
  });

  it("should read the form of a meeting and a training's poor effect by the shortcoming, not by the meeting or the training", () => {
    const texts = ["三会一课的开展方式不够灵活", "党员集中培训效果不好", "支部会议经常不按时召开", "村干部一年难得参加一次培训"];
    const st = texts.map((t, i) => makeStatement(`s${i}`, `r${i}`, "problem", t, 0));
    const { themeOf } = assignThemes(st, new Map(), codebook);
    expect(st.map((x) => themeOf.get(x.id))).toEqual(["cb:p-activity-monotonous", "cb:p-education-ineffective", "cb:p-org-life-irregular", "cb:p-training-lacking"]);
  });

  it("should put a secretary's weak ability with cadre competence and a lack of party-work staff with party workers", () => {
    const a = makeStatement("a", "r1", "problem", "部分支部书记本领不足，不善于做群众工作", 0);
    const b = makeStatement("b", "r2", "problem", "专职党务人员配备不到位", 0);
    const { themeOf } = assignThemes([a, b], new Map(), codebook);
    expect(themeOf.get("a")).toBe("cb:p-cadre-competence");
    expect(themeOf.get("b")).toBe("cb:p-party-workers-weak");
  });

  it("should keep a village cadre's low pay apart from the lack of successors, and property management apart from governance at large", () => {
    const texts = ["村干部每月补贴偏低", "社区工作者待遇与工作量不匹配", "村级后备干部缺乏，书记接班难", "年轻人不愿回村任职，后继乏人",
      "业主和物业公司矛盾尖锐", "业委会迟迟选不出来", "基层治理体系不健全，治理力量分散"];
    const statements = texts.map((t, i) => makeStatement(`s${i}`, `r${i}`, "problem", t, 0));
    const { themeOf } = assignThemes(statements, new Map(), codebook);
    const t = (i: number) => themeOf.get(`s${i}`);
    expect(t(0)).toBe(t(1));
    expect(t(2)).toBe(t(3));
    expect(t(0)).not.toBe(t(2));
    expect(t(4)).toBe(t(5));
    expect(t(6)).not.toBe(t(4));
    expect([t(0), t(2), t(4), t(6)]).toEqual(["cb:p-cadre-pay", "cb:p-cadre-succession", "cb:p-property", "cb:p-governance-weak"]);
  });

  it("should not let hedge words such as 有待 or 亟待 make two unrelated uncovered statements one cluster", () => {
    const a = makeStatement("a", "r1", "problem", "流程设置有待优化", 0);
    const b = makeStatement("b", "r2", "problem", "档案整理有待完善", 0);
    const { themeOf } = assignThemes([a, b], new Map(), codebook);
    expect(themeOf.get("a")).toBeDefined();
    expect(themeOf.get("a")).not.toBe(themeOf.get("b"));
  });

  it("should read ageing and 发展 as membership only when they are about members", () => {
    const cases = [
      makeStatement("a", "r1", "problem", "办公设备老化", 0),
      makeStatement("b", "r2", "problem", "对地方经济发展影响力不足", 0),
      makeStatement("c", "r3", "problem", "党员队伍老化，发展党员困难", 0),
      makeStatement("d", "r4", "problem", "近年党员发展数量偏少", 0),
    ];
    const { themeOf } = assignThemes(cases, new Map(), codebook);
    expect(themeOf.get("c")).toBe("cb:p-recruitment-slow");
    expect(themeOf.get("d")).toBe("cb:p-recruitment-slow");
    expect(themeOf.get("a")).not.toBe("cb:p-recruitment-slow");
    expect(themeOf.get("b")).not.toBe("cb:p-recruitment-slow");
  });

  it("should not let a shortcoming word (不够, 缺乏 …) alone make two unrelated uncovered statements one cluster", () => {
    // They share nothing but 不够: before, both vectors held only that polarity set (cosine 1).
    const a = makeStatement("a", "r1", "problem", "档案室职责分工不够清楚", 0);
    const b = makeStatement("b", "r2", "problem", "车辆调度安排不够合理", 0);
    const { themeOf, explanations } = assignThemes([a, b], new Map(), codebook);
    expect(themeOf.get("a")).toBeDefined();
    expect(themeOf.get("a")).not.toBe(themeOf.get("b"));
    expect(explanations.get("b") ?? "").not.toContain("不足、淡化");
    // Two statements that do share a topic word still meet.
    const c = makeStatement("c", "r3", "problem", "档案室职责分工不够明确", 0);
    expect(assignThemes([a, c], new Map(), codebook).themeOf.get("c")).toBe(assignThemes([a, c], new Map(), codebook).themeOf.get("a"));
  });
  it("should not let the frame of a measure (…工程, …模式, 组织…, …力量, a verb) make measures on different things one theme", () => {
    // Uncovered measures that share nothing but 工程 or 模式 made one cluster each before (cosine 1).
    const framed = ["启动“清源工程”", "实施“蓝天工程”", "推广“四步走”模式", "试行“轮值”模式", "加强组织领导", "强化组织保障", "统筹各方力量", "充实工作力量"];
    const st = framed.map((t, i) => makeStatement(`f${i}`, `r${i}`, "measure", t, 0));
    const { themeOf } = assignThemes(st, new Map(), codebook);
    expect(new Set(st.map((x) => themeOf.get(x.id))).size).toBe(framed.length);
    // 健全/完善 … 机制 is decided by what the mechanism is about (before: the catch-all rules theme); an assessment
    // mechanism is the assessment theme, apart from a letter of responsibility (the annotators of six real sets keep
    // 考核评价 measures apart from 压实责任 ones).
    const texts = ["健全党员激励机制", "完善党建工作考评机制", "健全理论学习机制", "与年度目标责任书挂钩"];
    const ms = texts.map((t, i) => makeStatement(`m${i}`, `q${i}`, "measure", t, 0));
    const got = assignThemes(ms, new Map(), codebook).themeOf;
    expect(ms.map((x) => got.get(x.id))).toEqual(["cb:m-incentive-feedback", "cb:m-assessment", "cb:m-theory-study", "cb:m-responsibility"]);
    // A verb alone does not name a theme: 理顺 is the party–government theme only when relations or powers are its object.
    const verb = [makeStatement("v1", "q1", "measure", "理顺工作流程", 0), makeStatement("v2", "q2", "measure", "理顺乡镇与村的职责关系", 0)];
    const byVerb = assignThemes(verb, new Map(), codebook).themeOf;
    expect(byVerb.get("v1")).not.toBe("cb:m-party-government-relation");
    expect(byVerb.get("v2")).toBe("cb:m-party-government-relation");
  });
});
