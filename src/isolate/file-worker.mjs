// Entry of the worker thread that runs the per-file stages (see file-runner.ts). Plain JavaScript
// so that it starts the same way everywhere: it registers tsx's loader, like bin/kg.js, and then
// loads the TypeScript worker body.
import { register } from "tsx/esm/api";

register();
await import("./file-worker-body.ts");
