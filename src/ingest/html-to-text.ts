/*
 * HTML → plain text for scraped pages and mammoth's Word output: drops scripts, styles, the
 * page head and navigation-like elements, turns block elements into line breaks, collapses
 * whitespace the way a browser shows it (no space between Chinese characters) and decodes entities.
 */
import rules from "./html-rules.json" with { type: "json" };

const RAW_TEXT = /<(script|style|noscript|template|textarea|svg|math|head)\b[^>]*>[\s\S]*?<\/\1\s*>/gi;
const COMMENT = /<!--[\s\S]*?-->|<!\[CDATA\[[\s\S]*?\]\]>|<![^>]*>|<\?[^>]*>/g;
const TAG = /<(\/?)([a-zA-Z][\w:-]*)((?:\s+[^\s"'>/=]+(?:\s*=\s*(?:"[^"]*"|'[^']*'|[^\s"'>]+))?)*)\s*(\/?)>/g;

const BLOCK = new Set(rules.blockElements);
const SKIP = new Set(rules.skipElements);
const NAV_ROLES = new Set(rules.navigationRoles);
const NAV_TOKENS = new Set(rules.navigationClassTokens);
const NEVER_SKIP = new Set(["html", "body", "main", "article"]);
const VOID = new Set(["br", "hr", "img", "input", "meta", "link", "area", "base", "col", "embed", "source", "wbr"]);

/** Extract readable text from an HTML document or fragment, one block per line. */
export function htmlToText(html: string): string {
  const cleaned = html.replace(COMMENT, "").replace(RAW_TEXT, "\n");
  return tidyLines(walkTags(cleaned));
}

/**
 * One pass over the tags, emitting text and line breaks and skipping chrome elements. A skipped
 * element that never closes (sloppy markup) would swallow the rest of the page, so the walk then
 * goes back to it and keeps it instead.
 */
function walkTags(html: string): string {
  const keep = new Set<number>(); // offsets of chrome tags that turned out unclosed
  const tag = new RegExp(TAG.source, "g");
  const parts: string[] = [];
  let skip: { name: string; depth: number; at: number; parts: number } | null = null;
  let cellDepth = 0;
  let last = 0;
  for (;;) {
    const m = tag.exec(html);
    if (!m) {
      if (!skip) break;
      keep.add(skip.at); // unclosed: rewind and keep it
      parts.length = skip.parts;
      tag.lastIndex = skip.at;
      last = skip.at;
      skip = null;
      continue;
    }
    const closing = m[1] === "/";
    const name = m[2]!.toLowerCase();
    const selfClosing = m[4] === "/" || VOID.has(name);
    if (!skip) parts.push(collapseText(html.slice(last, m.index)));
    last = m.index + m[0].length;
    if (skip) {
      if (name === skip.name && !selfClosing) skip.depth += closing ? -1 : 1;
      if (skip.depth === 0) skip = null;
      continue;
    }
    if (!closing && !selfClosing && !keep.has(m.index) && isNavigation(name, m[3] ?? "")) {
      skip = { name, depth: 1, at: m.index, parts: parts.length };
      continue;
    }
    if (name === "td" || name === "th") {
      cellDepth = Math.max(0, cellDepth + (closing ? -1 : 1));
      parts.push(" ");
    } else if (name === "br" || BLOCK.has(name)) {
      // Paragraphs inside a table cell (Word puts one in every cell) keep the row on one line.
      parts.push(cellDepth > 0 && name !== "tr" && name !== "table" ? " " : "\n");
    }
  }
  parts.push(collapseText(html.slice(last)));
  return parts.join("");
}

/** True for elements that hold site chrome: nav/header/footer/aside, or a navigation role/class/id. */
function isNavigation(name: string, attributes: string): boolean {
  if (SKIP.has(name)) return true;
  if (!attributes || NEVER_SKIP.has(name)) return false;
  const role = /\brole\s*=\s*["']?([\w-]+)/i.exec(attributes)?.[1]?.toLowerCase();
  if (role && NAV_ROLES.has(role)) return true;
  for (const m of attributes.matchAll(/\b(?:class|id)\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'>]+))/gi)) {
    const value = (m[1] ?? m[2] ?? m[3] ?? "").toLowerCase();
    for (const token of value.split(/[\s_-]+/)) if (NAV_TOKENS.has(token)) return true;
  }
  return false;
}

/** Collapse whitespace like a browser; a line break between two CJK characters disappears. */
function collapseText(raw: string): string {
  if (raw === "") return "";
  const collapsed = raw.replace(/[ \t\r\n\f]+/g, (run: string, at: number) => {
    const joinsCjk = /[\r\n]/.test(run) && isCjk(raw[at - 1]) && isCjk(raw[at + run.length]);
    return joinsCjk ? "" : " ";
  });
  return decodeEntities(collapsed);
}

function isCjk(ch: string | undefined): boolean {
  return ch !== undefined && /[\u2E80-\u9FFF\uF900-\uFAFF\uFF00-\uFFEF\u3000-\u303F]/.test(ch);
}

/** Trim every line (indentation by &nbsp; or ideographic spaces), merge space runs, drop empty lines. */
function tidyLines(text: string): string {
  return text
    .split("\n")
    .map((line) => line.replace(/^[\s\u00A0\u3000]+|[\s\u00A0\u3000]+$/g, "").replace(/ {2,}/g, " "))
    .filter((line) => line !== "")
    .join("\n");
}

const NAMED: Record<string, string> = rules.namedEntities;

/** Decode named (common set) and numeric character references; unknown names stay as written. */
export function decodeEntities(text: string): string {
  if (!text.includes("&")) return text;
  return text.replace(/&(#[xX][0-9a-fA-F]+|#\d+|[a-zA-Z][a-zA-Z0-9]*);?/g, (all, ref: string) => {
    if (ref.startsWith("#")) {
      const code = ref[1] === "x" || ref[1] === "X" ? parseInt(ref.slice(2), 16) : parseInt(ref.slice(1), 10);
      return Number.isFinite(code) && code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : all;
    }
    return NAMED[ref] ?? NAMED[ref.toLowerCase()] ?? all;
  });
}
