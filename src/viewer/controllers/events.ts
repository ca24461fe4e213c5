/*
 * Binds sigma's pointer events to the state: hover highlights neighbours, click selects (opens the
 * side panel), a click on the background clears the selection.
 */

import { setHoveredNode, setSelectedNode } from "../state.ts";
import type { ViewRenderer, ViewerContext } from "../state.ts";

/** Attach the graph events; returns their removal. */
export function bindGraphEvents(ctx: ViewerContext, renderer: ViewRenderer): () => void {
  const container = renderer.getContainer();
  const handlers = {
    enterNode: ({ node }: { node: string }) => {
      container.style.cursor = "pointer";
      setHoveredNode(ctx, node);
    },
    leaveNode: () => {
      container.style.cursor = "";
      setHoveredNode(ctx, null);
    },
    clickNode: ({ node }: { node: string }) => setSelectedNode(ctx, node),
    clickStage: () => setSelectedNode(ctx, null),
  };
  renderer.on("enterNode", handlers.enterNode);
  renderer.on("leaveNode", handlers.leaveNode);
  renderer.on("clickNode", handlers.clickNode);
  renderer.on("clickStage", handlers.clickStage);
  return () => {
    renderer.off("enterNode", handlers.enterNode);
    renderer.off("leaveNode", handlers.leaveNode);
    renderer.off("clickNode", handlers.clickNode);
    renderer.off("clickStage", handlers.clickStage);
  };
}
