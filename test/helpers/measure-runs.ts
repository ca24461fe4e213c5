/*
 * Test helper: the runs of measures as the shapes read them. Shapes inline-measures and prescriptive-list
 * take a run of measures (「要A，B，C」) and state one measure per element when each element is a measure
 * (src/classify/shapes/measure-elements.ts); tests of how a run is found read the run back from its
 * elements: the source from the first element's start to the last one's end. Statements of no split run
 * are returned as they are.
 */
import type { Statement } from "../../src/types.ts";

/** Texts of the measures, the elements of one split run read back as that run (source = the document's text). */
export function measureRuns(statements: Statement[], source: string): string[] {
  const out: string[] = [];
  let run = null as { key: string; start: number; end: number } | null;
  const flush = (): void => {
    if (run) out.push(source.slice(run.start, run.end));
    run = null;
  };
  for (const s of statements) {
    if (s.kind !== "measure") continue;
    const detail = s.rules?.[0]?.detail ?? "";
    const m = /^measure (\d+)\/\d+ of (.*)$/.exec(detail);
    if (!m) {
      flush();
      out.push(s.text);
      continue;
    }
    const key = `${s.rules?.[0]?.id}|${s.line}|${m[2]}`;
    if (m[1] === "1" || run?.key !== key) {
      flush();
      run = { key, start: s.textSpan.start, end: s.textSpan.end };
    } else run.end = s.textSpan.end;
  }
  flush();
  return out;
}
