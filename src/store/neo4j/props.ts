/*
 * Graph attributes → Neo4j property maps. Neo4j stores only primitives and homogeneous arrays of
 * primitives: null/undefined are dropped, whole numbers become Neo4j integers (not floats), and
 * anything else (objects, mixed arrays) is stored as a JSON string.
 */
import neo4j, { type Integer } from "neo4j-driver";

export type Neo4jValue = string | number | boolean | Integer | string[] | number[] | boolean[] | Integer[];
export type Neo4jProps = Record<string, Neo4jValue>;

/** Convert attributes to storable properties, leaving out the names in `exclude`. Keys are sorted. */
export function toNeo4jProps(attrs: Record<string, unknown>, exclude: readonly string[] = []): Neo4jProps {
  const props: Neo4jProps = {};
  for (const name of Object.keys(attrs).sort()) {
    if (exclude.includes(name)) continue;
    const value = toNeo4jValue(attrs[name]);
    if (value !== undefined) props[name] = value;
  }
  return props;
}

/** One attribute value as a Neo4j property value; undefined means "do not store". */
export function toNeo4jValue(value: unknown): Neo4jValue | undefined {
  if (value === null || value === undefined) return undefined;
  if (typeof value === "string" || typeof value === "boolean") return value;
  if (typeof value === "number") return toNumber(value);
  if (typeof value === "bigint") return neo4j.int(value.toString());
  if (Array.isArray(value)) return toArray(value);
  return JSON.stringify(value);
}

function toNumber(n: number): number | Integer {
  return Number.isSafeInteger(n) ? neo4j.int(n) : n;
}

function toArray(values: unknown[]): Neo4jValue {
  if (values.every((v) => typeof v === "string")) return values as string[];
  if (values.every((v) => typeof v === "boolean")) return values as boolean[];
  if (values.every((v) => typeof v === "number")) {
    const nums = values as number[];
    // One element type per array: all integers, or all floats.
    return nums.every((n) => Number.isSafeInteger(n)) ? nums.map((n) => neo4j.int(n)) : nums;
  }
  return JSON.stringify(values);
}
