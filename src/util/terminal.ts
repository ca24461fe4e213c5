/*
 * Text that reaches a terminal: file names, report text, theme labels, error messages and table
 * cells can hold raw control characters (an escape sequence can recolour or rewrite the screen, a
 * newline breaks the one-line rule), and URIs can hold credentials. Every human-readable line kg
 * prints goes through these helpers; JSON output is left to JSON.stringify's own escaping.
 */

/** C0 and C1 controls, DEL, and the invisible formatting characters that reorder or hide text (bidi overrides, line/paragraph separators). */
// eslint-disable-next-line no-control-regex
const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069\ufeff]/g;
// eslint-disable-next-line no-control-regex
const UNSAFE_BUT_NEWLINE = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069\ufeff]/g;

const NAMED: Record<string, string> = { "\n": "\\n", "\r": "\\r", "\t": "\\t" };

function escapeOne(ch: string): string {
  const named = NAMED[ch];
  if (named) return named;
  const code = ch.charCodeAt(0);
  return code <= 0xff ? `\\x${code.toString(16).padStart(2, "0")}` : `\\u${code.toString(16).padStart(4, "0")}`;
}

/**
 * One value made safe for one line of a terminal: control and invisible formatting characters,
 * newlines included, become visible escapes (`\n`, `\x1b`, `\u202e`).
 * @example safeText("a\u001b[2Jb\nc") // "a\x1b[2Jb\nc" with literal backslashes
 */
export function safeText(value: unknown): string {
  return redactUriCredentials(String(value)).replace(UNSAFE, escapeOne);
}

/** A block of several lines made safe: like safeText, but the line breaks kg itself wrote stay. */
export function safeLines(text: string): string {
  return redactUriCredentials(text).replace(UNSAFE_BUT_NEWLINE, escapeOne);
}

/**
 * A URI without its user information: `bolt://neo4j:secret@host:7687` → `bolt://***@host:7687`.
 * Also applied inside longer text (driver messages quote the URI they were given).
 */
export function redactUri(uri: string): string {
  return redactUriCredentials(uri);
}

// scheme://userinfo@ — userinfo is anything up to the first "@" before a "/", whitespace or quote.
const USERINFO = /\b([a-z][a-z0-9+.-]*:\/\/)[^\s/@"'<>]+@/gi;

function redactUriCredentials(text: string): string {
  return text.includes("@") ? text.replace(USERINFO, "$1***@") : text;
}

/** "1 document", "3 documents": a count with its word, for messages. */
export function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? "" : "s"}`;
}
