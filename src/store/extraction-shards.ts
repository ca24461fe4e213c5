/*
 * `kg import --from-extraction a.json b.json …`: the documents of `kg extract --json` outputs
 * (shared/contracts/extraction-json.md), produced on any number of machines, as extraction results
 * again. Each document of such a file carries its extraction record (`record`, the same JSON that the
 * graph file and Neo4j keep on Document nodes), from which kg rebuilds it; themes, links and
 * recurrence are recomputed by the import over everything, as for any import, so merging shards in
 * any order, in one import or several, gives the graph of one import of all the reports.
 *
 * Every file is read and checked before anything is written: a file that is not such a JSON, or one
 * from a kg that did not write records, fails with an InputError naming it, and nothing is imported.
 */
import { readFileSync } from "node:fs";

import { InputError } from "../errors.ts";
import { documentFromRecord } from "../graph/records.ts";
import type { DocumentExtraction } from "../types.ts";
import { safeText } from "../util/terminal.ts";

/** The schemaVersion of `kg extract --json` this reads. */
const SCHEMA_VERSION = 1;

interface ShardDocument {
  path: string;
  sha256: string;
  encoding: string;
  record: string;
}

/**
 * Read extraction JSON files into documents, in a deterministic order (by path) whatever the order of
 * the files. A document found in several files with the same bytes is taken once; the same path with
 * different bytes in two files is an error (which one is meant cannot be told).
 * @example const documents = readExtractionShards(["a.json", "b.json"]);
 */
export function readExtractionShards(files: readonly string[]): DocumentExtraction[] {
  const byPath = new Map<string, { doc: ShardDocument; file: string }>();
  for (const file of files) {
    for (const doc of readShard(file)) {
      const seen = byPath.get(doc.path);
      if (seen && seen.doc.sha256 !== doc.sha256) {
        throw new InputError(
          `import: ${safeText(doc.path)} is in ${safeText(seen.file)} and in ${safeText(file)} with different contents; ` +
            "extract it once (or give only one of the two files). Nothing was imported.",
        );
      }
      if (!seen) byPath.set(doc.path, { doc, file });
    }
  }
  return [...byPath.values()]
    .sort((a, b) => (a.doc.path < b.doc.path ? -1 : a.doc.path > b.doc.path ? 1 : 0))
    .map(({ doc, file }) => {
      try {
        return documentFromRecord(doc);
      } catch (err) {
        throw new InputError(`import: ${safeText(file)}: ${(err as Error).message.replace(/^graph: /, "")} Nothing was imported.`, { cause: err });
      }
    });
}

/** The documents of one file, checked; an InputError naming the file otherwise. */
function readShard(file: string): ShardDocument[] {
  const fail = (why: string): never => {
    throw new InputError(`import: ${safeText(file)} is not the output of \`kg extract --json\` (${why}). Nothing was imported.`);
  };
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch (err) {
    throw new InputError(`import: cannot read ${safeText(file)} (${(err as NodeJS.ErrnoException).code ?? String(err)}). Nothing was imported.`);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return fail("not JSON");
  }
  if (typeof json !== "object" || json === null || Array.isArray(json)) return fail("not a JSON object");
  const { schemaVersion, documents } = json as { schemaVersion?: unknown; documents?: unknown };
  if (schemaVersion === undefined) return fail("no schemaVersion");
  if (schemaVersion !== SCHEMA_VERSION) return fail(`schemaVersion ${JSON.stringify(schemaVersion)}, this kg reads ${SCHEMA_VERSION}`);
  if (!Array.isArray(documents)) return fail("no documents list");
  return documents.map((d: unknown, i) => {
    const doc = d as Partial<Record<keyof ShardDocument, unknown>> | null;
    for (const field of ["path", "sha256", "encoding"] as const) {
      if (typeof doc?.[field] !== "string") fail(`document ${i + 1} has no ${field}`);
    }
    if (typeof doc?.record !== "string") {
      throw new InputError(
        `import: ${safeText(file)}: document ${safeText(String(doc?.path))} has no extraction record (written by an older kg?): ` +
          "run `kg extract --json` again with this kg. Nothing was imported.",
      );
    }
    return doc as ShardDocument;
  });
}
