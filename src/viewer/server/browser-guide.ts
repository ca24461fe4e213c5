/*
 * A Neo4j Browser guide for the query library (cypher/queries/*.cypher), made from the query files
 * so it never drifts from them. Browser 5 (the one Neo4j 5.26 serves) plays a guide from a URL with
 * `:guide <url>` (in its sidebar) or `:play <url>` (in a frame): it fetches the HTML from a host its
 * `browser.remote_content_hostname_whitelist` allows (by default guides.neo4j.com and localhost),
 * with a cross-origin request (so the server must allow CORS), takes the `<title>`, and shows each
 * `<slide>` element as one slide. A `<pre class="runnable">` block goes into the editor when
 * clicked; its ▶ icon runs it. `kg serve` serves this guide at /guide/kg-queries.html (made from the
 * files when asked); `npm run build:guide` writes the same text to cypher/guide/kg-queries.html, for
 * hosting it elsewhere. All text is HTML-escaped: Browser puts slides in the page as HTML.
 */
import type { NamedQuery } from "../../store/neo4j/queries.ts";

/** Where `kg serve` serves the guide, and the committed copy's file name. */
export const GUIDE_PATH = "/guide/kg-queries.html";
export const GUIDE_FILE = "kg-queries.html";

/** Text as HTML text (also safe inside attribute values). */
export function escapeHtml(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;").replace(/'/g, "&#39;");
}

/** A query file's text without its leading `//` header block: the Cypher to run. */
export function queryBody(cypher: string): string {
  const lines = cypher.replace(/\r\n?/g, "\n").split("\n");
  let i = 0;
  while (i < lines.length && (lines[i]!.trim().startsWith("//") || lines[i]!.trim() === "")) i++;
  return lines.slice(i).join("\n").trim();
}

/** The notes of a query's header: the comment lines after `// params:` that are not Browser instructions. */
export function queryNotes(cypher: string): string[] {
  const notes: string[] = [];
  let current = "";
  for (const raw of cypher.replace(/\r\n?/g, "\n").split("\n")) {
    const line = raw.trim();
    if (!line.startsWith("//")) break;
    const text = line.replace(/^\/\/\s?/, "");
    if (/^(name|description|params):/.test(text) || text.startsWith(":param") || /^Neo4j Browser:|^set one parameter/.test(text)) continue;
    if (text.trim() === "") {
      if (current) notes.push(current);
      current = "";
    } else current = current ? `${current} ${text.trim()}` : text.trim();
  }
  if (current) notes.push(current);
  return notes.filter((n) => !/^(Neo4j Browser|set one parameter)/.test(n));
}

const runnable = (text: string) => `<pre class="code runnable">${escapeHtml(text)}</pre>`;

function querySlide(q: NamedQuery, index: number, total: number): string {
  const params = q.params.length === 0 ? "none" : q.params.map((p) => `<code>${escapeHtml(p.name)}</code> (${escapeHtml(p.type)}, default ${escapeHtml(p.defaultText)})`).join(", ");
  const setAll = q.browserParams.filter((l) => l.startsWith(":params"));
  const setOne = q.browserParams.filter((l) => l.startsWith(":param "));
  const parts = [
    `<h3>${index}/${total} · ${escapeHtml(q.name)}</h3>`,
    `<p class="lead">${escapeHtml(q.description)}</p>`,
    `<p>参数 Parameters: ${params}</p>`,
    ...queryNotes(q.cypher).map((n) => `<p>${escapeHtml(n)}</p>`),
  ];
  if (setAll.length > 0) parts.push(`<p>1. 设定参数 Set the parameters (null = the default):</p>`, ...setAll.map(runnable));
  parts.push(`<p>${setAll.length > 0 ? "2. " : ""}运行查询 Run the query (from <code>cypher/queries/${escapeHtml(q.name)}.cypher</code>):</p>`, runnable(queryBody(q.cypher)));
  if (setOne.length > 0) parts.push(`<p>3. 改一个参数 Change one value, then run the query again:</p>`, ...setOne.map(runnable));
  return `<slide class="row-fluid">\n<div class="col-sm-12">\n${parts.join("\n")}\n</div>\n</slide>`;
}

/** The order of the slides: the questions to try first, then the rest of the library by name. */
export const GUIDE_ORDER = [
  "problems-ranked",
  "problem-measure-map",
  "problems-without-measures",
  "measures-for-problem",
  "theme-evidence",
  "search",
  "measures-ranked",
  "problems-by-setting",
  "problems-co-occurring",
  "mechanisms-by-context",
  "report-summary",
  "organisation-hierarchy",
  "measures-without-problems",
];

/** The guide's HTML: a contents slide, a style slide, and one slide per query (GUIDE_ORDER, then by name). */
export function renderBrowserGuide(library: readonly NamedQuery[], style: string): string {
  const rank = (name: string) => {
    const i = GUIDE_ORDER.indexOf(name);
    return i < 0 ? GUIDE_ORDER.length : i;
  };
  const queries = [...library].sort((a, b) => rank(a.name) - rank(b.name) || (a.name < b.name ? -1 : 1));
  const total = queries.length;
  const contents = [
    `<h3>kg 查询库 · Query library</h3>`,
    `<p class="lead">${total} 个参数化查询，来自 <code>cypher/queries/</code> · ${total} parameterised questions about the graph kg imported.</p>`,
    `<p>点击灰色代码块放入编辑器，点 ▶ 直接运行 · Click a grey block to put it in the editor; its ▶ icon runs it. Each query slide sets its parameters first (<code>:params</code>, null = the default), then runs the query.</p>`,
    `<ol>\n${queries.map((q, i) => `<li><b>${escapeHtml(q.name)}</b> (slide ${i + 3}): ${escapeHtml(q.description)}</li>`).join("\n")}\n</ol>`,
  ];
  const styleSlide = [
    `<h3>样式 Style</h3>`,
    `<p class="lead">Colours and Chinese captions for every label (<code>cypher/style.grass</code>).</p>`,
    `<p>Run this once; Browser keeps the style until <code>:style reset</code>. Themes are captioned with their short <code>caption</code> (at most 8 characters) and their <code>reportCount</code>: Browser's style sheets cannot size a node by a property, so the count is in the caption.</p>`,
    runnable(`:style ${style.trim()}`),
  ];
  const slide = (parts: string[]) => `<slide class="row-fluid">\n<div class="col-sm-12">\n${parts.join("\n")}\n</div>\n</slide>`;
  return [
    "<!doctype html>",
    '<html lang="zh">',
    "<head>",
    '<meta charset="utf-8">',
    "<title>kg 查询库 Query library</title>",
    "</head>",
    "<body>",
    "<!-- Generated from cypher/queries/*.cypher by scripts/build-browser-guide.ts (npm run build:guide); do not edit. -->",
    '<article class="guide">',
    '<carousel class="deck container-fluid">',
    slide(contents),
    slide(styleSlide),
    ...queries.map((q, i) => querySlide(q, i + 1, total)),
    "</carousel>",
    "</article>",
    "</body>",
    "</html>",
    "",
  ].join("\n");
}

/** The guide made from the query library and style sheet as they are on disk now. */
export async function currentBrowserGuide(): Promise<string> {
  const { readFile } = await import("node:fs/promises");
  const { join } = await import("node:path");
  const { CYPHER_DIR } = await import("../../store/neo4j/cypher.ts");
  const { loadQueryLibrary } = await import("../../store/neo4j/queries.ts");
  return renderBrowserGuide(loadQueryLibrary(), await readFile(join(CYPHER_DIR, "style.grass"), "utf8"));
}
