/*
 * One copy of each short string that recurs across documents. A document copied from a worker thread
 * (structured clone) holds its own copy of every string, so the same rule id, mention context, statement
 * kind, rule detail or organisation name is held once per occurrence; kept for thousands of documents
 * until the cross-report stages, those copies were a quarter of the strings held (src/isolate, issue 12).
 */

/** Strings longer than this are left alone: a statement's text, a quote, a document's text are seldom repeated. */
export const MAX_INTERNED = 80;

/** Properties whose strings are the text itself (long, rarely repeated): not looked at. */
const TEXT_KEYS = new Set(["text", "normText", "quote"]);

/** A table of strings shared by all the values it is given. */
export class StringInterner {
  private readonly table = new Map<string, string>();

  /** @param maxLength strings longer than this are left alone (MAX_INTERNED; Infinity for texts known to repeat). */
  constructor(private readonly maxLength = MAX_INTERNED) {}

  /** The table's copy of `s` (s itself the first time). */
  intern(s: string): string {
    if (s.length > this.maxLength) return s;
    const known = this.table.get(s);
    if (known !== undefined) return known;
    this.table.set(s, s);
    return s;
  }

  /**
   * Replace, in place, every short string held by `value` (plain objects and arrays, at any depth) with the
   * table's copy; the values compare equal before and after, only memory changes. Returns `value`.
   */
  internAll<T>(value: T): T {
    const walk = (v: unknown): void => {
      // A frozen value (a shared constant) is left as it is; what it holds is still looked at.
      const writable = !Object.isFrozen(v);
      if (Array.isArray(v)) {
        for (let i = 0; i < v.length; i++) {
          const x: unknown = v[i];
          if (typeof x === "string") {
            if (writable) v[i] = this.intern(x);
          } else if (x !== null && typeof x === "object") walk(x);
        }
      } else if (v !== null && typeof v === "object") {
        const o = v as Record<string, unknown>;
        for (const k in o) {
          const x = o[k];
          if (typeof x === "string") {
            if (writable && !TEXT_KEYS.has(k)) o[k] = this.intern(x);
          } else if (x !== null && typeof x === "object") walk(x);
        }
      }
    };
    walk(value);
    return value;
  }
}

/**
 * A statement's text and normalised text as the document's own characters when they are the same (a slice of
 * the text, which the graph's quotes hold anyway), not copies of their own: only memory changes.
 */
export function shareText(st: { text?: unknown; normText?: unknown; textSpan?: unknown }, text: string): void {
  const span = st.textSpan as { start?: unknown; end?: unknown } | undefined;
  if (typeof st.text === "string" && span && typeof span.start === "number" && typeof span.end === "number" && span.end - span.start === st.text.length) {
    const own = text.slice(span.start, span.end);
    if (own === st.text) st.text = own;
  }
  if (typeof st.normText === "string" && st.normText === st.text) st.normText = st.text;
}
