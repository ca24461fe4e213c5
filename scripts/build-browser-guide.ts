/*
 * Writes the Neo4j Browser guide for the query library, cypher/guide/kg-queries.html, from
 * cypher/queries/*.cypher and cypher/style.grass (src/viewer/server/browser-guide.ts). Run it after
 * changing a query; test/viewer/server/browser-guide.test.ts fails while the file is out of date.
 * `kg serve` serves the same guide at /guide/kg-queries.html without this file.
 *
 * Usage: npm run build:guide
 */
import { writeFileSync } from "node:fs";
import { join } from "node:path";

import { CYPHER_DIR } from "../src/store/neo4j/cypher.ts";
import { GUIDE_FILE, currentBrowserGuide } from "../src/viewer/server/browser-guide.ts";

const out = join(CYPHER_DIR, "guide", GUIDE_FILE);
writeFileSync(out, await currentBrowserGuide());
console.log(`wrote ${out}`);
