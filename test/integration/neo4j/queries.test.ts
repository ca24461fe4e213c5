/*
 * The Cypher library against the real Neo4j (test/setup/neo4j.ts) after `kg import` of the seed:
 * every query runs on its defaults, the answers agree with the seed's extraction (what `kg extract
 * --json` prints), full-text search finds a quote, and hostile parameter values stay data.
 * This suite wipes the database and imports the seed itself, so what other suites left does not count.
 */
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";

import neo4j from "neo4j-driver";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";

import { buildGraph } from "../../../src/graph/build-graph.ts";
import { runPipeline } from "../../../src/pipeline.ts";
import { toExtractionJson } from "../../../src/sinks/extraction-json.ts";
import { connectNeo4j, type Neo4jHandle } from "../../../src/store/neo4j/client.ts";
import { findQuery, loadQueryLibrary, type ParamValue } from "../../../src/store/neo4j/queries.ts";
import { buildParameters, runNamedQuery } from "../../../src/store/neo4j/run-query.ts";
import type { TestNeo4j } from "../../setup/neo4j.ts";
import { type CliRun, neo4jArgs, runKg as kg } from "./neo4j.fixtures.ts";

const ROOT = fileURLToPath(new URL("../../../", import.meta.url));
const SEED = "seeds/000_d566339e5b9149bf.txt";
const SEED_LINES = readFileSync(`${ROOT}${SEED}`, "utf8").split("\n");
const library = loadQueryLibrary();

type ExtractionJson = ReturnType<typeof toExtractionJson>;
type Row = Record<string, unknown>;

const conn: TestNeo4j = inject("neo4j");
let handle: Neo4jHandle;
let json: ExtractionJson;
let graphKeys: Map<string, Set<string>>;
let importRun: CliRun;

async function run(name: string, params: Record<string, ParamValue> = {}): Promise<Row[]> {
  return (await runNamedQuery(handle, findQuery(library, name), params)).rows;
}

async function count(cypher: string): Promise<number> {
  const { records } = await handle.driver.executeQuery(cypher, {}, conn.database ? { database: conn.database } : {});
  return Number(records[0]?.get(0));
}

beforeAll(async () => {
  importRun = await kg(["import", SEED, "--wipe", "--yes", ...neo4jArgs()]);
  handle = await connectNeo4j(conn);
  const extraction = await runPipeline([SEED]);
  json = toExtractionJson(extraction);
  graphKeys = new Map();
  buildGraph(extraction).forEachNode((key, attrs) => {
    const keys = graphKeys.get(attrs.label) ?? new Set<string>();
    keys.add(key);
    graphKeys.set(attrs.label, keys);
  });
});

afterAll(async () => {
  await handle?.driver.close();
});

// ---------------------------------------------------------------- what the extraction says

const problemThemes = () => json.themes.filter((t) => t.kind === "problem");
const measureThemes = () => json.themes.filter((t) => t.kind === "measure");
const allReports = () => json.documents.flatMap((d) => d.reports);
const allStatements = () => allReports().flatMap((r) => r.statements.map((s) => ({ ...s, reportId: r.id, setting: r.setting })));

/** Theme id of each statement id. */
function themeOf(): Map<string, string | null> {
  return new Map(allStatements().map((s) => [s.id, s.themeId]));
}

/** ADDRESSED_BY links between two themed statements, as theme ids, with their report. */
function themedLinks(): { problem: string; measure: string | null; measureStatement: string; report: string }[] {
  const theme = themeOf();
  return allReports().flatMap((r) =>
    r.links.flatMap((l) =>
      l.type === "ADDRESSED_BY" && theme.get(l.problem)
        ? [{ problem: theme.get(l.problem) as string, measure: theme.get(l.measure) ?? null, measureStatement: l.measure, report: r.id }]
        : [],
    ),
  );
}

const label = (id: string) => json.themes.find((t) => t.id === id)?.label;
const sorted = <T>(xs: Iterable<T>) => [...xs].sort();

// ---------------------------------------------------------------- tests

