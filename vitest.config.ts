import { defineConfig } from "vitest/config";

// Two projects: "unit" (everything but test/integration, in parallel) and "integration" (tests
// against the real Neo4j that test/setup/neo4j.ts provides, one file at a time, after the unit
// tests, because they share and wipe one database). `npm run test:unit` skips Neo4j entirely.
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
          include: ["test/**/*.test.ts"],
          exclude: ["test/integration/**", "**/node_modules/**"],
        },
      },
      {
        extends: true,
        test: {
          name: "integration",
          include: ["test/integration/**/*.test.ts"],
          globalSetup: ["test/setup/neo4j.ts"],
          fileParallelism: false,
          testTimeout: 120_000,
          sequence: { groupOrder: 1 },
        },
      },
    ],
  },
});
