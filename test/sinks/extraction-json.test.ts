import { describe, expect, it } from "vitest";

import { runPipeline } from "../../src/pipeline.ts";
import { extractionJsonChunks, toExtractionJson } from "../../src/sinks/extraction-json.ts";
import type { Extraction } from "../../src/types.ts";

// `kg extract --json` writes the document piece by piece; what it writes must be the text of the one
// JSON.stringify(…, null, 2) the contract describes, byte for byte.
describe("extractionJsonChunks", () => {
  const whole = (e: Extraction) => JSON.stringify(toExtractionJson(e), null, 2);
  const pieces = (e: Extraction) => [...extractionJsonChunks(e)];

  it("gives the text of the whole document, one piece per document, for several reports with themes and links", async () => {
    const extraction = await runPipeline(["seeds/000_d566339e5b9149bf.txt", "test/fixtures/reports"], { jobs: 1 });
    expect(extraction.documents.length).toBeGreaterThan(2);
    expect(extraction.themes.length).toBeGreaterThan(0);
    const out = pieces(extraction);
    expect(out.join("")).toBe(whole(extraction));
    // A piece per document and per theme, plus the head, the end of the documents, the start of the themes and the tail:
    // no piece holds two documents or two themes.
    expect(out.length).toBe(extraction.documents.length + extraction.themes.length + 4);
    expect(out.some((p) => p.includes('"statementIds"') && p.indexOf('"statementIds"') !== p.lastIndexOf('"statementIds"'))).toBe(false);
    JSON.parse(out.join(""));
  });

  it("writes empty lists as the whole document does", () => {
    const empty: Extraction = { documents: [], themes: [], assignments: {}, diagnostics: [] };
    expect(pieces(empty).join("")).toBe(whole(empty));
    expect(pieces(empty).join("")).toBe('{\n  "schemaVersion": 1,\n  "documents": [],\n  "themes": []\n}');
  });

  it("writes a theme whose statements are all left out, and one with an empty list, as the whole document does", () => {
    const themes: Extraction["themes"] = [
      { id: "cb:a", kind: "problem", label: "甲\n乙", source: "codebook:a", statementIds: ["s1", "s2"], reportIds: ["r1"] },
      { id: "c:b", kind: "measure", label: "丙", source: "cluster", statementIds: [], reportIds: [] },
    ];
    const extraction: Extraction = { documents: [], themes, assignments: {}, diagnostics: [] };
    expect(pieces(extraction).join("")).toBe(whole(extraction));
  });

  it("keeps line breaks inside strings escaped (no indentation lands inside a value)", async () => {
    const extraction = await runPipeline(["test/fixtures/reports"], { jobs: 1 });
    const doc = extraction.documents[0]!;
    doc.document.source = { ...doc.document.source, path: "a\nb\n  c.txt" };
    const text = pieces(extraction).join("");
    expect(text).toBe(whole(extraction));
    expect((JSON.parse(text) as { documents: { path: string }[] }).documents[0]!.path).toBe("a\nb\n  c.txt");
  });
});
