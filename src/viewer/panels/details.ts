/*
 * Side panel for the selected node: label, family, recurrence, the linked nodes grouped by kind
 * (measures proposed, causes, mechanisms, reports … never mixed), and the evidence, loaded on demand:
 * each quote inside its item's full text (the quoted span marked), with its report and line; a
 * mechanism's quotes are the sentences naming it and the problem or measure they belong to.
 */
import { describeNode } from "../model/details.ts";
import type { LinkedGroup } from "../model/details.ts";
import { NODE_CAPTIONS, NODE_COLORS } from "../model/style.ts";
import type { DisplayLabel, Evidence, ViewModel } from "../model/types.ts";
import { setSelectedNode, subscribe } from "../state.ts";
import type { State, ViewerContext } from "../state.ts";
import { clear, el } from "./dom.ts";

/** Most quotes drawn at once in the panel. */
export const MAX_QUOTES = 200;

/** Build the side panel; `onFocus` moves the camera to a node chosen in the panel. */
export function createDetailsPanel(ctx: ViewerContext, onFocus: (key: string) => void): { element: HTMLElement; cleanup: () => void } {
  const body = el("div", { className: "details-body" });
  const element = el("aside", { className: "panel details", attrs: { "data-testid": "details", "aria-label": "details" } }, [
    el("button", { className: "close", text: "×", attrs: { "aria-label": "close", type: "button" }, on: { click: () => setSelectedNode(ctx, null) } }),
    body,
  ]);
  let last: string | null = null;
  let lastEgo = ctx.state.ego;
  let linked: HTMLElement | null = null;
  const update = (state: State) => {
    if (state.selectedNode === last) {
      // Same node, its report links just came: list them.
      if (state.ego !== lastEgo && linked && state.selectedNode) fillLinked(ctx, linked, state.selectedNode, onFocus);
      lastEgo = state.ego;
      return;
    }
    last = state.selectedNode;
    lastEgo = state.ego;
    linked = render(ctx, state, body, onFocus);
    element.hidden = state.selectedNode === null;
  };
  element.hidden = true;
  update(ctx.state);
  return { element, cleanup: subscribe(ctx, update) };
}

/** The linked groups of a node (again, once its report links came). */
function fillLinked(ctx: ViewerContext, box: HTMLElement, key: string, onFocus: (key: string) => void): void {
  const details = describeNode(ctx.view, key);
  box.replaceChildren(...(details ? details.groups.map((g) => linkedSection(ctx, g, onFocus)) : []));
}

function render(ctx: ViewerContext, state: State, body: HTMLElement, onFocus: (key: string) => void): HTMLElement | null {
  clear(body);
  const details = state.selectedNode ? describeNode(ctx.view, state.selectedNode) : null;
  if (!details) return null;
  const linkedBox = el("div", { className: "linked-groups" }, details.groups.map((g) => linkedSection(ctx, g, onFocus)));
  const kind = details.kind as DisplayLabel;
  const evidence = el("ol", { className: "evidence", attrs: { "data-testid": "evidence", "aria-busy": "true" } }, [el("li", { className: "empty", text: "加载中 Loading…" })]);
  const heading = el("h3", { text: "证据 Evidence" });
  body.append(
    ...[
      el("p", { className: "kind", text: NODE_CAPTIONS[kind] ?? kind, attrs: { style: `color:${NODE_COLORS[kind] ?? "#333"}` } }),
      el("h2", { className: "node-label", text: details.label, attrs: { "data-testid": "details-label" } }),
      details.family ? el("p", { className: "family", text: `类别 family: ${details.family}` }) : null,
      el("p", { className: "recurrence", attrs: { "data-testid": "details-recurrence" } }, [
        kind === "Report" ? "报告 report" : `出现于 ${details.reportCount} 份报告 · recurrence ${details.reportCount}`,
      ]),
      details.isGap ? el("p", { className: "gap-badge", text: "尚无对策 No measure proposed for this problem" }) : null,
      linkedBox,
      el("section", {}, [heading, evidence]),
    ].filter((p): p is HTMLElement => p !== null),
  );
  const key = details.key;
  void ctx.view.details.evidence(key).then(
    (items) => {
      if (ctx.state.selectedNode !== key) return;
      heading.textContent = `证据 Evidence (${items.length})`;
      fillEvidence(evidence, items, ctx.view);
    },
    (err: unknown) => {
      evidence.replaceChildren(el("li", { className: "empty", text: `无法加载 Could not load: ${err instanceof Error ? err.message : String(err)}` }));
    },
  );
  return linkedBox;
}

