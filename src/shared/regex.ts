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

/** Characters with a meaning of their own in a regex source (outside a class). */
const SPECIAL = new Set("\\^$.|?*+()[]{}");

/**
 * Literals one of which every match of a regex source (compiled with flags from `u`, `s`, `m` only: no `i`)
 * starts with, so that a text holding none of them cannot match: the plain characters that open each of its
 * top-level alternatives (a character a quantifier makes optional left out), or, where an alternative opens
 * with a group (capturing, named or not) that no quantifier makes optional, those of the group's alternatives,
 * read the same way. Null when an alternative opens with anything else (a class, an escape, an anchor, a
 * lookaround, a `.`), or can match the empty string.
 * @example requiredStarts("(党员.{0,6}发展|发展.{0,4}党员).{0,8}(缓慢|滞后)") // ["党员", "发展"]
 */
export function requiredStarts(source: string): string[] | null {
  const out: string[] = [];
  for (const alt of topLevelAlternatives(source)) {
    if (alt.startsWith("(")) {
      // A lookaround ("(?=", "(?!", "(?<=", "(?<!") or a flag group: nothing certain.
      const body = alt.startsWith("(?:") ? 3 : alt.startsWith("(?<") && alt[3] !== "=" && alt[3] !== "!" ? alt.indexOf(">") + 1 : alt.startsWith("(?") ? -1 : 1;
      const close = closingParen(alt);
      if (body <= 0 || close < 0 || "?*{".includes(alt[close + 1] ?? "x")) return null;
      const inner = requiredStarts(alt.slice(body, close));
      if (inner === null) return null;
      for (const literal of inner) out.push(literal);
      continue;
    }
    let end = 0;
    while (end < alt.length && !SPECIAL.has(alt[end]!)) end++;
    // "ab?c": b may be absent, so only "a" is certain (a + keeps its character).
    if (end < alt.length && "?*{".includes(alt[end]!)) {
      end--;
      // The optional character is a whole code point (an astral one is two code units).
      if (end > 0 && /[\uD800-\uDBFF]/.test(alt[end - 1]!)) end--;
    }
    if (end <= 0) return null;
    out.push(alt.slice(0, end));
  }
  return out;
}

/** A regex source's top-level alternatives (split at the `|` outside groups and classes). */
function topLevelAlternatives(source: string): string[] {
  const alternatives: string[] = [];
  let from = 0;
  for (const [i, ch, depth] of structure(source)) {
    if (ch === "|" && depth === 0) (alternatives.push(source.slice(from, i)), (from = i + 1));
  }
  alternatives.push(source.slice(from));
  return alternatives;
}

/** The offset of the `)` closing the group that opens `source` (-1: none). */
function closingParen(source: string): number {
  for (const [i, ch, depth] of structure(source)) if (ch === ")" && depth === 0) return i;
  return -1;
}

/**
 * The characters of a regex source that shape it (neither escaped nor inside a class), each with its offset
 * and the group depth after it: `(` opens a group, `)` closes one.
 */
function* structure(source: string): Generator<[number, string, number]> {
  let depth = 0;
  let inClass = false;
  for (let i = 0; i < source.length; i++) {
    const ch = source[i]!;
    if (ch === "\\") i++;
    else if (inClass) inClass = ch !== "]";
    else if (ch === "[") inClass = true;
    else {
      if (ch === "(") depth++;
      else if (ch === ")") depth--;
      yield [i, ch, depth];
    }
  }
}
