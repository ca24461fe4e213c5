/*
 * Regex helpers for hot loops.
 */

/**
 * The matches of a global regex in a text, as `text.matchAll(re)` gives them (from `re.lastIndex`, an
 * empty match steps one character on), without the copy of the regex that matchAll makes on every call:
 * for a large compiled regex run over many short texts, that copy costs more than the search. `re` is
 * left as it was found (its lastIndex restored), even when the loop stops early or the regex is used
 * inside it.
 * @example for (const m of matchesOf(LIST_RE, line)) …
 */
export function* matchesOf(re: RegExp, text: string): Generator<RegExpExecArray, void, undefined> {
  if (!re.global) throw new TypeError("matchesOf needs a global regex");
  const saved = re.lastIndex;
  let at = saved;
  try {
    for (;;) {
      re.lastIndex = at;
      const m = re.exec(text);
      if (m === null) return;
      at = re.lastIndex;
      if (m[0] === "") at = advance(text, at, re.unicode || re.flags.includes("v"));
      yield m;
    }
  } finally {
    re.lastIndex = saved;
  }
}

/** The index after `at`, by code point in unicode mode (AdvanceStringIndex). */
function advance(text: string, at: number, unicode: boolean): number {
  if (!unicode || at + 1 >= text.length) return at + 1;
  const cp = text.codePointAt(at)!;
  return at + (cp > 0xffff ? 2 : 1);
}
