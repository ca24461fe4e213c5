/*
 * HTML → plain text for scraped pages and mammoth's Word output: drops scripts, styles, the
 * page head and navigation-like elements, turns block elements into line breaks, collapses
 * whitespace the way a browser shows it (no space between Chinese characters) and decodes entities.
 *
 * Linear in the input on any markup: htmlparser2's tokenizer (one pass, no backtracking) feeds a
 * stack of open elements kept here with O(1) work per tag (htmlparser2's own Parser searches and
 * shifts its stack, which is quadratic on thousands of unclosed tags). An element to drop (chrome,
 * head, noscript …) is emitted like any other and cut back out when its own end tag arrives; one
 * that never closes (sloppy markup) would otherwise swallow the rest of the page, so it is kept.
 */
import { Tokenizer, type TokenizerCallbacks } from "htmlparser2";

import rules from "./html-rules.json" with { type: "json" };

const BLOCK = new Set(rules.blockElements);
const SKIP = new Set(rules.skipElements);
const NAV_ROLES = new Set(rules.navigationRoles);
const NAV_TOKENS = new Set(rules.navigationClassTokens);
const NEVER_SKIP = new Set(["html", "body", "main", "article"]);
/** Elements whose content is never text: dropped when closed (the tokenizer reads script/style/title as raw text). */
const RAW = new Set(["script", "style", "noscript", "template", "textarea", "svg", "math", "head"]);
const VOID = new Set(["br", "hr", "img", "input", "meta", "link", "area", "base", "col", "embed", "source", "wbr", "param", "track", "keygen"]);
/** The only attributes read (to recognise navigation). */
const READ_ATTRIBUTES = new Set(["role", "class", "id"]);

/** An open element: its name, whether its content goes when it closes, and where its output starts. */
interface Open {
  name: string;
  drop: boolean;
  at: number;
  closed: boolean;
}

/** Extract readable text from an HTML document or fragment, one block per line. */
export function htmlToText(html: string): string {
  return tidyLines(new TextCollector(html).run());
}

class TextCollector implements TokenizerCallbacks {
  private readonly parts: string[] = [];
  private readonly stack: Open[] = [];
  /** How many elements of each name are open, so an end tag without a start is ignored in O(1). */
  private readonly openCount = new Map<string, number>();
  /** Open <head> elements not yet ended by a <body>. */
  private heads: Open[] = [];
  private text: string[] = [];
  /** A dropped script/style/head … lies between the last output and the next text. */
  private gap = false;
  private tagName = "";
  private attrName = "";
  private attrValue = "";
  private attributes: Record<string, string> = {};

  constructor(private readonly html: string) {}

  run(): string {
    const tokenizer = new Tokenizer({ decodeEntities: false }, this);
    tokenizer.write(this.html);
    tokenizer.end();
    this.flushText();
    return this.parts.join("");
  }

  // --- text
  ontext(start: number, end: number): void {
    this.text.push(this.html.slice(start, end));
  }
  ontextentity(): void {}
  oncdata(): void {}
  oncomment(): void {}
  ondeclaration(): void {}
  onprocessinginstruction(): void {}
  onend(): void {}

  // --- tags
  onopentagname(start: number, end: number): void {
    this.flushText();
    this.tagName = this.html.slice(start, end).toLowerCase();
    this.attributes = {};
  }
  onattribname(start: number, end: number): void {
    this.attrName = this.html.slice(start, end).toLowerCase();
    this.attrValue = "";
  }
  onattribdata(start: number, end: number): void {
    if (READ_ATTRIBUTES.has(this.attrName)) this.attrValue += this.html.slice(start, end);
  }
  onattribentity(): void {}
  onattribend(): void {
    if (READ_ATTRIBUTES.has(this.attrName) && !(this.attrName in this.attributes)) this.attributes[this.attrName] = this.attrValue;
  }
  onopentagend(): void {
    this.open(this.tagName, false);
  }
  onselfclosingtag(): void {
    this.open(this.tagName, true);
  }
  onclosetag(start: number, end: number): void {
    this.flushText();
    const name = this.html.slice(start, end).toLowerCase();
    if ((this.openCount.get(name) ?? 0) > 0) {
      // Close everything opened inside it (their end tags are missing: kept), then the element itself.
      for (;;) {
        const top = this.stack.pop()!;
        this.count(top.name, -1);
        top.closed = true;
        if (top.name === name) {
          if (top.drop) return this.cut(top);
          break;
        }
      }
    }
    this.breakFor(name);
  }

  private open(name: string, selfClosing: boolean): void {
    if (name === "") return;
    const at = this.parts.length; // a dropped element takes its own line break with it
    this.breakFor(name);
    if (selfClosing || VOID.has(name)) return;
    const drop = RAW.has(name) || isNavigation(name, this.attributes);
    const entry: Open = { name, drop, at, closed: false };
    this.stack.push(entry);
    this.count(name, 1);
    if (name === "head") this.heads.push(entry);
    // An open <head> ends where <body> begins, end tag or not.
    if (name === "body") this.closeOpenHead();
  }

  /** Line break (or, inside a table cell, a space) for block elements, cells and <br>. */
  private breakFor(name: string): void {
    const inCell = (this.openCount.get("td") ?? 0) + (this.openCount.get("th") ?? 0) > 0;
    if (name === "td" || name === "th") this.parts.push(" ");
    else if (name === "br" || BLOCK.has(name)) {
      // Paragraphs inside a table cell (Word puts one in every cell) keep the row on one line.
      this.parts.push(inCell && name !== "tr" && name !== "table" ? " " : "\n");
    }
  }

  private closeOpenHead(): void {
    for (const entry of this.heads) {
      if (entry.closed || !entry.drop) continue;
      // Everything from <head> up to <body> was head content; from here on the element is kept.
      this.cut(entry);
      entry.drop = false;
    }
    this.heads = [];
  }

  /** Drop the output of a closed element; script, style, head … still separate the text around them like a line break. */
  private cut(entry: Open): void {
    this.parts.length = Math.min(this.parts.length, entry.at);
    if (RAW.has(entry.name)) this.gap = true;
  }

  private count(name: string, delta: number): void {
    this.openCount.set(name, (this.openCount.get(name) ?? 0) + delta);
  }

  private flushText(): void {
    if (this.text.length === 0) return;
    const raw = this.text.join("");
    this.text = [];
    if (this.gap) {
      // Like a line break in the text: nothing between two CJK characters, else a space.
      const before = this.parts[this.parts.length - 1];
      if (!(isCjk(before?.[before.length - 1]) && isCjk(raw[0]))) this.parts.push(" ");
      this.gap = false;
    }
    this.parts.push(collapseText(raw));
  }
}

/** True for elements that hold site chrome: nav/header/footer/aside, or a navigation role/class/id. */
function isNavigation(name: string, attributes: Record<string, string>): boolean {
  if (SKIP.has(name)) return true;
  if (NEVER_SKIP.has(name)) return false;
  const role = attributes.role?.trim().toLowerCase();
  if (role && NAV_ROLES.has(role.split(/\s+/)[0]!)) return true;
  for (const value of [attributes.class, attributes.id]) {
    if (!value) continue;
    for (const token of value.toLowerCase().split(/[\s_-]+/)) if (NAV_TOKENS.has(token)) return true;
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
