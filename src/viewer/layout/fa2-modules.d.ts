/* Types for the internal modules of graphology-layout-forceatlas2 the viewer's layout uses. */
declare module "graphology-layout-forceatlas2/helpers.js" {
  import type Graph from "graphology";
  const helpers: {
    graphToByteArrays(
      graph: Graph,
      getEdgeWeight: (edge: string, attrs: Record<string, unknown>) => number,
    ): { nodes: Float32Array; edges: Float32Array };
  };
  export default helpers;
}
declare module "graphology-layout-forceatlas2/iterate.js" {
  export default function iterate(settings: object, nodes: Float32Array, edges: Float32Array): void;
}
declare module "graphology-layout-forceatlas2/defaults.js" {
  import type { ForceAtlas2Settings } from "graphology-layout-forceatlas2";
  const defaults: Required<ForceAtlas2Settings>;
  export default defaults;
}