function linkedSection(ctx: ViewerContext, group: LinkedGroup, onFocus: (key: string) => void): HTMLElement {
  const list = el("ul", { className: "linked", attrs: { "data-testid": `linked-${group.id}` } });
  for (const node of group.nodes.slice(0, 100)) {
    const button = el("button", { className: "link", attrs: { type: "button", "data-key": node.key } }, [
      el("span", { className: "dot", attrs: { style: `background:${NODE_COLORS[node.kind as DisplayLabel] ?? "#999"}` } }),
      node.label,
      el("span", { className: "count", text: ` ×${node.reportCount}` }),
    ]);
    button.addEventListener("click", () => {
      setSelectedNode(ctx, node.key);
      onFocus(node.key);
    });
    list.append(el("li", {}, [button]));
  }
  if (group.nodes.length > 100) list.append(el("li", { className: "empty", text: `… ${group.nodes.length - 100} more` }));
  return el("section", { attrs: { "data-testid": "details-linked" } }, [el("h3", { text: `${group.title} (${group.nodes.length})` }), list]);
}

/** Fill a list with evidence items. */
export function fillEvidence(list: HTMLElement, items: Evidence[], view: ViewModel): void {
  list.replaceChildren();
  list.setAttribute("aria-busy", "false");
  for (const ev of items.slice(0, MAX_QUOTES)) list.append(el("li", {}, evidenceItem(ev, view)));
  if (items.length > MAX_QUOTES) list.append(el("li", { className: "empty", text: `… ${items.length - MAX_QUOTES} more` }));
  if (items.length === 0) list.append(el("li", { className: "empty", text: "无引文 No quotes" }));
}

/** One quote: its context with the quoted span marked (text nodes only), the theme it belongs to, the report and line. */
export function evidenceItem(ev: Evidence, view: ViewModel): HTMLElement[] {
  const out: HTMLElement[] = [quoteBlock(ev)];
  if (ev.themeLabel) {
    const kind = (ev.themeKey && view.graph.hasNode(ev.themeKey) ? view.graph.getNodeAttribute(ev.themeKey, "kind") : ev.kind === "measure" ? "Measure" : "Problem") as DisplayLabel;
    out.push(el("p", { className: "in-theme", text: `→ ${ev.themeLabel}`, attrs: { style: `color:${NODE_COLORS[kind] ?? "#333"}`, "data-testid": "quote-theme" } }));
  }
  out.push(el("p", { className: "source", text: `《${ev.reportTitle}》 第 ${ev.line} 行 (line ${ev.line})`, attrs: { title: ev.path, "data-testid": "quote-source" } }));
  const load = view.details.sourceLines;
  if (load && (ev.kind === "problem" || ev.kind === "measure" || ev.kind === "cause") && ev.key.startsWith("stmt:")) {
    const box = el("pre", { className: "source-lines", attrs: { "data-testid": "source-lines" } });
    box.hidden = true;
    const button = el("button", { className: "source-button", text: "原文上下文 Source lines", attrs: { type: "button" } });
    button.addEventListener("click", () => {
      if (!box.hidden) {
        box.hidden = true;
        return;
      }
      box.hidden = false;
      box.textContent = "加载中 Loading…";
      void load(ev.key).then(
        (src) => {
          box.replaceChildren();
          if (src.lines.length === 0) box.textContent = `无法读取原文 The source file ${src.path} cannot be read here.`;
          src.lines.forEach((line, i) => {
            const n = src.first + i;
            const row = el("span", { className: n === ev.line ? "line here" : "line", text: `${String(n).padStart(5)}  ${line}\n` });
            box.append(row);
          });
        },
        () => (box.textContent = "无法读取原文 Could not load the source lines."),
      );
    });
    out.push(button, box);
  }
  return out;
}

/** The quote as a blockquote: the whole context, the quoted span in <mark>. */
export function quoteBlock(ev: Evidence): HTMLElement {
  const block = el("blockquote", { className: "quote", attrs: { "data-testid": "quote" } });
  const context = ev.context ?? ev.quote;
  const start = ev.markStart;
  const end = ev.markEnd;
  if (start !== undefined && end !== undefined && start >= 0 && end <= context.length && start < end) {
    block.append(context.slice(0, start), el("mark", { text: context.slice(start, end) }), context.slice(end));
  } else if (ev.context && ev.context !== ev.quote) {
    block.append(el("mark", { text: ev.quote }), el("span", { className: "item-context", text: `\n${ev.context}` }));
  } else block.append(el("mark", { text: ev.quote }));
  return block;
}