describe("the seed in Neo4j", () => {
  it("should import with kg import (exit 0)", () => {
    expect(importRun.stderr).toMatch(/9 reports/);
    expect(importRun.code).toBe(0);
  });

  it("should hold exactly the seed's reports, themes, statements and entities (else: kg import seeds/ --wipe --yes)", async () => {
    for (const lbl of ["Report", "Problem", "Measure", "Statement", "Mechanism", "Organisation"]) {
      const { records } = await handle.driver.executeQuery(`MATCH (n:${lbl}) RETURN n.key AS key`, {}, conn.database ? { database: conn.database } : {});
      const inDb = sorted(records.map((r) => String(r.get("key"))));
      expect(inDb, `${lbl} nodes in Neo4j that the seed does not produce: left over from another import`).toEqual(sorted(graphKeys.get(lbl) ?? []));
    }
  });
});

describe("every query of the library", () => {
  it.each(library.map((q) => q.name))("should run %s without parameters and return rows", async (name) => {
    const result = await runNamedQuery(handle, findQuery(library, name), {});
    expect(result.columns.length).toBeGreaterThan(1);
    expect(result.rows.length).toBeGreaterThan(0);
  });
});

describe("kg query (binary)", () => {
  it("should print an aligned table with the row count", async () => {
    const r = await kg(["query", "problems-ranked", "--param", "limit=3", ...neo4jArgs()]);
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
    const lines = r.stdout.trimEnd().split("\n");
    expect(lines[0]).toMatch(/^problem\s+reports\s+statements/);
    expect(lines[1]).toMatch(/^-+\s+-+/);
    expect(lines).toHaveLength(2 + 3 + 1);
    expect(lines.at(-1)).toBe("(3 rows)");
  });

  it("should leave node and relationship columns out of the table and say so", async () => {
    const r = await kg(["query", "problem-measure-map", "--param", "limit=2", ...neo4jArgs()]);
    expect(r.code).toBe(0);
    const lines = r.stdout.trimEnd().split("\n");
    expect(lines[0]).toMatch(/^problemName\s+measureName\s+reports$/);
    expect(lines.at(-1)).toMatch(/^\(2 rows; columns problem, link, measure hold nodes and relationships/);
  });

  it("should print the same rows as JSON with --json, untruncated", async () => {
    const r = await kg(["query", "theme-evidence", "--json", ...neo4jArgs()]);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual(await run("theme-evidence"));
  });

  it("should treat a hostile --param as data: exit 0, no rows, nothing deleted", async () => {
    const before = await count("MATCH (n) RETURN count(n)");
    const r = await kg(["query", "theme-evidence", "--param", "theme=x' }) MATCH (n) DETACH DELETE n //", ...neo4jArgs()]);
    expect(r.code).toBe(0);
    expect(r.stdout.trimEnd().split("\n").at(-1)).toBe("(0 rows)");
    expect(await count("MATCH (n) RETURN count(n)")).toBe(before);
  });
});

describe("answers agree with the extraction (kg extract --json)", () => {
  it("problems-ranked: the top problem themes and their report counts", async () => {
    const rows = await run("problems-ranked");
    const expected = new Map(problemThemes().map((t) => [t.label, t.reportIds.length]));
    const top = [...expected.values()].sort((a, b) => b - a).slice(0, 20);
    expect(rows.map((r) => r.reports)).toEqual(top);
    for (const row of rows) expect(row.reports, String(row.problem)).toBe(expected.get(String(row.problem)));
    expect(top[0]).toBeGreaterThan(1);
  });

  it("problems-ranked: statement counts per theme", async () => {
    const rows = await run("problems-ranked", { limit: 1000 });
    expect(rows).toHaveLength(problemThemes().length);
    for (const t of problemThemes()) expect(rows.find((r) => r.problem === t.label)?.statements, t.label).toBe(t.statementIds.length);
  });

  it("problems-without-measures: exactly the problem themes no link pairs with a measure theme", async () => {
    const addressed = new Set(themedLinks().filter((l) => l.measure).map((l) => l.problem));
    const gaps = problemThemes().filter((t) => !addressed.has(t.id)).map((t) => t.label);
    const rows = await run("problems-without-measures");
    expect(sorted(rows.map((r) => r.problem))).toEqual(sorted(gaps));
  });

  it("problems-without-measures: includes the seed's unaddressed 经费 problem (R3, line 91)", async () => {
    const st = allStatements().find((s) => s.kind === "problem" && s.text.includes("专项经费"));
    expect(st?.themeLabel).toBeTruthy();
    const rows = await run("problems-without-measures");
    expect(rows.map((r) => r.problem)).toContain(st?.themeLabel);
  });

  it("measures-without-problems: exactly the measure themes no link reaches from a problem theme", async () => {
    const reached = new Set(themedLinks().flatMap((l) => (l.measure ? [l.measure] : [])));
    const expected = measureThemes().filter((t) => !reached.has(t.id)).map((t) => t.label);
    expect(sorted((await run("measures-without-problems")).map((r) => r.measure))).toEqual(sorted(expected));
  });

  it("measures-for-problem: the measures linked to a problem, with the reports pairing them and the quotes", async () => {
    const links = themedLinks();
    const byProblem = new Map<string, number>();
    for (const l of links) byProblem.set(l.problem, (byProblem.get(l.problem) ?? 0) + 1);
    const [problemId] = [...byProblem.entries()].sort((a, b) => b[1] - a[1])[0] ?? [];
    expect(problemId).toBeDefined();
    const mine = links.filter((l) => l.problem === problemId);
    const texts = new Map(allStatements().map((s) => [s.id, s.text]));
    const expected = new Map<string, { reports: Set<string>; quotes: Set<string> }>();
    for (const l of mine) {
      const name = l.measure ? (label(l.measure) as string) : "(measure without a theme)";
      const e = expected.get(name) ?? { reports: new Set(), quotes: new Set() };
      e.reports.add(l.report);
      e.quotes.add(texts.get(l.measureStatement) as string);
      expected.set(name, e);
    }
    const rows = await run("measures-for-problem", { theme: label(problemId as string) as string, limit: 1000 });
    expect(new Set(rows.map((r) => r.problem))).toEqual(new Set([label(problemId as string)]));
    expect(sorted(rows.map((r) => r.measure))).toEqual(sorted(expected.keys()));
    for (const row of rows) {
      const e = expected.get(String(row.measure));
      expect(row.reports, String(row.measure)).toBe(e?.reports.size);
      expect(sorted(row.quotes as string[])).toEqual(sorted(e?.quotes ?? []));
    }
  });

  it("problem-measure-map: each problem-measure pair with the number of reports linking them, and the nodes for Browser", async () => {
    const pairs = new Map<string, Set<string>>();
    for (const l of themedLinks()) {
      if (!l.measure) continue;
      const key = `${label(l.problem)} -> ${label(l.measure)}`;
      pairs.set(key, (pairs.get(key) ?? new Set()).add(l.report));
    }
    const result = await runNamedQuery(handle, findQuery(library, "problem-measure-map"), { limit: 10_000 });
    expect(result.graphColumns).toEqual(["problem", "link", "measure"]);
    expect(sorted(result.rows.map((r) => `${r.problemName} -> ${r.measureName}`))).toEqual(sorted(pairs.keys()));
    for (const row of result.rows) expect(row.reports).toBe(pairs.get(`${row.problemName} -> ${row.measureName}`)?.size);
  });

  it("theme-evidence: every statement of a theme, quoted as in the source at its line", async () => {
    for (const theme of problemThemes().slice(0, 3)) {
      const rows = await run("theme-evidence", { theme: theme.label, limit: 1000 });
      const expected = allStatements().filter((s) => s.themeId === theme.id);
      expect(sorted(rows.map((r) => `${r.line}:${r.quote}`))).toEqual(sorted(expected.map((s) => `${s.line}:${s.text}`)));
      for (const row of rows) expect(SEED_LINES[Number(row.line) - 1]).toContain(String(row.quote));
    }
  });

  it("theme-evidence: by default, the evidence of a most recurrent problem", async () => {
    const rows = await run("theme-evidence");
    const max = Math.max(...problemThemes().map((t) => t.reportIds.length));
    const tops = problemThemes().filter((t) => t.reportIds.length === max).map((t) => t.label);
    expect(tops).toContain(rows[0]?.theme);
  });

  it("problems-by-setting: the split adds up, and a setting filter counts only that setting's reports", async () => {
    const rows = await run("problems-by-setting", { limit: 1000 });
    const settings = ["school", "university", "rural", "community", "government", "enterprise", "otherOrUnknown"];
    for (const row of rows) expect(settings.reduce((n, s) => n + Number(row[s]), 0)).toBe(row.reports);
    const setting = allStatements().find((s) => s.kind === "problem" && s.themeId && s.setting === "rural")?.setting ?? "school";
    const filtered = await run("problems-by-setting", { setting, limit: 1000 });
    expect(filtered.length).toBeGreaterThan(0);
    for (const row of filtered) {
      const theme = problemThemes().find((t) => t.label === row.problem);
      const inSetting = new Set(allStatements().filter((s) => s.themeId === theme?.id && s.setting === setting).map((s) => s.reportId));
      expect(row.reports, String(row.problem)).toBe(inSetting.size);
    }
    if (setting === "rural") expect(await run("problems-by-setting", { setting: "village", limit: 1000 })).toEqual(filtered);
  });

  it("problems-co-occurring: pairs counted by the reports raising both", async () => {
    const rows = await run("problems-co-occurring", { limit: 1000 });
    const reportsOf = new Map(problemThemes().map((t) => [t.label, new Set(t.reportIds)]));
    for (const row of rows) {
      const a = reportsOf.get(String(row.problem)) ?? new Set();
      const b = reportsOf.get(String(row.coOccursWith)) ?? new Set();
      expect(row.reports, `${row.problem} + ${row.coOccursWith}`).toBe([...a].filter((r) => b.has(r)).length);
    }
    let pairs = 0;
    const labels = [...reportsOf.keys()];
    for (const x of labels) for (const y of labels) if (x < y && [...(reportsOf.get(x) ?? [])].some((r) => reportsOf.get(y)?.has(r))) pairs += 1;
    expect(rows).toHaveLength(pairs);
  });

  it("problems-co-occurring: with a theme, the problems raised together with that one", async () => {
    const top = [...problemThemes()].sort((a, b) => b.reportIds.length - a.reportIds.length)[0];
    const mine = new Set(top?.reportIds);
    const expected = problemThemes().filter((t) => t.id !== top?.id && t.reportIds.some((r) => mine.has(r)));
    const rows = await run("problems-co-occurring", { theme: top?.label ?? "", limit: 1000 });
    expect(new Set(rows.map((r) => r.problem))).toEqual(new Set([top?.label]));
    expect(sorted(rows.map((r) => r.coOccursWith))).toEqual(sorted(expected.map((t) => t.label)));
  });

  it("report-summary: by default the report with the most statements, with its problems and measures", async () => {
    const best = [...allReports()].sort((a, b) => b.statements.length - a.statements.length)[0];
    const rows = await run("report-summary");
    expect(rows[0]?.part).toBe("report");
    expect(rows[0]?.line).toBe(best?.startLine);
    for (const kind of ["problem", "measure", "cause"]) {
      expect(rows.filter((r) => r.part === kind).length, kind).toBe(best?.statements.filter((s) => s.kind === kind).length);
    }
    expect(rows.filter((r) => r.part === "figure").length).toBe(best?.figures.length);
    expect(rows.filter((r) => r.part === "organisation").length).toBe(best?.organisations.length);
  });

  it("mechanisms-by-context: report counts per mechanism and per context", async () => {
    const rows = await run("mechanisms-by-context", { limit: 1000 });
    const mechs = allReports().flatMap((r) => r.mechanisms);
    expect(rows).toHaveLength(new Set(mechs.map((m) => m.name)).size);
    for (const row of rows.slice(0, 10)) {
      const mine = mechs.filter((m) => m.name === row.mechanism);
      expect(row.reports, String(row.mechanism)).toBe(mine.length);
      for (const ctx of ["practice", "problem", "measure"]) {
        expect(row[ctx], `${row.mechanism} ${ctx}`).toBe(mine.filter((m) => (m.contexts as string[]).includes(ctx)).length);
      }
    }
  });

  it("organisation-hierarchy: every organisation with the number of reports mentioning it", async () => {
    const rows = await run("organisation-hierarchy", { limit: 10_000 });
    const orgs = allReports().flatMap((r) => r.organisations);
    const names = new Set([...orgs.map((o) => o.name), ...orgs.flatMap((o) => (o.parent ? [o.parent] : []))]);
    expect(sorted(rows.map((r) => r.organisation))).toEqual(sorted(names));
    for (const row of rows) expect(row.reports, String(row.organisation)).toBe(orgs.filter((o) => o.name === row.organisation).length);
  });
});

describe("organisation-hierarchy on a PART_OF chain", () => {
  it("should read child < parent < top, inside a transaction that is rolled back", async () => {
    const session = handle.driver.session(conn.database ? { database: conn.database } : {});
    const tx = session.beginTransaction();
    try {
      await tx.run(
        `CREATE (a:Organisation {key: 'org:h4-test-branch', name: 'H4测试学校党支部', type: 'party'}),
                (b:Organisation {key: 'org:h4-test-committee', name: 'H4测试教育局党委', type: 'party'}),
                (c:Organisation {key: 'org:h4-test-city', name: 'H4测试市委', type: 'party'}),
                (a)-[:PART_OF]->(b), (b)-[:PART_OF]->(c)`,
      );
      const query = findQuery(library, "organisation-hierarchy");
      const result = await tx.run(query.cypher, buildParameters(query, { organisation: "H4测试" }));
      const rows = result.records.map((r) => r.toObject());
      expect(rows.map((r) => r.hierarchy)).toEqual(["H4测试市委", "H4测试教育局党委 < H4测试市委", "H4测试学校党支部 < H4测试教育局党委 < H4测试市委"]);
      expect(rows.map((r) => r.parents)).toEqual([[], ["H4测试市委"], ["H4测试教育局党委"]]);
      expect(rows.map((r) => Number(r.children))).toEqual([1, 1, 0]);
    } finally {
      await tx.rollback();
      await session.close();
    }
    expect(await count("MATCH (n:Organisation) WHERE n.key STARTS WITH 'org:h4-test-' RETURN count(n)")).toBe(0);
  });
});

describe("search (full-text, cjk analyzer)", () => {
  it("should find a known quote of the seed, at its line", async () => {
    const rows = await run("search", { term: "专项经费" });
    const hit = rows.find((r) => r.label === "Statement" && String(r.match).includes("专项经费"));
    expect(hit).toBeDefined();
    expect(SEED_LINES[Number(hit?.line) - 1]).toContain(String(hit?.match));
  });

  it("should find a mechanism by its name first", async () => {
    const rows = await run("search", { term: "三会一课", limit: 5 });
    expect(rows[0]).toMatchObject({ label: "Mechanism", match: "三会一课" });
  });

  it("should honour the limit", async () => {
    expect(await run("search", { term: "党员", limit: 3 })).toHaveLength(3);
  });
});

describe("parameters are data", () => {
  const HOSTILE = [
    "x' }) MATCH (n) DETACH DELETE n //",
    'x"}) MATCH (n) DETACH DELETE n RETURN 1 //',
    "\\' OR 1=1 //",
    "'; MATCH (n) SET n.h4Hacked = true; //",
    "*:* OR key:*",
    '党员" OR "1"="1',
    "$theme {{label}} ${x}",
    "\\",
  ];
  const withStrings = library.filter((q) => q.params.some((p) => p.type === "string"));

  it.each(withStrings.map((q) => q.name))("%s: hostile strings return no rows and change nothing", async (name) => {
    const query = findQuery(library, name);
    const nodes = await count("MATCH (n) RETURN count(n)");
    const rels = await count("MATCH ()-[r]->() RETURN count(r)");
    for (const value of HOSTILE) {
      const params = Object.fromEntries(query.params.filter((p) => p.type === "string").map((p) => [p.name, value]));
      const result = await runNamedQuery(handle, query, params);
      expect(result.rows, `${name} with ${value}`).toEqual([]);
    }
    expect(await count("MATCH (n) RETURN count(n)")).toBe(nodes);
    expect(await count("MATCH ()-[r]->() RETURN count(r)")).toBe(rels);
    expect(await count("MATCH (n) WHERE n.h4Hacked IS NOT NULL RETURN count(n)")).toBe(0);
  });

  it("should send an integer limit as a Neo4j integer the query accepts", async () => {
    const params = buildParameters(findQuery(library, "problems-ranked"), { limit: 2 });
    expect(neo4j.isInt(params.limit)).toBe(true);
    expect(await run("problems-ranked", { limit: 2 })).toHaveLength(2);
  });
});
