/*
 * kg import's documents in a temporary file while the graph file is made (issue 12, peak memory). Each document
 * is written as it arrives, as one JSON line holding what the graph and its extraction record read of it (its
 * source without the annotations, its reports without outline and links, its metadata), and read back one at a
 * time, by its place, when the graph is built and when the graph file writes its record. The file is in
 * os.tmpdir(), removed by close(), at exit and on SIGINT/SIGTERM/SIGHUP (util/line-spool.ts).
 */
import type { DocumentExtraction, ReportExtraction } from "../types.ts";
import { LineSpool } from "../util/line-spool.ts";

/** A document as read back: what the graph (graph/build-graph.ts) and its record (graph/records.ts) read. */
export interface SpooledDocument {
  document: { source: { path: string; sha256: string; encoding: string; text: string } };
  reports: Omit<ReportExtraction, "outline" | "links">[];
  metadata?: DocumentExtraction["metadata"];
}

/** Documents in a temporary file, written in order and read back by place. */
export class DocumentSpool {
  private readonly lines = new LineSpool({ command: "kg import", prefix: "kg-import-", room: "about five times the size of the reports" });
  readonly dir = this.lines.dir;

  /** Documents written. */
  get length(): number {
    return this.lines.length;
  }

  /** Write a document; returns its place. */
  write(doc: SpooledDocument | DocumentExtraction): number {
    const { path, sha256, encoding, text } = doc.document.source;
    const line: SpooledDocument = {
      document: { source: { path, sha256, encoding, text } },
      reports: doc.reports.map((r) => {
        const { outline: _o, links: _l, ...rest } = r as ReportExtraction;
        return rest;
      }),
      ...(doc.metadata ? { metadata: doc.metadata } : {}),
    };
    return this.lines.write(line);
  }

  /** The document at `place`, read back. */
  read(place: number): SpooledDocument {
    return JSON.parse(this.lines.read(place)) as SpooledDocument;
  }

  /** Remove the temporary file (idempotent). */
  close(): void {
    this.lines.close();
  }
}
