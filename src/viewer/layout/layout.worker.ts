/*
 * Web worker running the deterministic ForceAtlas2 off the main thread: receives the matrices,
 * runs the fixed number of iterations in chunks and posts positions after each chunk.
 */
import { readPositions, runIterations } from "./fa2.ts";
import type { LayoutInput } from "./fa2.ts";

const CHUNK = 25;

self.onmessage = (event: MessageEvent<LayoutInput>) => {
  const input = event.data;
  let done = 0;
  while (done < input.iterations) {
    const n = Math.min(CHUNK, input.iterations - done);
    runIterations(input, n);
    done += n;
    const positions = readPositions(input.nodes);
    (self as unknown as Worker).postMessage({ positions, done, total: input.iterations }, [positions.buffer]);
  }
};
