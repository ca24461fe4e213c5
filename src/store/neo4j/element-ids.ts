/*
 * The element id the database gave each node of the graph, by the node's number (graph/held.ts nodeNumbering), for
 * kg import's sync (sync-graph.ts): relationships are created between nodes found by element id. At 100 MB of
 * reports that is 750,000 nodes; held as a map of key strings to id strings it took over 100 MB while the
 * relationships were written. An id of the form <prefix><decimal>, whose prefix is the first id's ("4:<database
 * id>:" on Neo4j 5), is held as its number; any other id is held as given, so that every id is given back exactly.
 */
import type { Numbering } from "../../graph/held.ts";

/** The largest decimal held as a number: 15 digits, below 2^53, so that String(number) gives the digits back. */
const DIGITS = /^(?:0|[1-9]\d{0,14})$/;

export class ElementIds {
  private prefix: string | null = null;
  /** Per node number, the id's decimal after `prefix`; NaN: none (or held in `others`). */
  private readonly numbers: Float64Array;
  private readonly others = new Map<number, string>();

  constructor(private readonly nodes: Numbering) {
    this.numbers = new Float64Array(nodes.size).fill(Number.NaN);
  }

  /** Note the element id of the node at `key`; a key the graph does not have is not kept (nothing asks for it). */
  set(key: string, id: string): void {
    const n = this.nodes.numberOf(key);
    if (n === undefined) return;
    const cut = id.lastIndexOf(":") + 1;
    const digits = id.slice(cut);
    this.prefix ??= id.slice(0, cut);
    if (cut === this.prefix.length && id.startsWith(this.prefix) && DIGITS.test(digits)) {
      this.numbers[n] = Number(digits);
      this.others.delete(n);
    } else {
      this.numbers[n] = Number.NaN;
      this.others.set(n, id);
    }
  }

  /** The element id noted for the node at `key`; undefined for none. */
  get(key: string): string | undefined {
    const n = this.nodes.numberOf(key);
    if (n === undefined) return undefined;
    const number = this.numbers[n]!;
    return Number.isNaN(number) ? this.others.get(n) : `${this.prefix}${number}`;
  }

  /** Whether an id is noted for the node at `key` (without making the id's string). */
  has(key: string): boolean {
    const n = this.nodes.numberOf(key);
    return n !== undefined && this.hasAt(n);
  }

  /** Whether an id is noted for the node numbered `n`. */
  hasAt(n: number): boolean {
    return !Number.isNaN(this.numbers[n]!) || this.others.has(n);
  }

  /** Forget every id (a read retried from its start). */
  clear(): void {
    this.numbers.fill(Number.NaN);
    this.others.clear();
    this.prefix = null;
  }
}
