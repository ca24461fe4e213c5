/*
 * Shape checks for the evaluator's JSON inputs (a prediction and a gold file). They check what scoring
 * reads, accept extra fields, and throw a UsageError with a one-line message naming the first bad field.
 */
import { UsageError } from "../errors.ts";
import type { ExtractionJson, GoldFile } from "./types.ts";

type Check = (value: unknown, path: string) => void;

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);

function fail(what: string, path: string, expected: string): never {
  throw new UsageError(`eval: invalid ${what}: ${path} should be ${expected}.`);
}

function checker(what: string) {
  const object = (v: unknown, path: string): Record<string, unknown> => (isObject(v) ? v : fail(what, path, "an object"));
  const field = (o: Record<string, unknown>, key: string, path: string, type: "string" | "number", optional = false): void => {
    const v = o[key];
    if (v === undefined && optional) return;
    if (typeof v !== type) fail(what, `${path}.${key}`, `a ${type}`);
  };
  const list = (o: Record<string, unknown>, key: string, path: string, each: Check, optional = true): void => {
    const v = o[key];
    if (v === undefined && optional) return;
    if (!Array.isArray(v)) fail(what, `${path}.${key}`, "an array");
    v.forEach((item, i) => each(item, `${path}.${key}[${i}]`));
  };
  return { object, field, list };
}

/** Check that a parsed JSON value is a schemaVersion 1 `kg extract --json` document. */
export function parseExtractionJson(value: unknown): ExtractionJson {
  const { object, field, list } = checker("prediction");
  const root = object(value, "(root)");
  if (root.schemaVersion !== 1) fail("prediction", "schemaVersion", "1");
  list(root, "documents", "(root)", (d, path) => {
    const doc = object(d, path);
    field(doc, "path", path, "string");
    list(doc, "reports", path, (r, rpath) => {
      const report = object(r, rpath);
      field(report, "startLine", rpath, "number");
      list(report, "statements", rpath, (s, spath) => {
        const st = object(s, spath);
        for (const key of ["id", "kind", "text"]) field(st, key, spath, "string");
        field(st, "line", spath, "number", true);
      });
      list(report, "links", rpath, (l, lpath) => field(object(l, lpath), "type", lpath, "string"));
      for (const key of ["organisations", "mechanisms", "slogans"]) {
        list(report, key, rpath, (n, npath) => field(object(n, npath), "name", npath, "string"));
      }
      list(report, "figures", rpath, (f, fpath) => field(object(f, fpath), "line", fpath, "number"));
    }, false);
  }, false);
  return root as ExtractionJson;
}

/** Check that a parsed JSON value is a gold file (seed.gold.json shape). */
export function parseGoldFile(value: unknown): GoldFile {
  const { object, field, list } = checker("gold");
  const root = object(value, "(root)");
  field(root, "source", "(root)", "string");
  list(root, "reports", "(root)", (r, rpath) => {
    const report = object(r, rpath);
    field(report, "id", rpath, "string");
    field(report, "start_line", rpath, "number");
    for (const key of ["problems", "measures"]) {
      list(report, key, rpath, (s, spath) => {
        const st = object(s, spath);
        for (const k of ["id", "quote", "theme"]) field(st, k, spath, "string");
      });
    }
    for (const key of ["links", "possible_links"]) {
      list(report, key, rpath, (l, lpath) => {
        const link = object(l, lpath);
        field(link, "problem", lpath, "string");
        field(link, "measure", lpath, "string");
      });
    }
    for (const key of ["organisations", "mechanisms"]) {
      list(report, key, rpath, (n, npath) => field(object(n, npath), "name", npath, "string"));
    }
    list(report, "figures", rpath, (f, fpath) => field(object(f, fpath), "line", fpath, "number"));
  }, false);
  return root as GoldFile;
}
