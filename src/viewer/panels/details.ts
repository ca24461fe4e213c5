/*
 * Side panel for the selected node (or an opened matrix cell): label, recurrence, linked problems
 * or measures (clickable), and the evidence, each report's exact quote with its title and line.
 */
import { describeNode } from "../model/details.ts";
import { NODE_CAPTIONS, NODE_COLORS } from "../model/style.ts";
import type { DisplayLabel, Evidence, LinkedNode } from "../model/types.ts";
import { setSelectedNode, subscribe } from "../state.ts";
import type { State, ViewerContext } from "../state.ts";
import { clear, el } from "./dom.ts";

/** Build the side panel; `onFocus` moves the camera to a node chosen in the panel. */
export function createDetailsPanel(
  ctx: ViewerContext,
  onFocus: (key: string) => void,
): { element: HTMLElement; cleanup: () => void } {
  const body = el("div", { className: "details-body" });
  const element = el("aside", { className: "panel details", attrs: { "data-testid": "details", "aria-label": "details" } }, [
    el("button", { className: "close", text: "×", attrs: { "aria-label": "close", type: "button" }, on: { click: () => setSelectedNode(ctx, null) } }),
    body,
  ]);
  let last: unknown[] = [];
  const update = (state: State) => {
    const next = [state.selectedNode, state.cellFocus];
    if (next[0] === last[0] && next[1] === last[1]) return;
    last = next;
    render(ctx, state, body, onFocus);
    element.hidden = state.selectedNode === null;
  };
  element.hidden = true;
  return { element, cleanup: subscribe(ctx, update) };
}

function render(ctx: ViewerContext, state: State, body: HTMLElement, onFocus: (key: string) => void): void {
  clear(body);
  const details = state.selectedNode ? describeNode(ctx.view, state.selectedNode) : null;
  if (!details) return;
  const kind = details.kind as DisplayLabel;
  const focus = state.cellFocus?.nodeKey === details.key ? state.cellFocus : null;
  const evidence = focus ? details.evidence.filter((e) => e.reportKey === focus.reportKey) : details.evidence;
  const parts: (HTMLElement | null)[] = [
    el("p", { className: "kind", text: NODE_CAPTIONS[kind] ?? kind, attrs: { style: `color:${NODE_COLORS[kind] ?? "#333"}` } }),
    el("h2", { className: "node-label", text: details.label, attrs: { "data-testid": "details-label" } }),
    el("p", { className: "recurrence", attrs: { "data-testid": "details-recurrence" } }, [
      `出现于 ${details.reportCount} 份报告 · recurrence ${details.reportCount}`,
    ]),
    details.isGap ? el("p", { className: "gap-badge", text: "尚无对策 No measure proposed for this problem" }) : null,
    linkedSection(ctx, details.linked, onFocus),
    evidenceSection(evidence, focus ? (ctx.view.reportByKey.get(focus.reportKey)?.title ?? "") : null),
  ];
  body.append(...parts.filter((p): p is HTMLElement => p !== null));
}

const REL_CAPTIONS: Record<string, string> = {
  ADDRESSED_BY: "对策 / 问题 linked by ADDRESSED_BY",
  RAISES: "报告 RAISES",
  PROPOSES: "报告 PROPOSES",
  MENTIONS: "提及 MENTIONS",
  PART_OF: "上下级 PART_OF",
  CAUSES: "原因 CAUSES",
};

function linkedSection(ctx: ViewerContext, linked: LinkedNode[], onFocus: (key: string) => void): HTMLElement | null {
  if (linked.length === 0) return null;
  const list = el("ul", { className: "linked", attrs: { "data-testid": "details-linked" } });
  for (const node of linked.slice(0, 100)) {
    const button = el("button", { className: "link", attrs: { type: "button" } }, [
      el("span", { className: "dot", attrs: { style: `background:${NODE_COLORS[node.kind as DisplayLabel] ?? "#999"}` } }),
      node.label,
      el("span", { className: "count", text: ` ×${node.reportCount}` }),
    ]);
    button.addEventListener("click", () => {
      setSelectedNode(ctx, node.key);
      onFocus(node.key);
    });
    list.append(el("li", { attrs: { title: REL_CAPTIONS[node.rel] ?? node.rel } }, [button]));
  }
  return el("section", {}, [el("h3", { text: `关联 Linked (${linked.length})` }), list]);
}

function evidenceSection(evidence: Evidence[], reportTitle: string | null): HTMLElement {
  const heading = reportTitle === null ? `证据 Evidence (${evidence.length})` : `证据 Evidence in 《${reportTitle}》 (${evidence.length})`;
  const list = el("ol", { className: "evidence", attrs: { "data-testid": "evidence" } });
  for (const ev of evidence.slice(0, 300)) {
    list.append(
      el("li", {}, [
        el("blockquote", { className: "quote", text: ev.quote, attrs: { "data-testid": "quote" } }),
        el("p", { className: "source", text: `《${ev.reportTitle}》 第 ${ev.line} 行 (line ${ev.line})`, attrs: { title: ev.path } }),
      ]),
    );
  }
  if (evidence.length === 0) list.append(el("li", { className: "empty", text: "无引文 No quotes" }));
  return el("section", {}, [el("h3", { text: heading }), list]);
}
