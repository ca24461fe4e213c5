/*
 * Reads the project's Cypher files (cypher/ at the repository root) by name, e.g. "schema" or
 * "load/merge-nodes" or "queries/top-problems". All Cypher text lives in those files; code only
 * fills the few {{placeholders}} that must be labels or types, from whitelists.
 */
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";

/** Folder of the .cypher files. */
export const CYPHER_DIR = fileURLToPath(new URL("../../../cypher/", import.meta.url));

const cache = new Map<string, string>();

/** The text of cypher/<name>.cypher (cached). Throws if the name leaves the folder. */
export function readCypher(name: string): string {
  if (!/^[a-z0-9][a-z0-9/_-]*$/i.test(name) || name.includes("..")) {
    throw new Error(`readCypher: "${name}" is not a Cypher file name (letters, digits, - _ /).`);
  }
  let text = cache.get(name);
  if (text === undefined) {
    text = readFileSync(`${CYPHER_DIR}${name}.cypher`, "utf8");
    cache.set(name, text);
  }
  return text;
}

/** Split a file of several statements on the `;` that ends a line; drops `//` comment lines. */
export function splitStatements(text: string): string[] {
  const code = text
    .split("\n")
    .filter((line) => !line.trimStart().startsWith("//"))
    .join("\n");
  return code
    .split(/;[ \t]*(?:\n|$)/)
    .map((s) => s.trim())
    .filter((s) => s.length > 0);
}

/**
 * Fill {{name}} placeholders with identifiers that the caller took from a whitelist. Each value must
 * be a plain identifier; it is back-quoted in the result.
 */
export function fillTemplate(text: string, values: Record<string, string>): string {
  return text.replace(/\{\{(\w+)\}\}/g, (_m, name: string) => {
    const value = values[name];
    if (value === undefined) throw new Error(`fillTemplate: no value for {{${name}}}.`);
    if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(value)) throw new Error(`fillTemplate: "${value}" is not an identifier.`);
    return `\`${value}\``;
  });
}
