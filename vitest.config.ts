import { defineConfig } from "vitest/config";

// Three projects: "unit" (everything but test/integration and *.slow.test.ts, in parallel),
// "reliability" (the slow regression tests of issue 10, *.slow.test.ts) and "integration" (tests
// against the real Neo4j that test/setup/neo4j.ts provides, one file at a time, after the unit
// tests, because they share and wipe one database). `npm run test:unit` skips Neo4j entirely. Every project's
// temporary files go under one folder removed at the end (test/setup/temp-root.ts).
export default defineConfig({
  test: {
    restoreMocks: true,
    testTimeout: 30_000,
    hookTimeout: 180_000,
    projects: [
      {
        extends: true,
        test: {
          name: "unit",
          globalSetup: ["test/setup/temp-root.ts"],
          include: ["test/**/*.test.ts"],
          exclude: ["test/integration/**", "**/*.slow.test.ts", "**/node_modules/**"],
        },
      },
      {
        // Slow regression tests of issue 10 (a 5 MB report …): in `npm test`, not in `npm run test:unit`.
        extends: true,
        test: {
          name: "reliability",
          globalSetup: ["test/setup/temp-root.ts"],
          include: ["test/reliability/**/*.slow.test.ts"],
        },
      },
      {
        extends: true,
        test: {
          name: "integration",
          include: ["test/integration/**/*.test.ts"],
          globalSetup: ["test/setup/temp-root.ts", "test/setup/neo4j.ts"],
          fileParallelism: false,
          testTimeout: 120_000,
          sequence: { groupOrder: 1 },
        },
      },
    ],
  },
});
