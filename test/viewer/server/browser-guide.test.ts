/*
 * The Neo4j Browser guide of the query library: the committed copy is what the query files make now,
 * and each query's slide holds what a user runs — its `:params` line, its Cypher as in the file and
 * its `:param` examples — as `<pre class="runnable">` blocks, read back the way a browser parses HTML.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";

import { parseDocument } from "htmlparser2";
import { describe, expect, it } from "vitest";

import { CYPHER_DIR } from "../../../src/store/neo4j/cypher.ts";
import { loadQueryLibrary } from "../../../src/store/neo4j/queries.ts";
import { GUIDE_FILE, currentBrowserGuide, queryBody } from "../../../src/viewer/server/browser-guide.ts";

type Node = { type: string; name?: string; attribs?: Record<string, string>; children?: Node[]; data?: string };

function all(node: Node, name: string, out: Node[] = []): Node[] {
  if (node.name === name) out.push(node);
  for (const c of node.children ?? []) all(c, name, out);
  return out;
}

function text(node: Node): string {
  if (node.type === "text") return node.data ?? "";
  return (node.children ?? []).map(text).join("");
}

const committed = readFileSync(join(CYPHER_DIR, "guide", GUIDE_FILE), "utf8");
const doc = parseDocument(committed, { decodeEntities: true }) as unknown as Node;
const slides = all(doc, "slide");
const library = loadQueryLibrary();

describe("Neo4j Browser guide (cypher/guide/kg-queries.html)", () => {
  it("should be what the query files make now (run npm run build:guide after changing a query)", async () => {
    expect(committed).toBe(await currentBrowserGuide());
  });

  it("should have a title, a contents slide, a style slide and one slide per query, and no script", () => {
    expect(text(all(doc, "title")[0]!)).toBe("kg 查询库 Query library");
    expect(slides).toHaveLength(library.length + 2);
    expect(committed).not.toMatch(/<script|\son[a-z]+=/i);
    const contents = all(slides[0]!, "li").map(text);
    expect(contents).toHaveLength(library.length);
  });

  it("should give every query its :params line, its Cypher exactly as in the file, and its :param examples, runnable", () => {
    for (const q of library) {
      const slide = slides.find((s) => all(s, "h3").some((h) => text(h).endsWith(`· ${q.name}`)));
      expect(slide, q.name).toBeDefined();
      const blocks = all(slide!, "pre")
        .filter((p) => (p.attribs?.class ?? "").split(" ").includes("runnable"))
        .map(text);
      expect(blocks, q.name).toEqual([...q.browserParams.filter((l) => l.startsWith(":params")), queryBody(q.cypher), ...q.browserParams.filter((l) => l.startsWith(":param "))]);
      // the body is the file without its comment header, and still uses every parameter it declares
      for (const p of q.params) expect(queryBody(q.cypher), `${q.name} $${p.name}`).toContain(`$${p.name}`);
    }
  });

  it("should load the style with one runnable :style command", () => {
    const style = readFileSync(join(CYPHER_DIR, "style.grass"), "utf8").trim();
    const blocks = all(slides[1]!, "pre").map(text);
    expect(blocks).toEqual([`:style ${style}`]);
  });
});
