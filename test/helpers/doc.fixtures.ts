/*
 * Test helper: a NormalisedDocument for a text that needs no normalisation (simplified, no page
 * chrome), so segment/outline/classify can be tested without the normalise stage.
 */
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";

import type { Line, NormalisedDocument } from "../../src/types.ts";

/** Wrap a plain text as a normalised document with no noise. */
export function plainDoc(text: string, path = "fixture.txt"): NormalisedDocument {
  const lines: Line[] = [];
  let offset = 0;
  text.split("\n").forEach((l, i) => {
    lines.push({ number: i + 1, start: offset, end: offset + l.length });
    offset += l.length + 1;
  });
  return { source: { path, sha256: "0".repeat(64), encoding: "utf-8", text }, text, lines, noise: [] };
}

/** Read a fixture report from test/fixtures/reports. */
export function fixtureText(name: string): string {
  return readFileSync(fileURLToPath(new URL(`../fixtures/reports/${name}`, import.meta.url)), "utf8");
}
