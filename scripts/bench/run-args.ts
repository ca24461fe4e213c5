/*
 * The arguments scripts/bench.ts gives each run it spawns (run-once.ts, run-cli.ts): the corpus folder, the jobs, the
 * checkout whose code runs (--root), and whether its compiled lib/ runs (--compiled) instead of src/ through tsx.
 */
import { join, resolve } from "node:path";
import { pathToFileURL } from "node:url";

const arg = (name: string, fallback?: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1]! : fallback;
};
export const dir = arg("dir")!;
export const jobs = Number(arg("jobs", "1"));
const root = resolve(arg("root", ".")!);
// --compiled: the JavaScript of lib/ (npm run build:cli), as bin/kg.js runs it, instead of src/ through tsx.
const compiled = process.argv.includes("--compiled");
/** A module of the checkout that runs, by its path under src/. */
export const load = (path: string) => import(pathToFileURL(join(root, compiled ? path.replace(/^src\//, "lib/").replace(/\.ts$/, ".js") : path)).href);
