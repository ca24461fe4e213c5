// `npm run build:cli` (also run by `npm run build` and on `npm install`): compiles the CLI to lib/
// with tsc (tsconfig.build.json), copies the JSON data files src/ reads at run time, and stamps the
// build. bin/kg.js runs lib/ only while the stamp is newer than every file in src/. Without
// TypeScript installed (npm install --omit=dev) it skips, and kg runs from src/ through tsx.
import { spawnSync } from "node:child_process";
import { copyFileSync, existsSync, mkdirSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL("..", import.meta.url));
let tsc;
try {
  tsc = createRequire(import.meta.url).resolve("typescript/bin/tsc");
} catch {
  console.log("build-cli: TypeScript is not installed; kg will run from src/ through tsx.");
  process.exit(0);
}
rmSync(join(root, "lib"), { recursive: true, force: true });
const result = spawnSync(process.execPath, [tsc, "-p", join(root, "tsconfig.build.json")], { stdio: "inherit" });
if (result.status !== 0) {
  rmSync(join(root, "lib"), { recursive: true, force: true });
  // (say how it ended when tsc itself said nothing: killed by a signal, or not started)
  const how = result.error ? ` (${result.error.message})` : result.signal ? ` (killed by ${result.signal})` : ` (exit ${result.status})`;
  console.error(`build-cli: tsc failed${how}; kg will run from src/ through tsx.`);
  process.exit(result.status ?? 1);
}
// Data files read through import.meta.url (not imported) are not emitted by tsc.
for (const rel of readdirSync(join(root, "src"), { recursive: true })) {
  if (!String(rel).endsWith(".json")) continue;
  const from = join(root, "src", String(rel));
  const to = join(root, "lib", String(rel));
  if (existsSync(dirname(to)) && !existsSync(to)) copyFileSync(from, to);
}
mkdirSync(join(root, "lib"), { recursive: true });
writeFileSync(join(root, "lib", ".build-stamp"), `${new Date().toISOString()}\n`);
console.log("build-cli: compiled the CLI into lib/");
