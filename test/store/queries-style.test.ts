/*
 * cypher/style.grass, read the way Neo4j Browser reads a GraSS file (selector { key: value; … },
 * single-quoted captions, no comments): every label and relationship type gets a colour and a caption.
 */
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";

import { describe, expect, it } from "vitest";

import { NODE_LABELS, REL_TYPES } from "../../src/graph/schema.ts";

const STYLE = readFileSync(fileURLToPath(new URL("../../cypher/style.grass", import.meta.url)), "utf8");

/**
 * selector → properties, read the way Browser's GraSS parser reads them: `'` toggles a string (and is
 * dropped), braces outside strings open and close a rule, ';' separates properties, the first ':' splits one.
 */
function parseGrass(text: string): Map<string, Record<string, string>> {
  const raw = new Map<string, string>();
  let inString = false;
  let inProps = false;
  let selector = "";
  let body = "";
  for (const ch of text) {
    if (ch === "'") {
      inString = !inString;
      continue;
    }
    if (!inString && ch === "{") {
      inProps = true;
      continue;
    }
    if (!inString && ch === "}") {
      raw.set(selector, body);
      inProps = false;
      selector = "";
      body = "";
      continue;
    }
    if (inProps) body += ch;
    else if (!/\s/.test(ch)) selector += ch;
  }
  const rules = new Map<string, Record<string, string>>();
  for (const [sel, props] of raw) {
    const parsed: Record<string, string> = {};
    for (const prop of props.split(";")) {
      const [key, value, ...rest] = prop.split(":");
      if (!key?.trim() || value === undefined) continue;
      expect(rest, `${sel} ${key}: a ':' in a value is cut off by Browser`).toEqual([]);
      parsed[key.trim()] = value.trim();
    }
    rules.set(sel, parsed);
  }
  return rules;
}

const rules = parseGrass(STYLE);

describe("cypher/style.grass", () => {
  it("should have no comments, which Browser's GraSS parser would read as part of a selector", () => {
    expect(STYLE).not.toMatch(/\/\*|\/\//);
    for (const selector of rules.keys()) expect(selector).toMatch(/^(node|relationship)(\.[A-Za-z_]+)?$/);
  });

  it("should quote every caption in single quotes, as Browser writes them", () => {
    const captions = [...STYLE.matchAll(/caption:\s*(.*?);/g)].map((m) => m[1]);
    expect(captions.length).toBeGreaterThanOrEqual(NODE_LABELS.length + REL_TYPES.length);
    for (const c of captions) expect(c).toMatch(/^'[^']*'$/);
  });

  it("should give every node label its own colour and a caption from a property", () => {
    const colours = new Set<string>();
    for (const label of NODE_LABELS) {
      const props = rules.get(`node.${label}`);
      expect(props, label).toBeDefined();
      expect(props?.color, label).toMatch(/^#[0-9A-Fa-f]{6}$/);
      expect(props?.caption, label).toMatch(/\{\w+\}/);
      colours.add(props?.color?.toUpperCase() ?? "");
    }
    expect(colours.size).toBe(NODE_LABELS.length);
  });

  it("should caption themes by their short caption and count, entities by name, statements by text and figures by what they count", () => {
    for (const label of ["Problem", "Measure"]) expect(rules.get(`node.${label}`)?.caption).toBe("{caption} {reportCount}");
    for (const label of ["Mechanism", "Organisation", "Report"]) expect(rules.get(`node.${label}`)?.caption).toBe("{name}");
    expect(rules.get("node.Statement")?.caption).toBe("{text}");
    expect(rules.get("node.Figure")?.caption).toContain("{what}");
  });

  it("should never mix <type> or <id> with {property} in one caption (Browser then prints '<type>' literally)", () => {
    for (const [selector, props] of rules) {
      const caption = props.caption ?? "";
      expect(/<(type|id)>/.test(caption) && /\{\w+\}/.test(caption), selector).toBe(false);
    }
  });

  it("should draw themes larger than statements", () => {
    const size = (label: string) => Number.parseFloat(rules.get(`node.${label}`)?.diameter ?? "0");
    expect(size("Problem")).toBeGreaterThan(size("Statement"));
    expect(size("Measure")).toBeGreaterThan(size("Statement"));
    expect(size("Problem")).toBeGreaterThanOrEqual(size("Report"));
  });

  it("should style and caption every relationship type", () => {
    for (const type of REL_TYPES) {
      const props = rules.get(`relationship.${type}`);
      expect(props?.caption, type).toBe("<type>");
      expect(props?.color, type).toMatch(/^#[0-9A-Fa-f]{6}$/);
    }
  });
});
