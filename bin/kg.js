#!/usr/bin/env node
// Entry point of the `kg` command: runs the TypeScript CLI through tsx's loader,
// so there is no build step between `npm install` and `npx kg`.
import { register } from "tsx/esm/api";

register();
await import("../src/cli/index.ts");
